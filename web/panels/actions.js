// The "Buttons" tab: a click on a button or a menu pick in the preview shows the request Mattermost would POST to the
// action's integration.url (mm.simulateAction), with the simulated user/channel/team ids (placeholders, kept in this
// device's preferences, never in share links); the integration's pasted answer is applied to the preview
// (mm.applyActionResponse) until the payload changes or the reader goes back.
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { actionFor, renderRequest, requestCommand } from '../views/interact.js';
import { renderDiagnostics } from '../views/diagnostics.js';
import { simContextInputs } from '../views/sim-context.js';

export { CONTEXT_FIELDS } from '../views/sim-context.js';

/** The served page's API path (`npm start` / `mmhook serve`), or null on a static page, from disk or embedded. */
export function localApi(app) {
  const meta = document.querySelector('meta[name="mmhook-receiver"]');
  return !meta || app.embed || location.protocol === 'file:' ? null : meta.getAttribute('content') || '/__mmhook/';
}

/** POSTs `body` to the loopback integration `url` through the server; {status, body, truncated} or {error}. */
async function sendLocal(url, body) {
  try {
    const r = await fetch(`${document.querySelector('meta[name="mmhook-receiver"]').getAttribute('content') || '/__mmhook/'}integration`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ url: url.trim(), body }) });
    return r.ok ? await r.json() : { error: (await r.text()).trim() };
  } catch (e) { return { error: String(e && e.message ? e.message : e) }; }
}

const answerNote = (out) => `Your integration answered HTTP ${out.status}${out.status !== 200
  ? ': Mattermost treats anything but 200 as "Action integration error."' : ''}${out.truncated ? ' (cut at 1 MiB, as Mattermost reads)' : ''}.`;

/**
 * Sends `body` to the loopback integration `url`, saying how it went in `status`: the answer goes into `response` (its
 * textarea) and onOk() runs when it was HTTP 200.
 */
export async function relayLocal({ status, url, body, response, onOk }) {
  status.textContent = 'Sending…';
  const out = await sendLocal(url, body);
  if (out.error) { status.textContent = `Not sent: ${out.error}`; return; }
  response.value = out.body;
  status.textContent = answerNote(out);
  if (out.status === 200) onOk();
}

class ActionsPanel {
  constructor(app) {
    this.app = app;
    this.last = null;   // {postIndex, actionId, selectedOption} of the last click
    this.after = null;  // {response, postIndex}: the applied answer the preview shows; clicks go to the updated post
    const saved = app.prefs.simContext && typeof app.prefs.simContext === 'object' ? app.prefs.simContext : {};
    this.sim = simContextInputs({ saved, onInput: () => this.saveContext() });
    this.inputs = this.sim.inputs;
    const fields = this.sim.grid;
    this.result = h('div', { class: 'req', 'data-role': 'action-request', 'aria-live': 'polite' },
      h('p', { class: 'hint', text: 'Click a button or pick a menu option in the preview: the request Mattermost would send to the action\'s integration.url appears here.' }));
    this.response = h('textarea', { rows: '5', spellcheck: 'false', 'data-role': 'action-response',
      placeholder: '{"update": {"message": "Approved by @alice"}, "ephemeral_text": "Done."}' });
    this.answer = h('div', { class: 'req__answer', 'data-role': 'action-answer', 'aria-live': 'polite' });
    const panel = h('div', { 'data-role': 'actions' },
      h('fieldset', { class: 'sim' },
        h('legend', { text: 'Simulated user, channel and team' }),
        h('p', { class: 'hint', text: 'Placeholders: Mattermost fills these with the real ids of whoever clicks. Empty fields use the greyed-out value. Kept on this device only, never in share links.' }),
        fields),
      this.result,
      h('section', { class: 'req__answer-box' },
        h('h4', { text: 'The integration\'s answer' }),
        h('label', { class: 'field field--grow' }, h('span', { text: 'Paste the HTTP body your integration answers to the click (status 200)' }), this.response),
        h('div', { class: 'row row--wrap' },
          h('button', { type: 'button', class: 'btn btn--primary', 'data-role': 'apply-response', text: 'Apply to the preview', onclick: () => this.apply() })),
        this.localRow(),
        this.answer));
    app.tabs.add({ id: 'actions', label: 'Buttons', panel });
    this.banner = h('p', { class: 'preview__after', 'data-role': 'after-answer', hidden: true },
      h('strong', { text: 'After the integration\'s answer' }), ' (simulated: the post as the clicking user sees it). ',
      h('button', { type: 'button', class: 'btn btn--small', 'data-role': 'after-back', text: 'Back to the payload', onclick: () => this.back() }));
    $('stale').after(this.banner);
    app.on('action', (e) => this.click(e));
    app.on('report', () => { this.banner.hidden = true; this.after = null; });
    app.on('template', (t) => { this.response.value = t.response ? t.response() : ''; this.answer.replaceChildren(); });
  }

