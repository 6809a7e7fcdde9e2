// The <mmhook-preview> `command` view, loaded when an element first shows it: the payload as a command per shell.
import { hc as h } from '../views/h.js';
import { payloadObject } from './slack-diff.js';
import { SHELLS } from '../../wasm/shells.gen.js';

const DEFAULT_URL = 'https://your-mattermost-server.com/hooks/xxx-generatedkey-xxx';

/** Fills the view's `section` (shell picker, copy button, the command) for `host`; render() draws the text. */
export function buildCommand(host, section, render) {
  const bar = h('span', 'mme-command__bar');
  const sel = h('select', 'mme-select');
  sel.setAttribute('aria-label', 'Shell');
  for (const { id, label } of SHELLS) { const o = h('option', '', label); o.value = id; sel.append(o); }
  sel.value = host._shell;
  sel.addEventListener('change', () => { host._shell = sel.value; render(); });
  const copy = h('button', 'mme-btn', 'Copy');
  copy.type = 'button';
  copy.setAttribute('part', 'copy-button');
  copy.addEventListener('click', async () => {
    const text = host._commandText || '';
    try { await navigator.clipboard.writeText(text); copy.textContent = 'Copied'; } catch { copy.textContent = 'Copy failed'; }
    setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
  });
  bar.append(sel, copy);
  section._head.append(bar);
  const pre = h('pre', 'mme-command__pre');
  host._commandCode = h('code', '');
  pre.append(host._commandCode);
  section.append(pre);
}

/** Draws the command of host's body for its shell and `webhook-url`. mm: the engine, its commands loaded. */
export function renderCommand(host, mm) {
  const url = host.getAttribute('webhook-url') || DEFAULT_URL;
  const form = /x-www-form-urlencoded/i.test(host._contentType() || '');
  let json = host._body;
  if (form) { const p = payloadObject(json, host._contentType()); if (p) json = JSON.stringify(p); }
  let text;
  try { text = mm.command(json, { url, shell: host._shell, encoding: form ? 'form' : 'json' }); } catch (e) { text = `# ${e.message}`; }
  host._commandText = text;
  host._commandCode.textContent = text;
}
