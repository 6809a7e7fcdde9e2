// The "Dialog" tab: an interactive-dialog open request (POST /api/v4/actions/dialogs/open) checked by mm.checkDialog
// and drawn over the preview as the v11.6 web app draws it; the reader fills the fields here, Submit runs the web app's
// checks (messages on the fields) and shows the request the dialog url receives; the integration's pasted answer is
// judged (field errors on the fields, what the dialog does). Field labels and options only through textContent.
import { h } from '../views/h.js';
import { renderRequest, requestCommand } from '../views/interact.js';
import { renderDiagnostics } from '../views/diagnostics.js';
import { localApi, relayLocal } from './actions.js';

const MAX_FIELDS = 200;    // fields given controls here (the core draws and checks them all)
const MAX_OPTIONS = 500;   // options offered per select/radio here
const SUBTYPES = ['text', 'email', 'number', 'tel', 'url', 'password'];
const str = (v) => (typeof v === 'string' ? v : '');

class DialogPanel {
  constructor(app) {
    this.app = app;
    this.controls = [];     // [{name, read() -> value, dirty, errorEl}]
    this.source = h('textarea', { rows: '10', spellcheck: 'false', 'data-role': 'dialog-request',
      placeholder: '{"trigger_id": "…", "url": "https://…/dialog", "dialog": {"callback_id": "…", "title": "…", "elements": […]}}' });
    this.status = h('div', { class: 'req', 'data-role': 'dialog-status', 'aria-live': 'polite' });
    this.form = h('div', { class: 'dlg-form', 'data-role': 'dialog-form' });
    this.submission = h('div', { class: 'req', 'data-role': 'dialog-submission', 'aria-live': 'polite' });
    this.response = h('textarea', { rows: '4', spellcheck: 'false', 'data-role': 'dialog-response',
      placeholder: '{"errors": {"note": "Please say what you are doing."}}' });
    this.outcome = h('div', { class: 'req', 'data-role': 'dialog-outcome', 'aria-live': 'polite' });
    this.look = h('select', { 'data-role': 'dialog-look', 'aria-label': 'Dialog look' },
      h('option', { value: 'apps', text: 'Apps form (v11.6 default)' }),
      h('option', { value: 'legacy', text: 'Legacy InteractiveDialog (flag InteractiveDialogAppsForm off)' }));
    this.look.addEventListener('change', () => {
      if (this.submitted) this.submit(this.answered);
      else if (this.drawn) this.draw();
    });
    this.expiry = h('p', { class: 'hint', 'data-role': 'dialog-trigger-expiry', 'aria-live': 'polite' });
    const panel = h('div', { 'data-role': 'dialog' },
      h('label', { class: 'field field--grow' }, h('span', { text: 'The open-dialog request your integration sends (JSON body of POST /api/v4/actions/dialogs/open)' }), this.source),
      h('p', { class: 'hint', text: 'The trigger_id comes from the click request (Buttons tab) and works for 30 s after the click. Call dialogs/open after answering the click: a dialog opened before the integration answered is dropped by the web app without a word.' }),
      h('div', { class: 'row row--wrap' },
        h('button', { type: 'button', class: 'btn btn--primary', 'data-role': 'dialog-draw', text: 'Open the dialog', onclick: () => this.draw() }),
        h('button', { type: 'button', class: 'btn', 'data-role': 'dialog-use-trigger', text: 'Use the last click\'s trigger_id', onclick: () => this.useTrigger() }),
        h('label', { class: 'field' }, h('span', { text: 'Drawn by' }), this.look)),
      this.expiry,
      this.status,
      h('h4', { text: 'Fill in the dialog' }),
      this.form,
      h('div', { class: 'row row--wrap' },
        h('button', { type: 'button', class: 'btn btn--primary', 'data-role': 'dialog-submit', text: 'Submit', onclick: () => this.submit() }),
        h('button', { type: 'button', class: 'btn', 'data-role': 'dialog-cancel', text: 'Cancel', onclick: () => this.cancel() })),
      this.submission,
      h('section', { class: 'req__answer-box' },
        h('h4', { text: 'The integration\'s answer to the submission' }),
        h('label', { class: 'field field--grow' }, h('span', { text: 'Paste the HTTP body it answers (status 200)' }), this.response),
        h('button', { type: 'button', class: 'btn btn--primary', 'data-role': 'dialog-answer', text: 'Check the answer', onclick: () => this.submit(true) }),
        this.localRow(),
        this.outcome));
    app.tabs.add({ id: 'dialog', label: 'Dialog', panel });
    app.on('template', (t) => {
      if (!t.dialog) return;
      this.source.value = t.dialog();
      this.response.value = '';
      this.reset();
    });
    app.on('click-request', (sim) => {
      this.lastTrigger = sim.request ? safeTrigger(sim.request.body) : null;
      this.lastClickAt = sim.clickedAt;
    });
  }

