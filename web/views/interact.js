// The click simulator's views (page and embed): which action a click in a drawn post means, and the HTTP request
// Mattermost would send for it (status, request line, headers, exact body, a command per shell). Text only through
// textContent; commands come from the core's quoting (mm.command).
import { h } from './h.js';
import { renderDiagnostics } from './diagnostics.js';
import { SHELLS } from '../../wasm/shells.gen.js';

const MENU = '.mm-action-select';
const CONTROL = '.mm-action-button, .mm-action-select';

/**
 * The action behind a control of a drawn post: {actionId, menu, source} or null. `post`: the Report post whose HTML
 * holds `control`. The core marks each control with data-action-ref="<attachment index>:<action index>" (positions in
 * post.props.attachments), so the mapping does not depend on which controls are drawn.
 */
export function actionFor(post, control) {
  const m = /^(\d+):(\d+)$/.exec(control.getAttribute('data-action-ref') || '');
  if (!m || !post || !post.props) return null;
  const atts = Array.isArray(post.props.attachments) ? post.props.attachments : [];
  const att = atts[Number(m[1])];
  const a = att && typeof att === 'object' && Array.isArray(att.actions) ? att.actions[Number(m[2])] : null;
  if (!a || typeof a !== 'object' || typeof a.id !== 'string') return null;
  return { actionId: a.id, menu: control.matches(MENU), source: typeof a.data_source === 'string' ? a.data_source : '' };
}

/** Makes a post's action controls clickable (the renderer draws them disabled: static HTML). */
export function enableActions(root) {
  for (const c of root.querySelectorAll(CONTROL)) {
    c.removeAttribute('disabled');
    c.setAttribute('data-action', '');
  }
}

/**
 * Draws the result of mm.simulateAction (or a dialog submission: {status, error, request, diagnostics}) into `box`.
 * command(request, shell) -> string (the core's command for that request); title: the heading.
 */
export function renderRequest(box, sim, { command, title = 'What Mattermost sends to your integration', shell = 'posix', onShell = null, idPrefix = 'req' }) {
  const parts = [h('h4', { class: 'req__title', text: title })];
  if (sim.error) {
    parts.push(h('p', { class: 'req__status req__status--error', 'data-role': 'req-status' },
      h('strong', { text: `${sim.status} ${sim.error.message}` }), ' ', h('code', { text: sim.error.id }),
      sim.error.detailed_error ? h('span', { class: 'hint', text: ` — ${sim.error.detailed_error}` }) : null));
  } else if (sim.status) {
    parts.push(h('p', { class: 'req__status', 'data-role': 'req-status', text: `${sim.status}: the click reaches the integration.` }));
  }
  const r = sim.request;
  if (r) {
    parts.push(h('p', { class: 'req__line' }, h('code', { 'data-role': 'req-line', text: `${r.method} ${r.url}` })));
    const dl = h('dl', { class: 'req__headers', 'data-role': 'req-headers' });
    for (const [k, v] of Object.entries(r.headers || {})) dl.append(h('dt', { text: k }), h('dd', { text: v }));
    parts.push(dl);
    // Indented only when that changes nothing but whitespace (a huge integer or an escape would read differently).
    let pretty = r.body;
    try { const v = JSON.parse(r.body); if (JSON.stringify(v) === r.body) pretty = JSON.stringify(v, null, 2); } catch { /* shown as is */ }
    parts.push(h('p', { class: 'hint', text: pretty === r.body ? 'JSON body, exactly as sent:' : 'JSON body (indented here; sent as one line, byte for byte as in the command):' }),
      h('pre', { class: 'req__body', 'data-role': 'req-body', tabindex: '0', text: pretty }));
    parts.push(commandView(r, { command, shell, onShell }));
  } else {
    parts.push(h('p', { class: 'hint', text: 'The server stops before calling the integration: nothing is sent.' }));
  }
  const diags = h('div', { class: 'req__diags', 'data-role': 'req-diagnostics' });
  renderDiagnostics(diags, sim.diagnostics || [], { idPrefix });
  parts.push(diags);
  box.replaceChildren(...parts);
}

// A shell picker, the command for the request (the core's quoting) and a Copy button.
function commandView(r, { command, shell, onShell }) {
  const wrap = h('div', { class: 'req__command' });
  const sel = h('select', { class: 'req__shell', 'aria-label': 'Shell', 'data-role': 'req-shell' });
  for (const { id, label } of SHELLS) sel.append(h('option', { value: id, text: label }));
  sel.value = SHELLS.some((s) => s.id === shell) ? shell : 'posix';
  const pre = h('pre', { class: 'command req__cmd', 'data-role': 'req-command', tabindex: '0' });
  const status = h('span', { class: 'copy-status', role: 'status' });
  const draw = () => {
    try { pre.textContent = command(r, sel.value); } catch (e) { pre.textContent = `# ${e && e.message ? e.message : e}`; }
  };
  sel.addEventListener('change', () => { draw(); if (onShell) onShell(sel.value); });
  const copy = h('button', { type: 'button', class: 'btn btn--small', text: 'Copy', onclick: async () => {
    let ok = false;
    try { await navigator.clipboard.writeText(pre.textContent); ok = true; } catch { ok = false; }
    status.textContent = ok ? 'Copied.' : 'Copy failed: select the command and copy it by hand.';
  } });
  draw();
  wrap.append(h('div', { class: 'row row--wrap' }, h('span', { text: 'Send it to your integration yourself:' }), sel, copy, status), pre);
  return wrap;
}

/** The core's command that sends `r` (an HttpRequest) to its URL; Mattermost's own headers besides Content-Type are left out. */
export function requestCommand(mm, r, shell) {
  return mm.command(r.body, { url: r.url, shell, encoding: 'json' });
}
