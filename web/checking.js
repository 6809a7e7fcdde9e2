// The page's checks of the editor text (app.checks): synchronous on every keystroke while checks are quick; once a
// check of a large body gets slow, in a Web Worker (web/checker.js) so typing never waits, always the newest text.
// Each report reaches the panels through the shell's `report` event (web/shell.js), then `pause` once typing stops.
import { WorkerChecker } from './checker.js';

const SLOW_MS = 50;           // a check slower than this, on a body of at least
const WORKER_MIN = 64 * 1024; // this many characters, moves the next checks to the worker
const LIMITS_IN_WORKER = 50000;   // a JSON body longer than this gets its limits table rows from the worker too

export class Checks {
  /** app: the shell (its mm, editor, mode, settings and checkRequest(); report and events go back to it). */
  constructor(app) {
    this.app = app;
    this.checker = null;    // the WorkerChecker, once a check went to the worker
    this.slow = false;      // the next checks go to the worker
    this.version = 0;       // bumped on every document change
    this.runs = 0;
    // The worker holds the text it last checked: later requests carry only the edits since (a CodeMirror ChangeSet
    // composed here; null = none), never the whole text again. workerText false: the next request sends it whole.
    this.workerText = false;
    this.workerEdits = null;
    // Keystroke-to-preview latency (pendingKey: the first keydown since the last check, set by the editor panel).
    this.perf = { samples: [], checkMs: [], pendingKey: null, lastKeyTs: undefined };
  }

  /** The first check of `doc` (before the editor exists): {report, ms}, in the worker for a large body. */
  async first(doc) {
    const first = doc.length >= WORKER_MIN && WorkerChecker.supported() ? await this.checkOffThread(doc) : this.check(doc);
    this.runs = 1;
    return first;
  }

  /** Checks the editor text again: now on this thread, or soon in the worker while checks are slow. */
  schedule() {
    const { app } = this;
    if (!app.editor) return;
    const keyTs = this.perf.pendingKey;
    this.perf.pendingKey = null;
    if (!this.slow || !WorkerChecker.supported()) { this.run(keyTs); return; }
    this.checker ??= new WorkerChecker((job, res) => this.onWorkerReport(job, res));
    // In a task of its own: copying out and posting a multi-megabyte text must not lengthen the keystroke's task, and a
    // burst of keystrokes sends the text once.
    if (this.pendingKeyTs === undefined || (keyTs !== null && (this.pendingKeyTs === null || keyTs < this.pendingKeyTs))) this.pendingKeyTs = keyTs;
    if (this.sendTimer) return;
    this.sendTimer = setTimeout(() => {
      this.sendTimer = null;
      const ts = this.pendingKeyTs ?? null;
      this.pendingKeyTs = undefined;
      const limits = app.mode === 'json' && app.editor.length > LIMITS_IN_WORKER ? { settings: { ...app.settings } } : null;
      this.checker.request({ payload: () => this.workerPayload(), version: this.version, request: app.checkRequest(), keyTs: ts, limits });
    }, 0);
  }

  /** A document change (changes: CodeMirror's ChangeSet, or undefined when unknown, e.g. the plain textarea). */
  edited(changes) {
    this.version++;
    if (this.workerText && this.slow && changes) this.workerEdits = this.workerEdits ? this.workerEdits.compose(changes) : changes;
    else this.workerText = false;
    this.schedule();
  }

  /** What the worker's next check carries: {edits} since the text it holds, or {body} (then it holds that). */
  workerPayload() {
    if (this.workerText) {
      const edits = [];
      this.workerEdits?.iterChanges((fromA, toA, fromB, toB, inserted) => { edits.push([fromA, toA, inserted.toString()]); });
      this.workerEdits = null;
      return { edits };
    }
    this.workerText = true;
    this.workerEdits = null;
    return { body: this.app.editor.getText() };
  }