  // Served by `npm start`: the submission goes to the dialog url when it is a loopback integration (see actions.js).
  localRow() {
    if (!localApi(this.app)) return null;
    const status = h('span', { class: 'hint', role: 'status', 'data-role': 'dialog-local-status' });
    const send = async () => {
      if (!this.lastSubmission) { status.textContent = 'Submit the dialog first (the web app\'s checks must pass).'; return; }
      await relayLocal({ status, url: this.lastSubmission.url, body: this.lastSubmission.body, response: this.response, onOk: () => this.submit(true) });
    };
    return h('div', { class: 'row row--wrap' },
      h('button', { type: 'button', class: 'btn', 'data-role': 'dialog-local-send', text: 'Or send the submission to the dialog url (loopback only) and check its answer', onclick: send }), status);
  }

  reset() {
    this.form.replaceChildren();
    this.controls = [];
    this.lastSubmission = null;
    for (const b of [this.status, this.submission, this.outcome]) b.replaceChildren();
    this.app.preview?.showDialog(null);
    this.openedAt = undefined;
    this.drawn = false;
    this.submitted = false;
  }

  useTrigger() {
    if (!this.lastTrigger) { this.status.replaceChildren(h('p', { class: 'hint', text: 'Click a button in the preview first: its request carries the trigger_id.' })); return; }
    let open;
    try { open = JSON.parse(this.source.value || '{}'); } catch { open = null; }
    if (!open || typeof open !== 'object' || Array.isArray(open)) { this.status.replaceChildren(h('p', { class: 'diagnostic--error', text: 'The open request is not a JSON object.' })); return; }
    open.trigger_id = this.lastTrigger;
    this.source.value = JSON.stringify(open, null, 2);
    this.showExpiry();
  }

  // When the used trigger_id stops working: the server accepts it for OutgoingIntegrationRequestsTimeout (30 s) after the click.
  showExpiry() {
    if (!Number.isFinite(this.lastClickAt)) { this.expiry.textContent = ''; return; }
    const timeout = Number(this.context().outgoingTimeoutSeconds) > 0 ? Number(this.context().outgoingTimeoutSeconds) : 30;
    const ends = this.lastClickAt + timeout * 1000;
    const left = Math.round((ends - Date.now()) / 1000);
    const at = new Date(ends).toLocaleTimeString();
    this.expiry.textContent = left > 0
      ? `This trigger_id expires at ${at} (${timeout} s after the click, ${left} s from now): open the dialog before then.`
      : `This trigger_id expired at ${at} (${timeout} s after the click): click the button again for a new one.`;
  }

  context() { return this.app.actions ? this.app.actions.context() : {}; }

  check(options) {
    try {
      // The server checks the trigger_id when the dialog opens: Submit and answers are judged as of that moment.
      return this.app.mm.checkDialog(this.source.value, { context: this.context(), nowMillis: this.openedAt ?? Date.now(), look: this.look.value, ...options });
    } catch (e) {
      return { ok: false, status: 0, error: { id: 'mmhook.page', message: String(e && e.message ? e.message : e), detailed_error: '' }, diagnostics: [], html: '', submission: null, outcome: null };
    }
  }