  // Served by `npm start` / `mmhook serve` (the page's CSP may connect to its own origin): the last click request can be
  // sent to a loopback integration through the server's /__mmhook/integration; nothing else is ever sent.
  localRow() {
    if (!localApi(this.app)) return null;
    this.localUrl = h('input', { type: 'url', spellcheck: 'false', autocomplete: 'off', 'data-role': 'local-integration-url',
      placeholder: 'http://127.0.0.1:3000/mattermost/actions' });
    const status = h('span', { class: 'hint', role: 'status', 'data-role': 'local-integration-status' });
    const send = async () => {
      if (!this.lastRequest) { status.textContent = 'Click a button in the preview first.'; return; }
      await relayLocal({ status, url: this.localUrl.value, body: this.lastRequest.body, response: this.response, onOk: () => this.apply() });
    };
    return h('div', { class: 'row row--wrap' },
      h('label', { class: 'field field--grow' }, h('span', { text: 'Or send the click to your local integration (loopback only: 127.0.0.1, localhost, [::1])' }), this.localUrl),
      h('button', { type: 'button', class: 'btn', 'data-role': 'local-integration-send', text: 'Send and apply the answer', onclick: send }), status);
  }

  saveContext() {
    this.app.prefs.simContext = this.sim.values();
    this.app.savePrefs();
  }

  context() { return this.sim.context(); }

  request() { return { contentType: this.app.contentType, settings: this.app.checkRequest().settings, context: this.context() }; }

  click({ postIndex, control, post, value }) {
    const app = this.app;
    if (!app.mm) return;
    app.tabs.select('actions');
    const hit = actionFor(post, control);
    if (!hit) {
      this.result.replaceChildren(h('p', { class: 'diagnostic--error', 'data-role': 'req-status', text: 'This control has no action id in the post: Mattermost cannot route a click on it.' }));
      return;
    }
    if (hit.menu && value === '') return;   // the menu's own title: nothing picked
    let selectedOption;
    if (hit.menu) selectedOption = value !== null ? value : this.sim.pickFor(hit.source);
    // After an applied answer the preview shows [updated post, ephemeral reply]: the updated post is the answered one.
    const after = this.after;
    if (after) postIndex = after.postIndex;
    this.last = { postIndex, actionId: hit.actionId, selectedOption, afterResponse: after ? after.response : undefined, at: Date.now() };
    let sim;
    try {
      sim = app.mm.simulateAction(app.editor.getText(), { ...this.request(), postIndex, actionId: hit.actionId, selectedOption,
        nowMillis: this.last.at, afterResponse: this.last.afterResponse });
    } catch (e) {
      sim = { status: 0, error: { id: 'mmhook.page', message: String(e && e.message ? e.message : e), detailed_error: '' }, request: null, diagnostics: [] };
    }
    this.lastRequest = sim.request;
    if (this.localUrl && sim.request && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(sim.request.url)) this.localUrl.value = sim.request.url;
    renderRequest(this.result, sim, {
      title: `Clicked "${control.getAttribute('aria-label') || control.textContent}" (action id ${hit.actionId})${selectedOption !== undefined ? ` — selected_option ${selectedOption}` : ''}`,
      command: (r, shell) => requestCommand(app.mm, r, shell), shell: app.prefs.shell, idPrefix: 'act-diag',
    });
    this.result.append(h('p', { class: 'hint', text: 'Your integration must answer 200 within the timeout. To open a dialog, it calls POST /api/v4/actions/dialogs/open with this trigger_id after answering the click (valid 30 s): a dialog opened before the answer is dropped by the web app. Try it in the Dialog tab.' }));
    app.emit('click-request', { ...sim, clickedAt: this.last.at });
  }

  apply() {
    const app = this.app;
    if (!app.mm) return;
    if (!app.commandsLoaded) { app.loadCommands().then(() => this.apply(), () => {}); return; }
    const last = this.last || { postIndex: 0 };
    let r;
    try {
      const opts = { ...this.request(), postIndex: last.postIndex, afterResponse: last.afterResponse };
      if (last.actionId) { opts.actionId = last.actionId; if (last.selectedOption !== undefined) opts.selectedOption = last.selectedOption; }
      r = app.mm.applyActionResponse(app.editor.getText(), this.response.value, opts);
    } catch (e) {
      r = { ok: false, status: 0, error: { id: 'mmhook.page', message: String(e && e.message ? e.message : e), detailed_error: '' }, diagnostics: [], posts: [] };
    }
    const head = r.ok
      ? h('p', { class: 'req__status', 'data-role': 'answer-status', text: `${r.status}: applied${last.actionId ? ` (click on ${last.actionId})` : ' to the post (no click yet: as for its first action)'}; the preview shows the result.` })
      : h('p', { class: 'req__status req__status--error', 'data-role': 'answer-status' },
        h('strong', { text: `${r.status} ${r.error ? r.error.message : 'Not applied.'}` }), ' ', r.error ? h('code', { text: r.error.id }) : null,
        r.error && r.error.detailed_error ? h('span', { class: 'hint', text: ` — ${r.error.detailed_error}` }) : null);
    const diags = h('div', { class: 'req__diags', 'data-role': 'answer-diagnostics' });
    renderDiagnostics(diags, r.diagnostics, { idPrefix: 'ans-diag' });
    this.answer.replaceChildren(head, diags);
    if (r.ok && r.posts.length && app.preview) {
      app.preview.render(r, app.settings, { split: false });
      this.banner.hidden = false;
      // One answer deep: a click on the updated post is simulated on the payload after this answer.
      this.after = last.afterResponse === undefined ? { response: this.response.value, postIndex: last.postIndex } : this.after;
    }
  }

  back() {
    this.banner.hidden = true;
    this.after = null;
    if (this.app.report && this.app.preview) this.app.preview.render(this.app.report, this.app.settings);
  }
}

export default {
  name: 'actions',
  init(app) { app.actions = new ActionsPanel(app); },
};
