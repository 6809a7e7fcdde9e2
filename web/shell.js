// The previewer page: edit a payload, see what Mattermost would answer and draw, fix every problem, copy the command.
import { mmReady } from './boot.js'; // first: starts the wasm before the other modules are evaluated
import { EXAMPLE_PAYLOAD } from './example.js';
import { createEditor } from './editor.js';
import { Preview } from './preview.js';
import { TEMPLATES } from './templates.js';
import { SETTINGS, defaultSettings, toRequestSettings, fromRequestSettings } from './settings.js';
import { explainError } from './explain.js';
import { encodeShare, decodeShare, SHARE_WARN_LENGTH, saveDraft, loadDraft, saveWebhookUrl, loadWebhookUrl,
  forgetWebhookUrl, loadPrefs, savePrefs } from './share.js';
import previewCss from './preview.css';
import fontsCss from 'mmhook-web:fonts-css';
import { WorkerChecker } from './checker.js';

const SLOW_MS = 50;         // a check slower than this, on a body of at least
const WORKER_MIN = 64 * 1024; // this many characters, moves the next checks to the worker

const $ = (role, root = document) => root.querySelector(`[data-role="${role}"]`);
const PLACEHOLDER_URL = 'https://your-mattermost.example.com/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx';
const SHELLS = [
  ['posix', 'bash / zsh'], ['powershell', 'PowerShell'], ['cmd', 'cmd.exe'], ['powershell-irm', 'Invoke-RestMethod'],
  ['httpie', 'HTTPie'], ['wget', 'wget'], ['fetch', 'JavaScript fetch'], ['python', 'Python requests'],
];
const FORM_CT = 'application/x-www-form-urlencoded';

// ---- body modes ------------------------------------------------------------------------------------------------
/** JSON text -> a form body as people write it for curl -d: payload=<json> with only %, & and + escaped. */
export function jsonToForm(text) { return 'payload=' + text.replace(/[%&+]/g, (c) => encodeURIComponent(c)); }
/** A form body -> the JSON in its payload field (form-decoded), or the text unchanged when there is none. */
export function formToJson(text) {
  if (!/^\s*payload=/.test(text) && !/&payload=/.test(text)) return text;
  try { const v = new URLSearchParams(text.trim()).get('payload'); return v === null ? text : v; } catch { return text; }
}

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    ta.remove();
    return ok;
  }
}

function flash(node, text, ms = 2500) {
  node.textContent = text;
  clearTimeout(node._t);
  node._t = setTimeout(() => { node.textContent = ''; }, ms);
}

// ---- iframe embed mode ------------------------------------------------------------------------------------------
// index.html?embed=1&readonly=1&hide=editor,command&theme=dark#s=<share>: a frame-friendly layout for hosts that cannot
// run scripts. Flags live in the query because the fragment carries the share state.
const EMBED_PANELS = {
  editor: ['.pane--editor'],
  command: ['[data-role="command"]', '#tab-command'],
  settings: ['[data-role="settings"]', '#tab-settings'],
  explain: ['[data-role="explain"]', '#tab-explain'],
  diagnostics: ['[data-role="diagnostics"]'],
  verdict: ['[data-role="verdict"]'],
  templates: ['[data-role="template"]'],
};

function readEmbedFlags(search) {
  const q = new URLSearchParams(search);
  if (q.get('embed') !== '1') return null;
  const hide = new Set((q.get('hide') || '').split(',').map((x) => x.trim()).filter((x) => x in EMBED_PANELS));
  const theme = ['light', 'dark', 'auto'].includes(q.get('theme')) ? q.get('theme') : null;
  return { readonly: q.get('readonly') === '1', hide, theme };
}

function applyEmbedLayout(flags) {
  document.documentElement.dataset.embed = 'true';
  for (const name of flags.hide) {
    for (const sel of EMBED_PANELS[name]) {
      for (const el of document.querySelectorAll(sel)) (name === 'templates' ? el.closest('label') || el : el).classList.add('is-embed-hidden');
    }
  }
  if (['command', 'settings', 'explain'].every((n) => flags.hide.has(n))) document.querySelector('.pane--tools')?.classList.add('is-embed-hidden');
}

