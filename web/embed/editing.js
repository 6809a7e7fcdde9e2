// The editable <mmhook-preview>'s own code, loaded when an element first has `editable` (a read-only element never
// loads it): the textarea editor and the click → request view (the command engine's simulateAction).
import { hc as h } from '../views/h.js';
import { actionFor, enableActions, renderRequest, requestCommand } from '../views/interact.js';
import { simIdsPanel } from './sim-panel.js';

export { enableActions, simIdsPanel };

/** The editor box of `host` (the element): a textarea whose input re-checks; sets host._editor. Returns the box. */
export function buildEditor(host) {
  const box = h('div', 'mme-editor');
  box.setAttribute('part', 'editor');
  const id = 'mme-ed';
  const label = h('label', 'mme-editor__label', 'Payload — edit me');
  label.htmlFor = id;
  const ta = h('textarea', 'mme-editor__text');
  ta.id = id;
  ta.spellcheck = false;
  ta.setAttribute('part', 'textarea');
  ta.setAttribute('autocapitalize', 'off');
  ta.setAttribute('autocomplete', 'off');
  ta.addEventListener('input', () => { host._edited = ta.value; host._schedule(); });
  ta.addEventListener('keydown', (e) => {
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && host._tabIndents) {
      e.preventDefault();
      ta.setRangeText('  ', ta.selectionStart, ta.selectionEnd, 'end');
      ta.dispatchEvent(new Event('input'));
    }
    if (e.key === 'Escape') host._tabIndents = false;
  });
  ta.addEventListener('focus', () => { host._tabIndents = true; });
  box.append(label, ta);
  host._editor = ta;
  return box;
}

/**
 * Draws the request a click on `control` (a drawn action) makes into host._actionBox; value: the picked menu option
 * (null: a users/channels menu stands for the simulated user or channel). mm: the engine, its commands loaded.
 */
export function simulate(host, mm, control, value) {
  const wrap = control.closest('.mmp-post');
  const postIndex = [...host._preview.querySelectorAll(':scope > .mmp-post')].indexOf(wrap);
  const hit = actionFor(host._report.posts[postIndex], control);
  host._action.hidden = false;
  if (!hit) { host._actionBox.replaceChildren(h('p', 'mme-empty', 'This control has no action id: Mattermost cannot route a click on it.')); return; }
  host._lastClick = [control, value];
  const opts = { postIndex, actionId: hit.actionId, contentType: host._contentType(), settings: host._settings().settings,
    context: host._simIds.context(), nowMillis: Date.now() };
  if (hit.menu) opts.selectedOption = value !== null ? value : host._simIds.pickFor(hit.source);
  let sim;
  try { sim = mm.simulateAction(host._body, opts); } catch (e) {
    sim = { status: 0, error: { id: 'mmhook.embed', message: String(e && e.message), detailed_error: '' }, request: null, diagnostics: [] };
  }
  renderRequest(host._actionBox, sim, { title: `Action ${hit.actionId}${opts.selectedOption !== undefined ? `, selected_option ${opts.selectedOption}` : ''}`,
    command: (r, shell) => requestCommand(mm, r, shell), shell: host._shell, idPrefix: 'mme-act' });
  host.dispatchEvent(new CustomEvent('mmhook-action', { bubbles: true, composed: true, detail: { actionId: hit.actionId, simulation: sim } }));
}
