// The request shape above the editor: body format (JSON, payload= form, import a curl command) and Content-Type.
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { flash } from './util.js';
import { EXAMPLE_PAYLOAD } from '../example.js';

const FORM_CT = 'application/x-www-form-urlencoded';

/** JSON text -> a form body as people write it for curl -d: payload=<json> with only %, & and + escaped. */
export function jsonToForm(text) { return 'payload=' + text.replace(/[%&+]/g, (c) => encodeURIComponent(c)); }
/** A form body -> the JSON in its payload field (form-decoded), or the text unchanged when there is none. */
export function formToJson(text) {
  if (!/^\s*payload=/.test(text) && !/&payload=/.test(text)) return text;
  try { const v = new URLSearchParams(text.trim()).get('payload'); return v === null ? text : v; } catch { return text; }
}

function showContentType(ct) {
  const sel = $('content-type');
  const v = ct === null || ct === undefined || ct === '' ? 'none' : ct;
  if (![...sel.options].some((o) => o.value === v)) sel.append(h('option', { value: v, text: v }));
  sel.value = v;
}

function syncModes(app) {
  for (const r of document.querySelectorAll('input[name="body-mode"]')) r.checked = r.value === app.mode;
}

function importCurl(app, text) {
  const out = $('curl-result');
  if (typeof app.mm.parseCommand !== 'function') { out.textContent = 'Importing curl commands is not available in this build of mmhook yet.'; return; }
  let parsed;
  try { parsed = app.mm.parseCommand(text); } catch (e) { out.textContent = `Cannot import: ${e && e.message ? e.message : e}`; return; }
  const errors = (parsed.diagnostics || []).filter((d) => d.severity === 'error');
  const notes = (parsed.diagnostics || []).map((d) => `${d.severity}: ${d.message}`);
  if (errors.length && !parsed.body) { out.textContent = notes.join(' '); return; }
  const ct = parsed.contentType ?? null;
  const isForm = ct !== null && ct.toLowerCase().startsWith(FORM_CT);
  if (parsed.url) app.emit('webhook-url', parsed.url);
  app.loadBody(parsed.body || '', isForm ? 'form' : 'json', ct);
  out.textContent = '';
  flash($('copy-status'), parsed.url ? 'The URL from the command is in the webhook URL field (not stored).' : '', 6000);
  if (notes.length) out.textContent = notes.join(' ');
}

export default {
  name: 'body',
  init(app) {
    showContentType(app.initial ? (app.initial.contentType ?? null) : app.contentType);
    app.on('request', () => { showContentType(app.contentType); syncModes(app); });
    app.on('body', () => { $('curl-import').hidden = true; syncModes(app); });
    $('content-type').addEventListener('change', () => { const v = $('content-type').value; app.setContentType(v === 'none' ? null : v); });
    for (const r of document.querySelectorAll('input[name="body-mode"]')) {
      r.checked = r.value === (app.initial?.mode === 'form' ? 'form' : 'json');
      r.addEventListener('change', () => {
        if (!r.checked) return;
        if (r.value === 'curl') { $('curl-import').hidden = false; $('curl-text').focus(); return; }
        $('curl-import').hidden = true;
        if (r.value === app.mode) return;
        const text = app.editor.getText();
        if (r.value === 'form') app.loadBody(jsonToForm(text), 'form', FORM_CT);
        else app.loadBody(formToJson(text), 'json', 'application/json');
      });
    }
    $('curl-cancel').addEventListener('click', () => { $('curl-import').hidden = true; syncModes(app); });
    $('curl-load').addEventListener('click', () => importCurl(app, $('curl-text').value));
    $('reset').addEventListener('click', () => app.loadBody(EXAMPLE_PAYLOAD, 'json', 'application/json'));
  },
};