// ---- the page ---------------------------------------------------------------------------------------------------
class Page {
  /** mmReady: the mmhook instance (a promise: the wasm compiles while the page is set up). */
  constructor(mmReady) {
    this.mmReady = mmReady;
    this.mm = null;
    this.mode = 'json';
    this.version = 0;   // bumped on every document change
    this.settings = defaultSettings();
    this.report = null;
    this.lastGood = false;
    this.perf = { samples: [], checkMs: [], pendingKey: null, lastKeyTs: undefined };
    this.slow = false;
    this.prefs = loadPrefs();
    this.embed = readEmbedFlags(location.search);
  }

  async start() {
    if (this.embed) applyEmbedLayout(this.embed);
    const shared = await decodeShare(location.hash);
    const draft = shared || this.embed ? null : loadDraft();
    const initial = shared || draft;
    if (initial) {
      this.mode = initial.mode === 'form' ? 'form' : 'json';
      this.settings = fromRequestSettings(initial.settings);
    }
    const fonts = new CSSStyleSheet();
    fonts.replaceSync(fontsCss);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, fonts];
    this.setupTheme();
    this.preview = new Preview({
      frame: $('preview').querySelector('iframe'), staleBanner: $('stale'), sheets: [fontsCss, previewCss],
      renderCard: (md) => this.renderCard(md),
    });
    this.setContentType(initial ? (initial.contentType ?? 'none') : 'application/json');
    this.setupModes();
    this.setupCommand();
    this.setupShare();
    this.setupTabs();
    this.setupPreviewTools();
    $('reset').addEventListener('click', () => this.loadBody(EXAMPLE_PAYLOAD, 'json', 'application/json'));
    $('content-type').addEventListener('change', () => this.schedule());
    window.addEventListener('hashchange', async () => {
      const s = await decodeShare(location.hash);
      if (s) { this.settings = fromRequestSettings(s.settings); this.renderSettingsFields(); this.loadBody(s.body, s.mode, s.contentType ?? 'none'); }
    });
    this.mm = await this.mmReady;
    const v = this.mm.version;
    $('versions').textContent = `mmhook ${v.mmhook} · cmark-gfm ${v.cmarkGfm} · simdjson ${v.simdjson}`;
    // The first check runs before the editor exists, so the editor starts with its lint markers (no second update).
    const doc = initial ? initial.body : EXAMPLE_PAYLOAD;
    const first = this.check(doc);
    this.runs = 1;
    this.editor = createEditor($('editor'), {
      doc, label: 'Webhook payload', diagnostics: first.report.diagnostics, onChange: () => { this.version++; this.schedule(); },
    });
    if (this.embed?.readonly) this.editor.setReadOnly(true);
    performance.mark('mmhook:editor');
    $('editor').addEventListener('keydown', (e) => { if (this.perf.pendingKey === null) this.perf.pendingKey = e.timeStamp; }, true);
    await this.preview.ready;
    this.preview.setTheme(this.theme);
    this.apply(doc, first.report, first.ms, null, this.version);
    performance.mark('mmhook:ready');
    document.body.dataset.ready = 'true';
    // Panels nobody uses in the first moment are filled right after the first preview, in their own task.
    await new Promise((r) => setTimeout(r, 0));
    this.setupTemplates();
    this.setupSettings();
    this.setupExplain();
  }

  contentType() { const v = $('content-type').value; return v === 'none' ? null : v; }
  setContentType(ct) {
    const sel = $('content-type');
    const v = ct === null || ct === undefined || ct === '' ? 'none' : ct;
    if (![...sel.options].some((o) => o.value === v)) sel.append(h('option', { value: v, text: v }));
    sel.value = v;
  }

  /** Replaces the editor content (undoable) and the request shape. */
  loadBody(body, mode, contentType) {
    this.mode = mode === 'form' ? 'form' : 'json';
    for (const r of document.querySelectorAll('input[name="body-mode"]')) r.checked = r.value === this.mode;
    $('curl-import').hidden = true;
    this.setContentType(contentType);
    this.editor.setText(body);
    this.schedule();
  }

  // Small payloads are checked synchronously on every keystroke. When a check gets slow (large payloads), checks move
  // to a Web Worker so typing never waits: the newest text is checked as soon as the previous check returns.
  schedule() {
    if (!this.editor) return;
    const keyTs = this.perf.pendingKey;
    this.perf.pendingKey = null;
    if (!this.slow || !WorkerChecker.supported()) { this.run(keyTs); return; }
    if (!this.checker) this.checker = new WorkerChecker((job, res) => this.onWorkerReport(job, res));
    this.checker.request({ body: this.editor.getText(), version: this.version, request: this.checkRequest(), keyTs });
  }

  onWorkerReport(job, res) {
    const report = res.report || this.failedReport(res.error);
    this.slow = res.ms > SLOW_MS && job.body.length >= WORKER_MIN;
    this.apply(job.body, report, res.ms, job.keyTs, job.version);
  }

  requestSettings() { return toRequestSettings(this.settings); }

  checkRequest() { return { contentType: this.contentType(), settings: this.requestSettings() }; }

  failedReport(message) {
    return { ok: false, status: 0, error: { id: 'mmhook.internal', message: String(message), detailed_error: '' }, diagnostics: [], posts: [] };
  }

  /** Checks `text` now, on this thread: {report, ms}. */
  check(text) {
    const t0 = performance.now();
    let report;
    try {
      report = this.mm.check(text, this.checkRequest());
    } catch (e) {
      report = this.failedReport(e && e.message ? e.message : e);
    }
    return { report, ms: performance.now() - t0 };
  }

  /** Checks the editor text now, on this thread. */
  run(keyTs = null) {
    if (!this.mm || !this.editor) return; // still starting: start() runs the first check
    this.runs = (this.runs || 0) + 1;
    const text = this.editor.getText();
    const { report, ms } = this.check(text);
    this.slow = this.runs > 1 && ms > SLOW_MS && text.length >= WORKER_MIN;
    this.apply(text, report, ms, keyTs, this.version);
  }

  /** Shows a report for `text`; lint markers only when the editor still holds exactly that text. */
  apply(text, report, checkMs, keyTs, version) {
    const current = version === this.version;
    this.report = report;
    if (current) this.editor.setDiagnostics(text, report.diagnostics);
    this.renderVerdict(report);
    this.renderDiagnostics(report);
    const drawn = this.preview.render(report, this.settings);
    if (drawn) this.lastGood = true;
    const firstError = report.diagnostics.find((d) => d.severity === 'error');
    this.preview.setStale(!drawn && this.lastGood,
      firstError ? `Line ${firstError.line}, column ${firstError.column}: ${firstError.message}` : (report.error ? report.error.message : ''));
    const done = performance.now();
    this.perf.checkMs.push(checkMs);
    if (keyTs !== null && keyTs !== undefined) { this.perf.samples.push(done - keyTs); this.perf.lastKeyTs = keyTs; }
    if (this.perf.samples.length > 5000) this.perf.samples.splice(0, 2500);
    if (this.perf.checkMs.length > 5000) this.perf.checkMs.splice(0, 2500);
    const size = text.length < 200000 ? `${new TextEncoder().encode(text).length.toLocaleString('en')} bytes` : `${(text.length / 1024).toFixed(0)} K characters`;
    $('editor-status').textContent = `${size} · ${report.posts.length} post${report.posts.length === 1 ? '' : 's'} · checked in ${checkMs.toFixed(1)} ms` +
      (this.slow ? ' (in the background)' : '');
    document.body.dataset.revision = String((Number(document.body.dataset.revision) || 0) + 1);
    this.scheduleSecondary();
  }

  // Command text and the draft: not needed on every keystroke.
  scheduleSecondary() {
    clearTimeout(this.secondaryTimer);
    const big = this.editor.view.state.doc.length > 100000;
    this.secondaryTimer = setTimeout(() => { this.updateCommand(); this.saveDraft(); }, big ? 1500 : 250);
  }

  saveDraft() {
    if (this.embed) return;  // an embedded view never overwrites the reader's own draft
    saveDraft({ body: this.editor.getText(), contentType: this.contentType(), mode: this.mode, settings: toRequestSettings(this.settings, true) });
  }

  renderVerdict(r) {
    const el = $('verdict');
    // Unchanged verdicts (most keystrokes) leave the DOM alone: no restyle of the page for nothing.
    const key = JSON.stringify([r.ok, r.status, r.error, r.posts.length, r.diagnostics.map((d) => d.severity[0]).join('')]);
    if (key === this.verdictKey && el.firstChild) return;
    this.verdictKey = key;
    el.className = 'verdict ' + (r.ok ? 'verdict--ok' : 'verdict--error');
    el.replaceChildren();
    const counts = ['error', 'warning', 'info'].map((s) => [s, r.diagnostics.filter((d) => d.severity === s).length]);
    if (r.ok) {
      el.append(h('span', { class: 'verdict__icon icon icon-check-circle-outline', 'aria-hidden': 'true' }),
        h('strong', { text: 'Mattermost would answer 200 ok' }),
        h('span', { class: 'verdict__detail', text: ` — ${r.posts.length} post${r.posts.length === 1 ? '' : 's'} created` +
          (counts[1][1] ? `, ${counts[1][1]} warning${counts[1][1] === 1 ? '' : 's'}` : '') }));
      return;
    }
    el.append(h('span', { class: 'verdict__icon icon icon-alert-circle-outline', 'aria-hidden': 'true' }),
      h('strong', { text: `Mattermost would answer ${r.status}` }));
    if (r.error) {
      el.append(h('div', { class: 'verdict__line' }, h('code', { class: 'verdict__id', text: r.error.id })),
        h('div', { class: 'verdict__line verdict__message', text: r.error.message }));
      if (r.error.detailed_error) el.append(h('div', { class: 'verdict__line verdict__detail' }, h('span', { class: 'verdict__label', text: 'detailed_error: ' }), r.error.detailed_error));
    }
  }

  renderDiagnostics(r) {
    const box = $('diagnostics');
    const key = JSON.stringify(r.diagnostics);
    if (key === this.diagnosticsKey) return;
    this.diagnosticsKey = key;
    for (const g of box.querySelectorAll('.diag-group')) g.remove();
    $('diagnostics-empty').hidden = r.diagnostics.length > 0;
    const names = { error: 'Errors', warning: 'Warnings', info: 'Notes' };
    for (const sev of ['error', 'warning', 'info']) {
      const list = r.diagnostics.filter((d) => d.severity === sev);
      if (!list.length) continue;
      const id = `diag-${sev}`;
      const ul = h('ul', { 'aria-labelledby': id });
      for (const d of list.slice(0, 500)) {
        ul.append(h('li', { class: `diagnostic diagnostic--${sev}` },
          h('button', { type: 'button', class: 'diagnostic__jump', 'data-offset': String(d.offset), 'data-line': String(d.line),
            onclick: () => this.editor.focusAt(d.offset) },
          h('span', { class: 'diagnostic__pos', text: `${d.line}:${d.column}` }),
          h('span', { class: 'diagnostic__msg', text: d.message }),
          h('code', { class: 'diagnostic__code', text: d.code }))));
      }
      box.append(h('section', { class: `diag-group diag-group--${sev}` }, h('h4', { id, text: `${names[sev]} (${list.length})` }), ul));
    }
  }

  renderCard(markdown) {
    try {
      const r = this.mm.check(JSON.stringify({ text: markdown || ' ' }), { contentType: 'application/json', settings: this.requestSettings() });
      return r.posts[0] ? r.posts[0].html : '';
    } catch { return ''; }
  }

  // ---- theme and preview tools -------------------------------------------------------------------------------------
  setupTheme() {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const forced = this.embed?.theme === 'light' || this.embed?.theme === 'dark' ? this.embed.theme : null;
      const saved = this.embed?.theme === 'auto' ? null : this.prefs.theme;
      this.theme = forced || saved || (mq.matches ? 'dark' : 'light');
      document.documentElement.dataset.theme = this.theme;
      const btn = $('theme');
      btn.setAttribute('aria-pressed', String(this.theme === 'dark'));
      btn.textContent = this.theme === 'dark' ? 'Dark theme: on' : 'Dark theme: off';
      btn.title = 'Switch between Denim (light) and Onyx (dark)';
      this.preview?.setTheme(this.theme);
    };
    mq.addEventListener?.('change', apply);
    $('theme').addEventListener('click', () => {
      this.prefs.theme = this.theme === 'dark' ? 'light' : 'dark';
      savePrefs(this.prefs);
      apply();
    });
    apply();
  }

  setupPreviewTools() {
    for (const r of document.querySelectorAll('input[name="viewport"]')) {
      r.addEventListener('change', () => $('preview').classList.toggle('preview--mobile', r.value === 'mobile' && r.checked));
    }
    const remote = $('remote-images');
    const note = () => { $('remote-images-note').textContent = remote.checked
      ? 'On: images in the payload are fetched from their servers by your browser.'
      : 'Off: no image from the payload is loaded.'; };
    remote.checked = this.prefs.remoteImages !== false;
    this.preview.setLoadRemoteImages(remote.checked);
    note();
    remote.addEventListener('change', () => {
      this.prefs.remoteImages = remote.checked; savePrefs(this.prefs);
      this.preview.setLoadRemoteImages(remote.checked); note(); this.schedule();
    });
  }

  // ---- body modes and curl import ----------------------------------------------------------------------------------
  setupModes() {
    for (const r of document.querySelectorAll('input[name="body-mode"]')) {
      r.checked = r.value === this.mode;
      r.addEventListener('change', () => {
        if (!r.checked) return;
        if (r.value === 'curl') { $('curl-import').hidden = false; $('curl-text').focus(); return; }
        $('curl-import').hidden = true;
        if (r.value === this.mode) return;
        const text = this.editor.getText();
        if (r.value === 'form') this.loadBody(jsonToForm(text), 'form', FORM_CT);
        else this.loadBody(formToJson(text), 'json', 'application/json');
      });
    }
    const back = () => {
      $('curl-import').hidden = true;
      for (const r of document.querySelectorAll('input[name="body-mode"]')) r.checked = r.value === this.mode;
    };
    $('curl-cancel').addEventListener('click', back);
    $('curl-load').addEventListener('click', () => this.importCurl($('curl-text').value));
  }

  importCurl(text) {
    const out = $('curl-result');
    if (typeof this.mm.parseCommand !== 'function') { out.textContent = 'Importing curl commands is not available in this build of mmhook yet.'; return; }
    let parsed;
    try { parsed = this.mm.parseCommand(text); } catch (e) { out.textContent = `Cannot import: ${e && e.message ? e.message : e}`; return; }
    const errors = (parsed.diagnostics || []).filter((d) => d.severity === 'error');
    const notes = (parsed.diagnostics || []).map((d) => `${d.severity}: ${d.message}`);
    if (errors.length && !parsed.body) { out.textContent = notes.join(' '); return; }
    const ct = parsed.contentType ?? null;
    const isForm = ct !== null && ct.toLowerCase().startsWith(FORM_CT);
    if (parsed.url) {
      $('webhook-url').value = parsed.url;
      if ($('remember-url').checked) saveWebhookUrl(parsed.url);
    }
    this.loadBody(parsed.body || '', isForm ? 'form' : 'json', ct);
    $('curl-result').textContent = '';
    flash($('copy-status'), parsed.url ? 'The URL from the command is in the webhook URL field (not stored).' : '', 6000);
    if (notes.length) out.textContent = notes.join(' ');
  }

  // ---- templates ----------------------------------------------------------------------------------------------------
  setupTemplates() {
    const sel = $('template');
    for (const t of TEMPLATES) sel.append(h('option', { value: t.id, text: t.label }));
    sel.addEventListener('change', () => {
      const t = TEMPLATES.find((x) => x.id === sel.value);
      if (!t) return;
      this.loadBody(t.body(), 'json', t.contentType);
      sel.value = '';
    });
  }

  // ---- server settings ----------------------------------------------------------------------------------------------
  setupSettings() {
    this.renderSettingsFields();
    $('settings-reset').addEventListener('click', () => { this.settings = defaultSettings(); this.renderSettingsFields(); this.schedule(); });
  }

  renderSettingsFields() {
    const box = $('settings-fields');
    box.replaceChildren();
    for (const s of SETTINGS) {
      const id = `setting-${s.key.replace('.', '-')}`;
      const helpId = `${id}-help`;
      const v = this.settings[s.key];
      const defText = Array.isArray(s.def) ? (s.def.length ? s.def.join(', ') : 'none') : s.def === '' ? 'empty' : String(s.def);
      let input;
      if (s.type === 'bool') input = h('input', { type: 'checkbox', id, 'aria-describedby': helpId, checked: v });
      else if (s.type === 'int') input = h('input', { type: 'number', id, min: String(s.min ?? 0), step: '1', value: String(v), 'aria-describedby': helpId });
      else input = h('input', { type: 'text', id, value: Array.isArray(v) ? v.join(', ') : v, 'aria-describedby': helpId, spellcheck: 'false' });
      input.dataset.setting = s.key;
      input.addEventListener(s.type === 'bool' ? 'change' : 'input', () => {
        if (s.type === 'bool') this.settings[s.key] = input.checked;
        else if (s.type === 'int') { const n = Number(input.value); if (Number.isInteger(n) && n >= (s.min ?? 0)) this.settings[s.key] = n; else return; }
        else if (s.type === 'list') this.settings[s.key] = input.value.split(/[,\s]+/).filter(Boolean);
        else this.settings[s.key] = input.value;
        this.schedule();
      });
      const row = h('div', { class: `setting setting--${s.type}` },
        s.type === 'bool' ? h('label', { for: id, class: 'setting__label setting__label--check' }, input, ' ', s.label)
          : h('label', { for: id, class: 'setting__label' }, s.label),
        s.type === 'bool' ? null : input,
        h('p', { id: helpId, class: 'setting__help' }, s.help, h('span', { class: 'setting__default', text: ` Default: ${defText}.` })));
      box.append(row);
    }
  }

  // ---- command --------------------------------------------------------------------------------------------------------
  setupCommand() {
    const url = $('webhook-url');
    const remember = $('remember-url');
    const stored = loadWebhookUrl();
    if (stored) { url.value = stored; remember.checked = true; }
    url.addEventListener('input', () => { if (remember.checked) saveWebhookUrl(url.value.trim()); this.updateCommand(); });
    remember.addEventListener('change', () => { if (remember.checked) saveWebhookUrl(url.value.trim()); else forgetWebhookUrl(); });
    const reveal = $('reveal-url');
    reveal.addEventListener('click', () => {
      const show = url.type === 'password';
      url.type = show ? 'text' : 'password';
      reveal.setAttribute('aria-pressed', String(show));
      reveal.textContent = show ? 'Hide' : 'Show';
    });
    const tabs = $('shell');
    this.shell = this.prefs.shell && SHELLS.some(([k]) => k === this.prefs.shell) ? this.prefs.shell : 'posix';
    for (const [key, label] of SHELLS) {
      const b = h('button', { type: 'button', role: 'tab', 'data-shell': key, 'aria-selected': String(key === this.shell),
        tabindex: key === this.shell ? '0' : '-1', 'aria-controls': 'command-text-wrap', text: label });
      b.addEventListener('click', () => this.selectShell(key));
      tabs.append(b);
    }
    this.tablistKeys(tabs, (b) => this.selectShell(b.dataset.shell));
    $('command-text').id = 'command-text-wrap';
    for (const r of document.querySelectorAll('input[name="encoding"]')) r.addEventListener('change', () => this.updateCommand());
    $('copy-command').addEventListener('click', async () => {
      this.updateCommand();
      const text = $('command-text').textContent;
      if (!this.commandOk) { flash($('copy-status'), 'Nothing to copy: the command is not available.'); return; }
      const ok = await copyText(text);
      flash($('copy-status'), ok ? (this.realUrl ? 'Copied — contains your real webhook URL.' : 'Copied (with a placeholder URL: paste yours above).')
        : 'Copy failed: select the command and copy it by hand.');
    });
  }

  selectShell(key) {
    this.shell = key;
    this.prefs.shell = key; savePrefs(this.prefs);
    for (const b of $('shell').querySelectorAll('[role="tab"]')) {
      const on = b.dataset.shell === key;
      b.setAttribute('aria-selected', String(on)); b.tabIndex = on ? 0 : -1;
    }
    this.updateCommand();
  }

  updateCommand() {
    const pre = $('command-text');
    const notes = $('command-notes');
    const encoding = document.querySelector('input[name="encoding"]:checked')?.value || 'json';
    const raw = $('webhook-url').value.trim();
    this.realUrl = raw !== '';
    const url = raw || PLACEHOLDER_URL;
    const text = this.editor.getText();
    const body = this.mode === 'form' ? formToJson(text) : text;
    notes.replaceChildren();
    try {
      const opts = { url, shell: this.shell, encoding };
      const out = typeof this.mm.commandDetails === 'function' ? this.mm.commandDetails(body, opts) : this.mm.command(body, opts);
      const cmd = typeof out === 'string' ? out : out && typeof out.command === 'string' ? out.command : String(out);
      pre.textContent = cmd;
      this.commandOk = true;
      const diags = out && typeof out === 'object' && Array.isArray(out.diagnostics) ? out.diagnostics : [];
      for (const d of diags) {
        if (!this.realUrl && /^command\.url/.test(d.code)) continue;
        notes.append(h('li', { class: `diagnostic--${d.severity}`, text: `${d.message} [${d.code}]` }));
      }
      if (!this.realUrl) notes.append(h('li', { class: 'hint', text: 'The command uses a placeholder URL; paste your webhook URL above to get a ready-to-run command.' }));
    } catch (e) {
      this.commandOk = false;
      pre.textContent = `Command generation is not available in this build of mmhook (${e && e.message ? e.message : e}).`;
    }
  }

  // ---- share --------------------------------------------------------------------------------------------------------
  setupShare() {
    const btn = $('share');
    const panel = $('share-panel');
    btn.addEventListener('click', async () => {
      if (!panel.hidden) { panel.hidden = true; btn.setAttribute('aria-expanded', 'false'); return; }
      const frag = await encodeShare({ body: this.editor.getText(), contentType: this.contentType(), mode: this.mode,
        settings: toRequestSettings(this.settings, true) });
      const link = location.href.replace(/#.*$/, '') + frag;
      $('share-url').value = link;
      const len = $('share-length');
      len.className = 'share-panel__meta' + (link.length > SHARE_WARN_LENGTH ? ' share-panel__meta--warn' : '');
      len.textContent = `${link.length.toLocaleString('en')} characters` + (link.length > SHARE_WARN_LENGTH
        ? ` — longer than ${SHARE_WARN_LENGTH.toLocaleString('en')}: some chat clients, mail programs and browsers cut or refuse links this long.`
        : ' — short enough for chat clients.');
      panel.hidden = false;
      btn.setAttribute('aria-expanded', 'true');
      $('share-url').focus();
      $('share-url').select();
    });
    $('share-copy').addEventListener('click', async () => {
      const ok = await copyText($('share-url').value);
      flash($('share-length'), ok ? 'Link copied.' : 'Copy failed: select the link and copy it by hand.');
    });
  }

  // ---- explain an error -------------------------------------------------------------------------------------------
  setupExplain() {
    $('explain-run').addEventListener('click', () => {
      const res = explainError($('explain-input').value);
      const box = $('explain-result');
      box.replaceChildren();
      if (res.unknown) {
        box.append(h('p', { text: 'This is not one of the errors Mattermost answers for an incoming webhook (v11.6). Check that the URL is /hooks/<id> and that a proxy is not answering instead.' }));
        return;
      }
      if (res.parsed.status_code) box.append(h('p', { text: `HTTP status ${res.parsed.status_code}.` }));
      for (const e of res.entries) {
        box.append(h('article', { class: 'explain-entry' },
          h('h4', {}, h('code', { text: e.id }), e.status ? ` — ${e.status}` : ''),
          h('p', { class: 'explain-entry__kind', text: e.kind === 'inner' ? 'The inner error (in detailed_error):' : 'The error Mattermost answered:' }),
          h('p', { text: e.meaning }),
          h('p', { class: 'explain-entry__causes-title', text: 'Likely causes:' }),
          h('ul', {}, ...e.causes.map((c) => h('li', { text: c })))));
      }
      if (res.entries.length === 1 && res.entries[0].id === 'web.incoming_webhook.general.app_error' && !res.parsed.detailed_error) {
        box.append(h('p', { class: 'hint', text: 'detailed_error is empty because the server runs without developer mode; paste the payload into the editor to see which of these applies.' }));
      }
    });
  }

  // ---- tabs ---------------------------------------------------------------------------------------------------------
  tablistKeys(list, activate) {
    list.addEventListener('keydown', (e) => {
      const tabs = [...list.querySelectorAll('[role="tab"]')];
      const i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      let j = null;
      if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
      else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === 'Home') j = 0;
      else if (e.key === 'End') j = tabs.length - 1;
      if (j === null) return;
      e.preventDefault();
      tabs[j].focus();
      activate(tabs[j]);
    });
  }

  setupTabs() {
    const list = document.querySelector('.pane--tools > [role="tablist"]');
    const select = (tab) => {
      for (const t of list.querySelectorAll('[role="tab"]')) {
        const on = t === tab;
        t.setAttribute('aria-selected', String(on)); t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      }
      if (tab.id === 'tab-command') this.updateCommand();
    };
    for (const t of list.querySelectorAll('[role="tab"]')) t.addEventListener('click', () => select(t));
    this.tablistKeys(list, select);
  }
}

async function main() {
  const page = new Page(mmReady);
  window.mmhookPage = page;
  await page.start();
}

main().catch((e) => {
  const v = document.querySelector('[data-role="verdict"]');
  if (v) v.textContent = `mmhook failed to start: ${e && e.message ? e.message : e}`;
  document.body.dataset.ready = 'error';
});
