// The diagnostics view (page and embed): every problem of a Report grouped by severity, each as line:column, message
// and stable code. With onJump, each item is a button that moves the editor there.
import { h, plural } from './h.js';

const GROUPS = [['error', 'Errors'], ['warning', 'Warnings'], ['info', 'Notes']];
const MAX_SHOWN = 500;

/**
 * Draws `diagnostics` into `box` (its existing children other than the view's own are kept, e.g. a heading).
 * options: onJump(d) (items become buttons), parts (adds ::part names for the embed), idPrefix (unique heading ids).
 */
export function renderDiagnostics(box, diagnostics, { onJump = null, parts = false, idPrefix = 'diag' } = {}) {
  const key = JSON.stringify(diagnostics);
  if (box._diagnosticsKey === key && box.querySelector('.diagnostics__view')) return;
  box._diagnosticsKey = key;
  box.querySelector('.diagnostics__view')?.remove();
  const view = h('div', { class: 'diagnostics__view' });
  if (diagnostics.length === 0) view.append(h('p', { class: 'diagnostics__empty hint', text: 'No problems found.' }));
  for (const [sev, title] of GROUPS) {
    const list = diagnostics.filter((d) => d.severity === sev);
    if (!list.length) continue;
    const id = `${idPrefix}-${sev}`;
    const ul = h('ul', { 'aria-labelledby': id });
    for (const d of list.slice(0, MAX_SHOWN)) ul.append(item(d, sev, onJump, parts));
    if (list.length > MAX_SHOWN) ul.append(h('li', { class: 'hint', text: `… and ${plural(list.length - MAX_SHOWN, 'more')}` }));
    view.append(h('section', { class: `diag-group diag-group--${sev}` }, h('h4', { id, text: `${title} (${list.length})` }), ul));
  }
  box.append(view);
}

function item(d, sev, onJump, parts) {
  const inner = [h('span', { class: 'diagnostic__pos', text: `${d.line}:${d.column}` }),
    h('span', { class: 'diagnostic__msg', text: d.message }), h('code', { class: 'diagnostic__code', text: d.code })];
  const body = onJump
    ? h('button', { type: 'button', class: 'diagnostic__jump', title: 'Show in the editor', 'data-offset': String(d.offset),
      'data-line': String(d.line), onclick: () => onJump(d) }, ...inner)
    : h('div', { class: 'diagnostic__jump diagnostic__jump--static' }, ...inner);
  return h('li', { class: `diagnostic diagnostic--${sev}`, part: parts ? `diagnostic diagnostic-${sev}` : null }, body);
}
