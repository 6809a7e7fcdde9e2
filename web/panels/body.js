// The request shape above the editor: body format (JSON, payload= form, multipart, import a curl command) and the
// Content-Type header (any value; common ones offered).
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { flash } from './util.js';
import { EXAMPLE_PAYLOAD } from '../example.js';
import { isMultipart, boundaryParam, bodyBoundary, withBodyBoundary, buildMultipart, parseMultipart, curlFormFields,
  jsonToMultipartFields, multipartFieldsToJson } from '../multipart.js';

const FORM_CT = 'application/x-www-form-urlencoded';

/** JSON text -> a form body as people write it for curl -d: payload=<json> with only %, & and + escaped. */
export function jsonToForm(text) { return 'payload=' + text.replace(/[%&+]/g, (c) => encodeURIComponent(c)); }
/** A form body -> the JSON in its payload field (form-decoded), or the text unchanged when there is none. */
export function formToJson(text) {
  if (!/^\s*payload=/.test(text) && !/&payload=/.test(text)) return text;
  try { const v = new URLSearchParams(text.trim()).get('payload'); return v === null ? text : v; } catch { return text; }
}
/** The editor text as a JSON payload text, whatever the body format (for the command and conversions). */
export function bodyAsJson(text, mode) {
  if (mode === 'form') return formToJson(text);
  if (mode === 'multipart') {
    const fields = parseMultipart(text);
    return fields ? JSON.stringify(multipartFieldsToJson(fields), null, 2) : text;
  }
  return text;
}

function showContentType(ct) {
  const input = $('content-type');
  const v = ct ?? '';
  if (input.value.trim() !== v) input.value = v;
}

function syncModes(app) {
  for (const r of document.querySelectorAll('input[name="body-mode"]')) r.checked = r.value === app.mode;
}

// A multipart Content-Type without boundary= while the body has one: Mattermost answers 400; offer the fix.
function boundaryHelp(app) {
  const help = $('content-type-help');
  const ct = app.contentType;
  const missing = isMultipart(ct) && boundaryParam(ct) === null;   // only then is the body read (copying a large one costs)
  const body = missing && app.editor ? app.editor.getText() : '';
  const b = missing ? bodyBoundary(body) : null;
  help.replaceChildren(b === null ? 'Any header value; empty = no Content-Type header.'
    : h('span', {}, `The body's parts are separated by "${b}", but the header has no boundary=, so Mattermost cannot read them. `,
      h('button', { type: 'button', class: 'btn btn--small', 'data-role': 'add-boundary', text: 'Add boundary to the header',
        onclick: () => app.setContentType(withBodyBoundary(ct, body)) })));
}

function importCurl(app, text) {
  const out = $('curl-result');
  if (typeof app.mm.parseCommand !== 'function') { out.textContent = 'Importing curl commands is not available in this build of mmhook yet.'; return; }
  if (!app.commandsLoaded) { app.loadCommands().then(() => importCurl(app, text), () => {}); return; }
  let parsed;
  try { parsed = app.mm.parseCommand(text); } catch (e) { out.textContent = `Cannot import: ${e && e.message ? e.message : e}`; return; }
  const diags = parsed.diagnostics || [];
  const errors = diags.filter((d) => d.severity === 'error');
  let ct = parsed.contentType ?? null;
  let body = parsed.body || '';
  let mode = ct !== null && ct.toLowerCase().startsWith(FORM_CT) ? 'form' : 'json';
  const notes = [];
  if (isMultipart(ct) && diags.some((d) => d.code === 'command.multipart')) {
    // curl -F: parseCommand lists the fields; the page builds the body curl would send, with a boundary of its own.
    const built = buildMultipart(curlFormFields(body));
    body = built.body;
    ct = built.contentType;
    mode = 'multipart';
    notes.push('Imported the -F fields as a multipart/form-data body (curl picks a random boundary; this one is derived from the fields).');
  } else notes.push(...diags.map((d) => `${d.severity}: ${d.message}`));
  if (errors.length && !parsed.body) { out.textContent = notes.join(' '); return; }
  if (isMultipart(ct)) mode = 'multipart';
  app.sharedPayload = false;   // the reader's own command: its payload and URL are theirs
  if (parsed.url) app.emit('webhook-url', parsed.url);
  app.loadBody(body, mode, ct);
  out.textContent = '';
  flash($('copy-status'), !parsed.url ? '' : $('remember-url')?.checked
    ? 'The URL from the command is in the webhook URL field and stored on this device ("Remember" is on).'
    : 'The URL from the command is in the webhook URL field (not stored).', 6000);
  if (notes.length) app.notify({ text: notes.join(' '), key: 'curl-import' });
}

// Switching the body format converts the editor text (undoable) and sets the matching Content-Type.
function convert(app, to) {
  const json = bodyAsJson(app.editor.getText(), app.mode);
  if (to === 'form') { app.loadBody(jsonToForm(json), 'form', FORM_CT); return; }
  if (to === 'json') { app.loadBody(json, 'json', 'application/json'); return; }
  const res = jsonToMultipartFields(json);
  if (res.error) {
    syncModes(app);
    app.notify({ text: `Cannot switch to multipart: ${res.error}.`, kind: 'error', key: 'body-mode' });
    return;
  }
  const built = buildMultipart(res.fields);
  app.loadBody(built.body, 'multipart', built.contentType);
}

export default {
  name: 'body',
  init(app) {
    showContentType(app.contentType);
    app.on('request', () => { showContentType(app.contentType); syncModes(app); boundaryHelp(app); });
    app.on('body', () => { $('curl-import').hidden = true; syncModes(app); });
    app.on('report', () => boundaryHelp(app));
    $('content-type').addEventListener('input', () => app.setContentType($('content-type').value.trim() || null));
    for (const r of document.querySelectorAll('input[name="body-mode"]')) {
      r.checked = r.value === app.mode;
      r.addEventListener('change', () => {
        if (!r.checked) return;
        if (r.value === 'curl') { $('curl-import').hidden = false; $('curl-text').focus(); return; }
        $('curl-import').hidden = true;
        if (r.value !== app.mode) convert(app, r.value);
      });
    }
    $('curl-cancel').addEventListener('click', () => { $('curl-import').hidden = true; syncModes(app); });
    $('curl-load').addEventListener('click', () => importCurl(app, $('curl-text').value));
    $('reset').addEventListener('click', () => { app.sharedPayload = false; app.loadBody(EXAMPLE_PAYLOAD, 'json', 'application/json'); });
  },
};
