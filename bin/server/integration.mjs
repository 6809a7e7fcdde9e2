// The page's "send to my local integration" (issue 19): POSTs a simulated click or dialog request to a loopback URL the
// reader typed, with Mattermost's headers, and hands back the answer. Only 127.0.0.1, localhost and [::1]; no redirect
// is followed; 30 s and 1 MiB at most, as Mattermost waits and reads.
import http from 'node:http';

export const LOOPBACK_TIMEOUT_MS = 30000;
const MAX_ANSWER = 1024 * 1024;
const LOOPBACK = new Map([['127.0.0.1', '127.0.0.1'], ['localhost', '127.0.0.1'], ['[::1]', '::1']]);

/** The URL when it is http(s) to a loopback host, else throws an Error that says why (never sends anything). */
export function loopbackUrl(text) {
  let u;
  try { u = new URL(String(text)); } catch { throw new Error('the integration URL is not a valid absolute URL'); }
  if (u.protocol !== 'http:') throw new Error('only http:// to 127.0.0.1, localhost or [::1] (your local integration) is sent from here');
  if (!LOOPBACK.has(u.hostname)) throw new Error('only a loopback integration (127.0.0.1, localhost or [::1]) is sent to from here');
  if (u.username || u.password) throw new Error('the integration URL must not carry a user name or password');
  return u;
}

/** Sends `body` (JSON text) to loopback URL `u`; resolves to {status, contentType, body, truncated} or {error}. */
export function sendToLoopback(u, body, { timeoutMs = LOOPBACK_TIMEOUT_MS } = {}) {
  const bytes = Buffer.from(String(body), 'utf8');
  return new Promise((resolve) => {
    const req = http.request({
      host: LOOPBACK.get(u.hostname), port: u.port || 80, path: `${u.pathname}${u.search}`, method: 'POST',
      headers: { Host: u.host, 'User-Agent': 'Mattermost-Bot/1.1', 'Content-Length': bytes.length, Accept: 'application/json',
        'Content-Type': 'application/json' },
      timeout: timeoutMs,
    }, (res) => {
      const parts = [];
      let size = 0;
      let truncated = false;
      res.on('data', (c) => {
        if (size + c.length > MAX_ANSWER) { truncated = true; parts.push(c.subarray(0, MAX_ANSWER - size)); size = MAX_ANSWER; res.destroy(); return; }
        size += c.length;
        parts.push(c);
      });
      const done = () => resolve({ status: res.statusCode, contentType: res.headers['content-type'] ?? null,
        body: Buffer.concat(parts).toString('utf8'), truncated });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('timeout', () => { req.destroy(); resolve({ error: `no answer within ${timeoutMs / 1000} s (Mattermost gives up too)` }); });
    req.on('error', (e) => resolve({ error: `could not reach the integration (${e.code || e.message})` }));
    req.end(bytes);
  });
}
