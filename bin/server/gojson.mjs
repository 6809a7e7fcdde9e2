// The bytes a Go (1.22+) Mattermost server writes: encoding/json string escaping and model.NewId() request ids.
import { randomBytes } from 'node:crypto';

const SHORT = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A JSON string literal as Go's json.Marshal writes it: HTML-safe (<, >, & escaped), U+2028/2029 escaped, lone
 *  surrogates as U+FFFD (Go sees them as invalid UTF-8). */
export function goJsonString(s) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (SHORT[ch]) out += SHORT[ch];
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) { out += ch + s[i + 1]; i++; } else out += '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\ufffd';
    } else {
      out += ch;
    }
  }
  return out + '"';
}

/** model.AppError.ToJSON(): id, message, detailed_error, request_id (omitempty), status_code (omitempty). */
export function appErrorJson({ id, message, detailed_error: detail, request_id: requestId, status_code: status }) {
  let out = `{"id":${goJsonString(id)},"message":${goJsonString(message)}`;
  out += `,"detailed_error":${goJsonString(detail ?? '')}`;
  if (requestId) out += `,"request_id":${goJsonString(requestId)}`;
  if (status) out += `,"status_code":${status}`;
  return out + '}';
}

const ID_ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** model.NewId(): 16 random bytes in Mattermost's base32 alphabet, 26 characters, no padding. */
export function newId() {
  const bytes = randomBytes(16);
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xfff; // at most 12 pending bits
    bits += 8;
    while (bits >= 5) {
      out += ID_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ID_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
