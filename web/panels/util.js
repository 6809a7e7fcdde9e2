// Small helpers shared by the panels.
import { h } from '../views/h.js';

/** Copies `text` to the clipboard (the async API, else a hidden textarea); resolves to true when it worked. */
export async function copyText(text) {
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

/** Shows `text` in `node` for `ms` milliseconds. */
export function flash(node, text, ms = 2500) {
  node.textContent = text;
  clearTimeout(node._t);
  node._t = setTimeout(() => { node.textContent = ''; }, ms);
}

/** Arrow keys, Home and End move between the tabs of a tablist (WAI-ARIA tabs pattern); activate(tab) selects one. */
export function tablistKeys(list, activate) {
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
