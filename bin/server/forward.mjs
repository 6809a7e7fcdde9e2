// Forwarding a received request to the real webhook, and comparing Mattermost's answer with mmhook's prediction.
// The forward URL is a secret: it is held by the caller only, never written to the inbox, a log or a report.
import http from 'node:http';
import https from 'node:https';

export const FORWARD_TIMEOUT_MS = 15000;
const ANSWER_CAP = 64 * 1024;   // bytes of the real answer kept (Mattermost's answers are a few hundred bytes)

/** Parses and checks a forward URL; throws an Error whose message never repeats the URL. */
export function parseForwardUrl(text) {
  let u;
  try { u = new URL(String(text).trim()); } catch { throw new Error('the forward URL is not a valid absolute URL'); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error('the forward URL must start with http:// or https://');
  }
  if (u.username || u.password) throw new Error('the forward URL must not carry a user name or password');
  u.hash = '';
  return u;
}

/** The webhook key of a URL: the segment after /hooks/, else the whole path. */
export function webhookKey(u) {
  const m = /\/hooks\/([^/?#]+)/.exec(u.pathname);
  return m ? m[1] : u.pathname.replace(/^\//, '');
}

/** The URL with its key replaced by xxx (and no query): safe to show and log. */
export function redactUrl(u) {
  const m = /^(.*\/hooks\/)[^/]+(.*)$/.exec(u.pathname);
  return `${u.protocol}//${u.host}${m ? `${m[1]}xxx${m[2]}` : '/xxx'}`;
}

/** Replaces every key in `keys` (webhook ids: letters and digits) by xxx where it stands as a whole word. */
export function redact(text, keys) {
  let out = String(text);
  for (const k of keys) {
    if (!k) continue;
    const safe = k.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`);
    out = out.replace(new RegExp(`(?<![A-Za-z0-9])${safe}(?![A-Za-z0-9])`, 'g'), 'xxx');
  }
  return out;
}

/** Sends the request to `url` as received: method, exact body bytes, Content-Type (absent stays absent), query. */
export function forwardRequest(url, { method = 'POST', bytes, contentType, query, userAgent, marker,
  timeoutMs = FORWARD_TIMEOUT_MS }) {
  const target = new URL(url);
  if (query) target.search = target.search ? `${target.search}&${query}` : `?${query}`;
  const headers = { 'Content-Length': String(bytes.length), 'X-Mmhook-Forwarded-By': marker };
  if (contentType !== null && contentType !== undefined) headers['Content-Type'] = contentType;
  if (userAgent) headers['User-Agent'] = userAgent;
  const lib = target.protocol === 'https:' ? https : http;
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (v) => { if (!settled) { settled = true; resolve({ ms: Date.now() - started, ...v }); } };
    const req = lib.request(target, { method, headers, timeout: timeoutMs }, (res) => {
      const parts = [];
      let held = 0;
      res.on('data', (c) => {
        if (held >= ANSWER_CAP) return;
        parts.push(c.subarray(0, ANSWER_CAP - held));
        held += Math.min(c.length, ANSWER_CAP - held);
      });
      res.on('end', () => done({ status: res.statusCode, contentType: res.headers['content-type'] ?? null,
        versionId: res.headers['x-version-id'] ?? null, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', () => done({ error: 'the connection broke while reading the answer' }));
    });
    req.on('timeout', () => { req.destroy(); done({ error: `no answer within ${timeoutMs / 1000} s` }); });
    req.on('error', (e) => done({ error: `cannot reach the server (${e.code || 'error'})` }));
    req.end(bytes);
  });
}

function parseJson(text) {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** Compares mmhook's predicted answer with the real one. Hook ids are replaced by xxx first (they differ by design);
 *  request_id is ignored; a detailed_error on one side only is a note (EnableDeveloper differs), not a mismatch. */
export function compareAnswers(predicted, real, keys) {
  const differences = [];
  const notes = [];
  if (real.error) return { match: false, differences: [`no answer from the server: ${real.error}`], notes };
  if (predicted.status !== real.status) differences.push(`status: predicted ${predicted.status}, real ${real.status}`);
  if (predicted.status === 200) {
    if (real.body !== 'ok') {
      differences.push(`body: predicted "ok", real ${JSON.stringify(redact(real.body, keys).slice(0, 200))}`);
    }
  } else {
    const p = parseJson(predicted.body);
    const r = parseJson(real.body);
    if (!r) {
      differences.push('body: the real answer is not a JSON error body');
    } else {
      for (const f of ['id', 'message', 'status_code']) {
        const a = redact(p[f] ?? '', keys);
        const b = redact(r[f] ?? '', keys);
        if (a !== b) differences.push(`${f}: predicted ${JSON.stringify(a)}, real ${JSON.stringify(b)}`);
      }
      const a = redact(p.detailed_error ?? '', keys);
      const b = redact(r.detailed_error ?? '', keys);
      if (a && b && a !== b) {
        differences.push(`detailed_error: predicted ${JSON.stringify(a)}, real ${JSON.stringify(b)}`);
      } else if (Boolean(a) !== Boolean(b)) {
        notes.push('detailed_error is empty on one side only: EnableDeveloper differs between the settings and the '
          + 'server');
      }
    }
  }
  const media = (t) => (t || '').split(';')[0].trim().toLowerCase();
  if (!differences.length && media(predicted.contentType) !== media(real.contentType)) {
    notes.push(`Content-Type: predicted ${predicted.contentType}, real ${real.contentType ?? '(none)'}`);
  }
  return { match: differences.length === 0, differences, notes };
}

const fence = (text) => {
  const longest = Math.max(2, ...[...String(text).matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
};
const block = (text, lang = '') => `${fence(text)}${lang}\n${text}\n${fence(text)}`;

/** A ready-to-file Markdown report of a mismatch; every webhook key in `keys` is replaced by xxx. */
export function mismatchReport({ entry, bodyText, predicted, real, comparison, keys, version, settings }) {
  const shown = bodyText.length > 65536
    ? `${bodyText.slice(0, 65536)}\n… (${entry.size} bytes in all, cut here)` : bodyText;
  const lines = [
    '### mmhook predicted a different answer than Mattermost',
    '',
    `mmhook ${version}; the real server's X-Version-Id: ${real.versionId ?? '(not sent)'}`,
    '',
    '**Request**',
    '',
    block([`${entry.method} /hooks/xxx${entry.query ? `?${entry.query}` : ''}`,
      `Content-Type: ${entry.contentType ?? '(no header)'}`, `User-Agent: ${entry.userAgent ?? '(none)'}`,
      `Body: ${entry.size} bytes`].join('\n')),
    '',
    block(shown),
    '',
    '**Server settings mmhook used**',
    '',
    block(JSON.stringify(settings ?? {}, null, 2), 'json'),
    '',
    `**mmhook predicted** ${predicted.status}`,
    '',
    block(predicted.body),
    '',
    `**Mattermost answered** ${real.error ? `nothing (${real.error})` : real.status}`,
    '',
    block(real.error ? '' : real.body),
    '',
    '**Differences**',
    '',
    ...comparison.differences.map((d) => `- ${d}`),
    ...comparison.notes.map((d) => `- note: ${d}`),
  ];
  return redact(lines.join('\n'), keys) + '\n';
}