  /** Checks the open request, draws the dialog (no field errors: nothing was submitted yet) and builds the controls. */
  draw() {
    if (!this.app.mm) return;
    if (!this.app.commandsLoaded) { this.app.loadCommands().then(() => this.draw(), () => {}); return; }
    this.reset();
    this.openedAt = Date.now();
    const d = this.check({});
    this.showStatus(d, false);
    let elements = [];
    try { const v = JSON.parse(this.source.value); elements = v && v.dialog && Array.isArray(v.dialog.elements) ? v.dialog.elements : []; } catch { elements = []; }
    this.buildForm(elements);
    if (d.html) this.showDialog(d.html, false);
    this.drawn = true;
    if (this.expiry.textContent) this.showExpiry();
  }

  showStatus(d, withClientChecks) {
    const parts = [];
    parts.push(d.ok ? h('p', { class: 'req__status', 'data-role': 'dialog-verdict', text: `${d.status}: Mattermost opens this dialog (it is drawn over the preview).` })
      : h('p', { class: 'req__status req__status--error', 'data-role': 'dialog-verdict' },
        h('strong', { text: `${d.status} ${d.error ? d.error.message : 'Not opened.'}` }), ' ', d.error ? h('code', { text: d.error.id }) : null));
    const diags = h('div', { class: 'req__diags' });
    const list = withClientChecks ? d.diagnostics : d.diagnostics.filter((x) => x.code !== 'dialog.client_check');
    renderDiagnostics(diags, list, { idPrefix: 'dlg-diag' });
    parts.push(h('p', { class: 'hint', text: 'The server only logs its dialog rules ("logged only"): the dialog still opens; the web app\'s checks run on Submit.' }), diags);
    this.status.replaceChildren(...parts);
  }

  // The core's dialog HTML over the preview; before a Submit the field errors it computed for the defaults are hidden.
  showDialog(html, submitted) {
    this.app.preview?.showDialog(html, { label: 'dialog' });
    this.fieldErrors = new Map();
    const tpl = document.createElement('template');
    tpl.innerHTML = html;   // inert; only read for the per-field error texts
    for (const f of tpl.content.querySelectorAll('.mm-dialog__field[data-name]')) {
      const err = f.querySelector('.mm-dialog__field-error');
      if (err && submitted) this.fieldErrors.set(f.getAttribute('data-name'), err.textContent);
    }
    if (!submitted) {
      const doc = this.app.preview?.doc;
      for (const e of doc ? doc.querySelectorAll('[data-role="dialog-layer"] .mm-dialog__field-error, [data-role="dialog-layer"] .mm-dialog__error') : []) e.remove();
    }
    for (const c of this.controls) c.errorEl.textContent = this.fieldErrors.get(c.name) || '';
  }

  buildForm(elements) {
    const rows = [];
    elements.slice(0, MAX_FIELDS).forEach((e, i) => {
      if (!e || typeof e !== 'object') return;
      const c = control(e, i);
      if (!c) return;
      const errorEl = h('span', { class: 'dlg-form__error', 'data-role': 'dialog-field-error' });
      const entry = { name: str(e.name), read: c.read, dirty: false, errorEl };
      c.node.addEventListener('input', () => { entry.dirty = true; });
      c.node.addEventListener('change', () => { entry.dirty = true; });
      this.controls.push(entry);
      const label = `${str(e.display_name) || str(e.name)}${e.optional === true ? ' (optional)' : ' *'}`;
      const named = c.node.matches('input, select, textarea, [role="radiogroup"]') ? c.node : c.node.querySelector('input');
      if (named) named.setAttribute('aria-label', label);
      rows.push(h('div', { class: 'dlg-form__row', 'data-field': str(e.name), 'data-type': str(e.type) },
        h('span', { class: 'dlg-form__label', text: label }), c.node, c.note ? h('span', { class: 'hint', text: c.note }) : null, errorEl));
    });
    if (elements.length > MAX_FIELDS) rows.push(h('p', { class: 'hint', text: `Only the first ${MAX_FIELDS} fields get controls here; the others keep their defaults.` }));
    if (!rows.length) rows.push(h('p', { class: 'hint', text: 'No fields to fill.' }));
    this.form.replaceChildren(...rows);
  }