  /** Checks `text` in the worker: a promise of {report, ms}; later checks stay there while they are slow. */
  checkOffThread(text) {
    this.checker ??= new WorkerChecker((job, res) => this.onWorkerReport(job, res));
    this.workerText = false;   // (text need not be the editor's: the next request sends the editor's whole)
    return new Promise((resolve) => {
      this.checker.request({ body: text, version: this.version, request: this.app.checkRequest(), keyTs: null, done: (res) => {
        this.slow = res.ms > SLOW_MS;
        resolve({ report: res.report || failedReport(res.error), ms: res.ms });
      } });
    });
  }

  onWorkerReport(job, res) {
    if (job.done) { job.done(res); return; }
    const report = res.report || failedReport(res.error);
    // A request of edits sent no text: the editor's is that text when no edit came since (else only its length is read).
    const text = job.body ?? this.app.editor.getText();
    // A large body stays in the worker once slow: a fast report (broken JSON stops early) must not bring the next full,
    // slow check back onto this thread nor make the worker be sent the whole text again.
    this.slow = text.length >= WORKER_MIN && (this.slow || res.ms > SLOW_MS);
    if (!this.slow) this.workerText = false;
    this.apply(text, report, res.ms, job.keyTs, job.version, res.limits || null);
  }

  /** Checks `text` now, on this thread: {report, ms}. */
  check(text) {
    const t0 = performance.now();
    let report;
    try {
      report = this.app.mm.check(text, this.app.checkRequest());
    } catch (e) {
      report = failedReport(e && e.message ? e.message : e);
    }
    return { report, ms: performance.now() - t0 };
  }

  /** Checks the editor text now, on this thread. */
  run(keyTs = null) {
    if (!this.app.mm || !this.app.editor) return; // still starting: start() runs the first check
    // The mobile dialect is in the tools module (the page starts lean): checked once it has loaded.
    if (this.app.platform === 'mobile' && !this.app.commandsLoaded) { this.app.loadCommands().then(() => this.schedule(), () => {}); return; }
    this.runs++;
    const text = this.app.editor.getText();
    const { report, ms } = this.check(text);
    this.slow = this.runs > 1 && ms > SLOW_MS && text.length >= WORKER_MIN;
    this.apply(text, report, ms, keyTs, this.version);
  }

  /** Shows a report for `text` in every panel; `current`: the editor still holds exactly that text. */
  apply(text, report, checkMs, keyTs, version, limits = null) {
    const { app, perf } = this;
    app.report = report;
    app.emit('report', text, report, { checkMs, keyTs, current: version === this.version, slow: this.slow, limits });
    const done = performance.now();
    perf.checkMs.push(checkMs);
    if (keyTs !== null && keyTs !== undefined) { perf.samples.push(done - keyTs); perf.lastKeyTs = keyTs; }
    if (perf.samples.length > 5000) perf.samples.splice(0, 2500);
    if (perf.checkMs.length > 5000) perf.checkMs.splice(0, 2500);
    document.body.dataset.revision = String((Number(document.body.dataset.revision) || 0) + 1);
    this.scheduleIdle();
  }

  // Command text and the draft: not needed on every keystroke.
  scheduleIdle() {
    clearTimeout(this.idleTimer);
    const big = this.app.editor.length > 100000;
    this.idleTimer = setTimeout(() => this.app.emit('pause'), big ? 1500 : 250);
  }

  /** A one-post rendering of `markdown` (the card side panel of older renderers). */
  renderMarkdown(markdown) {
    try {
      const r = this.app.mm.check(JSON.stringify({ text: markdown || ' ' }), { ...this.app.checkRequest(), contentType: 'application/json' });
      return r.posts[0] ? r.posts[0].html : '';
    } catch { return ''; }
  }
}

function failedReport(message) {
  return { ok: false, status: 0, error: { id: 'mmhook.internal', message: String(message), detailed_error: '' }, diagnostics: [], posts: [] };
}
