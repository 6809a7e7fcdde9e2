// multipart/form-data bodies as the page builds and reads them (spec §1.6): fields by Go struct field name, parts
// separated by a boundary that the page derives from the content. Lines end in LF (the editor's); Go's reader accepts
// that as it accepts CRLF.

const CT_RE = /^\s*multipart\/form-data\s*(;|$)/i;

/** true when `ct` is multipart/form-data (with or without parameters). */
export const isMultipart = (ct) => typeof ct === 'string' && CT_RE.test(ct);

/** The boundary= parameter of a Content-Type value, or null. */
export function boundaryParam(ct) {
  const m = /;\s*boundary\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(ct || '');
  return m ? (m[2] !== undefined ? m[2] : m[1]) : null;
}

/** The boundary a body uses (its first line "--<boundary>"), or null. */
export function bodyBoundary(body) {
  const m = /^\s*--([^\r\n]{1,200}?)\r?\n/.exec(body);
  return m ? m[1].replace(/--$/, '') : null;
}

/** `ct` with boundary=<the body's boundary> when it is multipart without one and the body has one; else `ct`. */
export function withBodyBoundary(ct, body) {
  if (!isMultipart(ct) || boundaryParam(ct) !== null) return ct;
  const b = bodyBoundary(body);
  return b === null ? ct : `${ct.trim().replace(/;\s*$/, '')}; boundary=${b}`;
}

// FNV-1a over the text: a boundary that depends only on the content (same fields, same body).
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16).padStart(8, '0');
}

const quoteName = (s) => s.replace(/["\\\r\n]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : c === '\r' ? '%0D' : '%0A'));

/** fields [{name, value, filename?}] -> {body, contentType}; the boundary never occurs in any value. */
export function buildMultipart(fields) {
  const all = fields.map((f) => `${f.name}\u0000${f.value}`).join('\u0001');
  let boundary = `mmhook-${hash(all)}`;
  for (let i = 0; all.includes(boundary); i++) boundary = `mmhook-${hash(all + i)}${i}`;
  const parts = fields.map((f) => `--${boundary}\nContent-Disposition: form-data; name="${quoteName(f.name)}"` +
    (f.filename !== undefined ? `; filename="${quoteName(f.filename)}"\nContent-Type: application/octet-stream` : '') + `\n\n${f.value}\n`);
  return { body: `${parts.join('')}--${boundary}--\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A multipart body -> [{name, value, filename?}] (null when it has no parts). */
export function parseMultipart(body, boundary = bodyBoundary(body)) {
  if (!boundary) return null;
  const text = body.replace(/\r\n/g, '\n');
  const chunks = text.split(`--${boundary}`);
  const fields = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const c = chunk.replace(/^\n/, '');
    const gap = c.indexOf('\n\n');
    if (gap < 0) continue;
    const head = c.slice(0, gap);
    const name = /name="([^"]*)"/i.exec(head);
    if (!name) continue;
    const file = /filename="([^"]*)"/i.exec(head);
    fields.push({ name: name[1], value: c.slice(gap + 2).replace(/\n$/, ''), ...(file ? { filename: file[1] } : {}) });
  }
  return fields;
}

/**
 * The fields of parseCommand's body for curl -F (one "name=value" per line; a line that does not start a field
 * continues the previous value). Values "@file" / "<file" are uploads: the server ignores file parts.
 */
export function curlFormFields(listing) {
  const fields = [];
  for (const line of listing.split('\n')) {
    const m = /^([^=\s;]+)=(.*)$/s.exec(line);
    if (m) fields.push(m[2].startsWith('@') ? { name: m[1], value: '', filename: m[2].slice(1).split(';')[0] } : { name: m[1], value: m[2] });
    else if (fields.length) fields[fields.length - 1].value += `\n${line}`;
  }
  return fields;
}

// JSON key <-> multipart field name (the Go struct field names, matched case-insensitively by the server).
const TO_FIELD = { text: 'text', username: 'username', icon_url: 'iconurl', channel: 'channelname', type: 'type', icon_emoji: 'iconemoji' };
const TO_PRIORITY = { priority: 'priority', requested_ack: 'requestedack', persistent_notifications: 'persistentnotifications' };
const FROM_FIELD = Object.fromEntries(Object.entries(TO_FIELD).map(([k, v]) => [v, k]));
const FROM_PRIORITY = Object.fromEntries(Object.entries(TO_PRIORITY).map(([k, v]) => [v, k]));
// Names come from the payload: only own properties of these tables count (never `constructor`, `__proto__`, ...).
const own = (table, key) => (Object.hasOwn(table, key) ? table[key] : undefined);
const put = (obj, key, value) => Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

/** A JSON payload text -> {fields} for a multipart body, or {error} saying why it cannot be one. */
export function jsonToMultipartFields(text) {
  let obj;
  try { obj = JSON.parse(text); } catch (e) { return { error: `the body is not valid JSON (${e.message})` }; }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { error: 'the body is not a JSON object' };
  const fields = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = k.toLowerCase();
    if (v === null) continue;
    if (own(TO_FIELD, key) && typeof v === 'string') { fields.push({ name: TO_FIELD[key], value: v }); continue; }
    if (key === 'priority' && typeof v === 'object' && !Array.isArray(v)) {
      for (const [pk, pv] of Object.entries(v)) {
        if (!own(TO_PRIORITY, pk.toLowerCase()) || pv === null || typeof pv === 'object') return { error: `priority.${pk} cannot be sent as a form field` };
        fields.push({ name: `priority.${TO_PRIORITY[pk.toLowerCase()]}`, value: String(pv) });
      }
      continue;
    }
    return { error: `"${k}" cannot be sent as multipart/form-data (Mattermost only decodes text, username, icon URL and emoji, channel, type and priority there); keep JSON` };
  }
  return { fields };
}

/** Multipart fields -> the equivalent JSON object (unknown field names kept as they are). */
export function multipartFieldsToJson(fields) {
  const out = {};
  for (const f of fields) {
    if (f.filename !== undefined) continue;
    const name = f.name.toLowerCase();
    const p = /^priority\.(\w+)$/.exec(name);
    if (p) {
      const key = own(FROM_PRIORITY, p[1]) || p[1];
      if (!Object.hasOwn(out, 'priority')) put(out, 'priority', {});
      put(out.priority, key, key === 'priority' ? f.value : f.value === 'true' ? true : f.value === 'false' ? false : f.value);
    } else put(out, own(FROM_FIELD, name) || f.name, f.value);
  }
  return out;
}