  values() {
    const v = {};
    for (const c of this.controls) if (c.dirty && c.name) v[c.name] = c.read();
    return v;
  }

  /** Submit: the web app's checks with what was entered; with `answer`, the integration's answer is judged too. */
  submit(answer = false) {
    if (!this.app.mm) return;
    if (!this.app.commandsLoaded) { this.app.loadCommands().then(() => this.submit(answer), () => {}); return; }
    if (!this.controls.length && !this.form.childNodes.length) this.draw();
    this.submitted = true;
    this.answered = answer;
    const opts = { values: this.values() };
    if (answer) opts.response = this.response.value;
    const d = this.check(opts);
    this.showStatus(d, true);
    if (d.html) this.showDialog(d.html, true);
    this.lastSubmission = d.submission;
    if (d.submission) {
      renderRequest(this.submission, { status: 0, error: null, request: d.submission, diagnostics: [] }, {
        title: 'What your dialog url receives on Submit', command: (r, shell) => requestCommand(this.app.mm, r, shell),
        shell: this.app.prefs.shell, idPrefix: 'sub-diag' });
      this.submission.append(typesTable(d.submission.body));
    } else {
      this.submission.replaceChildren(h('p', { class: 'diagnostic--error', 'data-role': 'dialog-blocked',
        text: d.ok ? 'The web app does not send this submission: see the messages on the fields ("Please fix all field errors").' : 'The dialog does not open, so nothing can be submitted.' }));
    }
    if (answer) {
      this.outcome.replaceChildren(h('p', { class: 'req__status', 'data-role': 'dialog-outcome-text',
        text: d.outcome ? `The dialog ${d.outcome}.` : 'The answer is not judged: the submission is not sent.' }));
    }
  }

  cancel() {
    if (this.app.mm && !this.app.commandsLoaded) { this.app.loadCommands().then(() => this.cancel(), () => {}); return; }
    const d = this.app.mm ? this.check({ values: this.values() }) : null;
    this.app.preview?.showDialog(null);
    const note = h('p', { class: 'req__status', 'data-role': 'dialog-cancelled', text: d && d.cancel
      ? 'Cancelled. notify_on_cancel is true: the dialog url receives this request (its answer is ignored).'
      : 'Cancelled. notify_on_cancel is not set (or the dialog does not open): nothing is sent to the integration.' });
    if (d && d.cancel) {
      renderRequest(this.submission, { status: 0, error: null, request: d.cancel, diagnostics: [] }, {
        title: 'What your dialog url receives on Cancel', command: (r, shell) => requestCommand(this.app.mm, r, shell),
        shell: this.app.prefs.shell, idPrefix: 'cancel-diag' });
      this.submission.prepend(note);
    } else {
      this.submission.replaceChildren(note);
    }
  }
}

// The submitted values and their JSON types (what the integration must parse).
function typesTable(body) {
  let sub;
  try { sub = JSON.parse(body).submission; } catch { sub = null; }
  const table = h('table', { class: 'dlg-types', 'data-role': 'dialog-types' }, h('caption', { text: 'submission values and their JSON types' }));
  for (const [k, v] of Object.entries(sub && typeof sub === 'object' ? sub : {})) {
    const type = v === null ? 'null' : Array.isArray(v) ? 'array of strings' : typeof v;
    table.append(h('tr', {}, h('th', { scope: 'row', text: k }), h('td', { text: type }), h('td', {}, h('code', { text: JSON.stringify(v) }))));
  }
  return table;
}

