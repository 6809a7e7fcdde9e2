// Shared by the receiver suites: raw HTTP requests with exact headers, and the answer a request must get — derived
// from check() for the same bytes, Content-Type, query and settings (the receiver's rule, spec §1.1 and §1.5).
import http from 'node:http';

const ID_RE = /^[ybndrfg8ejkmcpqxot1uwisza345h769]{26}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Sends one request; `contentType` null = no header. Resolves to {status, headers, body (string), raw (Buffer)}. */
export function post(base, target, body, { contentType = 'application/json', method = 'POST', headers = {} } = {}) {
  const u = new URL(target, base);
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body ?? []);
  const h = { 'Content-Length': String(bytes.length), ...headers };
  if (contentType !== null) h['Content-Type'] = contentType;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: h, agent: false }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(parts);
        resolve({ status: res.statusCode, headers: res.headers, body: raw.toString('utf8'), raw });
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** What Mattermost answers for these bytes according to check(): {status, contentType, json|null}. */
export function expectedAnswer(api, bytes, { contentType = null, query = '', settings = {}, id }) {
  const b = Buffer.from(bytes);
  let body;
  try { body = utf8.decode(b); } catch { body = new Uint8Array(b); }
  const r = api.check(body, { contentType, settings, query });
  if (r.ok) return { status: 200, contentType: 'text/plain', json: null, report: r };
  const fill = (s) => s.replaceAll('x'.repeat(26), id);
  return { status: r.status, contentType: 'application/json', report: r,
    json: { id: r.error.id, message: fill(r.error.message),
      detailed_error: settings.enableDeveloper === false ? '' : fill(r.error.detailed_error), status_code: r.status } };
}

/** Asserts that `answer` (from post()) is exactly what a Mattermost server answers per `expected`. */
export function assertAnswer(assert, answer, expected, what = '') {
  assert.equal(answer.status, expected.status, `${what}: status ${answer.status}, body ${answer.body.slice(0, 300)}`);
  assert.equal(answer.headers['content-type'], expected.contentType, what);
  assert.match(answer.headers['x-request-id'] ?? '', ID_RE, what);
  if (expected.status === 200) {
    assert.equal(answer.body, 'ok', what);
    return;
  }
  assert.ok(answer.body.startsWith('{"id":'), `${what}: the body starts with {"id": (Go's field order)`);
  const got = JSON.parse(answer.body);
  assert.deepEqual(got, { ...expected.json, request_id: answer.headers['x-request-id'] }, what);
  assert.doesNotMatch(answer.body, /[<>&]/, `${what}: Go escapes <, > and & in JSON strings`);
}

/** Polls `fn` until it returns a truthy value (or throws after `ms`). */
export async function until(fn, ms = 5000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