// A control for one dialog element: {node, read() -> the value as the web app holds it (§5.8), note?}.
function control(e, i) {
  const type = str(e.type);
  const sub = str(e.subtype);
  const dflt = str(e.default);
  const options = Array.isArray(e.options) ? e.options.filter((o) => o && typeof o === 'object').slice(0, MAX_OPTIONS) : [];
  const id = `dlg-f${i}`;
  if (type === 'bool') {
    const box = h('input', { type: 'checkbox', id, 'data-dialog-input': str(e.name) });
    box.checked = /^(true|1|yes)$/i.test(dflt.trim());
    return { node: h('label', { class: 'check' }, box, h('span', { text: str(e.placeholder) })), read: () => box.checked };
  }
  if (type === 'radio') {
    const group = h('div', { class: 'dlg-form__radios', role: 'radiogroup', 'data-dialog-input': str(e.name) });
    for (const o of options) {
      group.append(h('label', { class: 'check' }, h('input', { type: 'radio', name: id, value: str(o.value) }), h('span', { text: str(o.text) })));
    }
    return { node: group, read: () => group.querySelector('input:checked')?.value ?? null };
  }
  if (type === 'select' && (e.data_source === 'users' || e.data_source === 'channels' || e.data_source === 'dynamic')) {
    const input = h('input', { type: 'text', id, spellcheck: 'false', 'data-dialog-input': str(e.name),
      placeholder: e.data_source === 'channels' ? 'a channel id' : e.data_source === 'users' ? 'a user id' : 'a value' });
    const multi = e.multiselect === true;
    return { node: input, note: `${e.data_source} search in the web app; type the picked ${multi ? 'ids, comma-separated' : 'id'}`,
      read: () => (multi ? input.value.split(',').map((s) => s.trim()).filter(Boolean) : input.value.trim() || null) };
  }
  if (type === 'select') {
    const sel = h('select', { id, 'data-dialog-input': str(e.name), multiple: e.multiselect === true });
    if (e.multiselect !== true) sel.append(h('option', { value: '', text: str(e.placeholder) || 'Select an option...' }));
    for (const o of options) sel.append(h('option', { value: str(o.value), text: str(o.text) }));
    const more = Array.isArray(e.options) ? e.options.length - options.length : 0;
    if (more > 0) sel.append(h('option', { disabled: true, text: `… ${more} more options not listed here` }));
    if (e.multiselect !== true) sel.value = options.some((o) => str(o.value) === dflt) ? dflt : '';
    return { node: sel, read: () => (sel.multiple ? [...sel.selectedOptions].map((o) => o.value) : sel.value || null) };
  }
  if (type === 'date' || type === 'datetime') {
    const input = h('input', { type: type === 'date' ? 'date' : 'datetime-local', id, 'data-dialog-input': str(e.name) });
    if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(dflt)) input.value = dflt;
    return { node: input, note: type === 'datetime' ? 'entered as UTC' : null,
      read: () => (!input.value ? null : type === 'date' ? input.value : `${input.value.length === 16 ? `${input.value}:00` : input.value.slice(0, 19)}Z`) };
  }
  if (type === 'textarea' || (type === 'text' && sub === 'textarea')) {
    const ta = h('textarea', { id, rows: '4', 'data-dialog-input': str(e.name), placeholder: str(e.placeholder),
      maxlength: String(Number.isInteger(e.max_length) && e.max_length > 0 ? e.max_length : 3000) });
    ta.value = dflt;
    return { node: ta, read: () => ta.value };
  }
  const kind = type === 'text' && SUBTYPES.includes(sub) ? sub : 'text';
  const input = h('input', { type: kind === 'number' ? 'text' : kind, inputmode: kind === 'number' ? 'numeric' : null, id,
    'data-dialog-input': str(e.name), placeholder: str(e.placeholder), spellcheck: 'false',
    maxlength: String(Number.isInteger(e.max_length) && e.max_length > 0 ? e.max_length : 150) });
  input.value = dflt;
  // A number field holds parseInt of what was typed (decimals cut; not a number → NaN, sent as null).
  return { node: input, read: () => (kind === 'number' ? (Number.isNaN(parseInt(input.value, 10)) ? null : parseInt(input.value, 10)) : input.value) };
}

// The trigger_id of a click request body, or null.
function safeTrigger(body) {
  try { const t = JSON.parse(body).trigger_id; return typeof t === 'string' ? t : null; } catch { return null; }
}

export default {
  name: 'dialog',
  init(app) { app.dialog = new DialogPanel(app); },
};
