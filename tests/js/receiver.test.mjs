// The webhook receiver (issue 18): POST /hooks/<id> answered exactly as check() says a Mattermost v11.6 server would
// (status, Content-Type, Go-encoded JSON error body, X-Request-Id), the body limit and the analysis cap, slow uploads,
// other methods and paths, concurrency, the inbox and its event stream, the page's API guards, forward-and-compare.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../bin/server/server.mjs';
import { mmhook } from './helpers.mjs';
import { post, expectedAnswer, assertAnswer, until } from './receiver-helpers.mjs';

let api;
const servers = [];
async function start(opts = {}) {
  const s = await serve({ root: path.join(tmpdir(), 'mmhook-no-page'), port: 0, mm: api, ...opts });
  servers.push(s);
  return s;
}
test.before(async () => { api = await mmhook(); });
test.after(async () => { for (const s of servers) await s.close(); });

const form = (obj) => 'payload=' + encodeURIComponent(JSON.stringify(obj));
const multipart = (fields, boundary = 'XyZ123') => fields.map(([k, v]) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;

// [name, body, Content-Type (null = none), query]
const CASES = [
  ['JSON accepted', '{"text":"hello **world**"}', 'application/json', ''],
  ['JSON with charset', '{"text":"é"}', 'application/json; charset=utf-8', ''],
  ['JSON syntax error', '{"text":', 'application/json', ''],
  ['no text', '{}', 'application/json', ''],
  ['HTML body: < in the error text', '<html><body>x</body></html>', 'application/json', ''],
  ['no Content-Type: the body is JSON', '{"text":"no header"}', null, ''],
  ['text/plain is JSON too', '{"text":"plain"}', 'text/plain', ''],
  ['bare token media type', '{"text":"tok"}', 'json', ''],
  ['unparseable Content-Type', '{"text":"x"}', 'application/json; charset', ''],
  ['form payload=', form({ text: 'from a form' }), 'application/x-www-form-urlencoded', ''],
  ['form without payload', 'a=b', 'application/x-www-form-urlencoded', ''],
  ['form: payload in the query', '', 'application/x-www-form-urlencoded', 'payload=' + encodeURIComponent('{"text":"q"}')],
  ['malformed query', '{"text":"x"}', 'application/json', 'a=%zz'],
  ['multipart text', multipart([['text', 'multi'], ['username', 'bot']]), 'multipart/form-data; boundary=XyZ123', ''],
  ['multipart unknown field', multipart([['icon_url', 'http://x/y.png'], ['text', 't']]), 'multipart/form-data; boundary=XyZ123', ''],
  ['multipart without boundary', 'text=x', 'multipart/form-data', ''],
  ['priority without priority', '{"text":"x","priority":{"requested_ack":true}}', 'application/json', ''],
  ['system_ type', '{"text":"x","type":"system_join"}', 'application/json', ''],
  ['trailing garbage accepted', '{"text":"hi"} trailing', 'application/json', ''],
  ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json', ''],
  ['BOM before the object', '\ufeff{"text":"bom"}', 'application/json', ''],
];

for (const settings of [{}, { enableDeveloper: false }, { enableIncomingWebhooks: false }, { enablePostUsernameOverride: true, maximumPayloadSizeBytes: 64 }]) {
  test(`every answer equals check()'s verdict for the same bytes (settings ${JSON.stringify(settings)})`, async () => {
    const s = await start({ settings });
    for (const [name, body, ct, query] of CASES) {
      const id = 'abc123XYZ';
      const answer = await post(s.url, `/hooks/${id}${query ? `?${query}` : ''}`, body, { contentType: ct });
      assertAnswer(assert, answer, expectedAnswer(api, typeof body === 'string' ? Buffer.from(body) : body,
        { contentType: ct, query, settings, id }), name);
    }
  });
}

test('the error message names the hook id of the path; Go escapes <, > and &', async () => {
  const s = await start();
  const a = await post(s.url, '/hooks/Zq9', '<b>&', { contentType: 'application/x-www-form-urlencoded' });
  assert.equal(a.status, 400);
  assert.match(JSON.parse(a.body).message, /webhook Zq9\./);
  const b = await post(s.url, '/hooks/Zq9', '<b>', { contentType: 'application/json' });
  assert.match(b.body, /\\u003c/);
  assert.equal(b.headers['x-version-id'], '11.6.0.mmhook.0.false');
  assert.equal(b.headers['x-content-type-options'], 'nosniff');
});

test('bodies over the limit: 400 for JSON, 413 for a form, Connection: close; a 20 MiB body is held only to the 16 MiB cap', async () => {
  const s = await start();
  const big = JSON.stringify({ text: 'x'.repeat(400000) });
  const a = await post(s.url, '/hooks/big', big);
  assertAnswer(assert, a, expectedAnswer(api, Buffer.from(big), { contentType: 'application/json', id: 'big' }), 'JSON over the limit');
  assert.equal(a.status, 400);
  assert.equal(a.headers.connection, 'close');
  const f = form({ text: 'y'.repeat(400000) });
  const b = await post(s.url, '/hooks/big', f, { contentType: 'application/x-www-form-urlencoded' });
  assert.equal(b.status, 413);
  assert.equal(JSON.parse(b.body).id, 'api.context.request_body_too_large.app_error');
  const huge = Buffer.alloc(20 * 1024 * 1024, 0x61);
  huge.write('{"text":"');
  const c = await post(s.url, '/hooks/huge', huge);
  assert.equal(c.status, 400);
  const entry = s.receiver.inbox.entries.at(-1);
  assert.equal(entry.size, huge.length);
  assert.equal(entry.bytes.length, 16 * 1024 * 1024 + 1);
  assert.equal(entry.truncated, true);
  assert.ok(entry.diagnostics.some((d) => d.code === 'request.analysis_cap'), 'the analysis cap is reported');
});

test('a slow upload times out with mmhook\'s own 408 and shows in the inbox (slow socket writer)', async () => {
  const s = await start({ timeoutMs: 400 });
  const { port } = new URL(s.url);
  const t0 = Date.now();
  const text = await new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), '127.0.0.1');
    let got = '';
    let n = 0;
    sock.on('connect', () => {
      sock.write(`POST /hooks/slow HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
      const t = setInterval(() => { if (!sock.destroyed && n++ < 50) sock.write(' '); else clearInterval(t); }, 100);
      sock.on('close', () => clearInterval(t));
    });
    sock.on('data', (c) => { got += c; });
    sock.on('close', () => resolve(got));
    sock.on('error', (e) => (got ? resolve(got) : reject(e)));
  });
  assert.match(text, /^HTTP\/1\.1 408 /);
  assert.match(text, /"id":"mmhook\.receiver\.timeout"/);
  assert.ok(Date.now() - t0 < 4000, `answered after ${Date.now() - t0} ms`);
  const e = await until(() => s.receiver.inbox.entries.find((x) => x.id === 'slow'), 3000, 'the slow entry');
  assert.equal(e.kind, 'timeout');
  assert.equal(e.status, 408);
});

test('other methods and paths: 405 with Allow, 404 for ids Mattermost does not route; all recorded', async () => {
  const s = await start();
  const g = await post(s.url, '/hooks/abc', '', { method: 'GET', contentType: null });
  assert.equal(g.status, 405);
  assert.equal(g.headers.allow, 'POST');
  assert.equal(JSON.parse(g.body).id, 'mmhook.receiver.method_not_allowed');
  for (const p of ['/hooks/a-b', '/hooks/abc/', '/hooks/', '/hooks/commands/abc']) {
    const r = await post(s.url, p, '{"text":"x"}');
    assert.equal(r.status, 404, p);
    assert.equal(JSON.parse(r.body).id, 'mmhook.receiver.not_found', p);
  }
  const o = await post(s.url, '/api/v4/hooks/abc', '{"text":"x"}');
  assert.equal(o.status, 405);
  assert.equal(JSON.parse(o.body).id, 'mmhook.receiver.not_a_webhook');
  const kinds = s.receiver.inbox.entries.map((e) => e.kind);
  assert.deepEqual(kinds, ['method', 'route', 'route', 'route', 'route', 'route']);
});

test('50 concurrent posters all get their answer and all appear in the inbox', async () => {
  const s = await start();
  const bodies = Array.from({ length: 50 }, (_, i) => (i % 5 === 4 ? `{"text": ${i}}` : JSON.stringify({ text: `poster ${i}` })));
  const answers = await Promise.all(bodies.map((b, i) => post(s.url, `/hooks/p${i}`, b)));
  for (const [i, a] of answers.entries()) {
    assertAnswer(assert, a, expectedAnswer(api, Buffer.from(bodies[i]), { contentType: 'application/json', id: `p${i}` }), `poster ${i}`);
  }
  const ids = s.receiver.inbox.list().map((e) => e.id).sort();
  assert.deepEqual(ids, bodies.map((_, i) => `p${i}`).sort());
});

test('the inbox keeps the last N (--keep) and Clear empties it', async () => {
  const s = await start({ keep: 3 });
  for (let i = 0; i < 5; i++) await post(s.url, `/hooks/k${i}`, '{"text":"x"}');
  assert.deepEqual(s.receiver.inbox.list().map((e) => e.id), ['k2', 'k3', 'k4']);
  const origin = s.url.replace(/\/$/, '');
  const refused = await post(s.url, '/__mmhook/clear', '', { contentType: null });
  assert.equal(refused.status, 403, 'no Origin: refused');
  const cleared = await post(s.url, '/__mmhook/clear', '', { contentType: null, headers: { Origin: origin } });
  assert.equal(cleared.status, 200);
  assert.equal(s.receiver.inbox.list().length, 0);
});

test('event stream: hello with the entries, then each new entry at once', async () => {
  const s = await start();
  await post(s.url, '/hooks/before', '{"text":"x"}');
  const events = [];
  const req = http.get(new URL('/__mmhook/events', s.url));
  const res = await new Promise((resolve) => req.on('response', resolve));
  assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
  let buf = '';
  res.on('data', (c) => {
    buf += c;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (type) events.push([type, JSON.parse(data), Date.now()]);
    }
  });
  await until(() => events.length >= 1, 3000, 'hello');
  assert.equal(events[0][0], 'hello');
  assert.deepEqual(events[0][1].entries.map((e) => e.id), ['before']);
  const sent = Date.now();
  await post(s.url, '/hooks/after', '{"text":"x","attachments":[{"color":"nope"}]}', { headers: { 'User-Agent': 'Alertmanager/0.27' } });
  const ev = await until(() => events.find(([t, d]) => t === 'entry' && d.id === 'after'), 3000, 'entry event');
  assert.ok(ev[2] - sent < 1000);
  assert.equal(ev[1].userAgent, 'Alertmanager/0.27');
  assert.equal(ev[1].status, 200);
  assert.ok(ev[1].counts.warning + ev[1].counts.info > 0);
  req.destroy();
});

test('page API: entries and exact bodies are readable, cross-site reads and changes without Origin are refused', async () => {
  const s = await start();
  const bytes = Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
  await post(s.url, '/hooks/bytes?x=1', bytes, { contentType: 'text/plain; charset=latin1' });
  const [e] = s.receiver.inbox.list();
  const d = await post(s.url, `/__mmhook/inbox/${e.seq}`, '', { method: 'GET', contentType: null });
  const detail = JSON.parse(d.body);
  assert.equal(detail.contentType, 'text/plain; charset=latin1');
  assert.equal(detail.query, 'x=1');
  assert.equal(detail.utf8, false);
  const b = await post(s.url, `/__mmhook/inbox/${e.seq}/body`, '', { method: 'GET', contentType: null });
  assert.deepEqual(b.raw, bytes);
  const x = await post(s.url, '/__mmhook/inbox', '', { method: 'GET', contentType: null, headers: { 'Sec-Fetch-Site': 'cross-site' } });
  assert.equal(x.status, 403);
  const set = (headers) => post(s.url, '/__mmhook/settings', '{"enableIncomingWebhooks":false}', { method: 'PUT', headers });
  assert.equal((await set({})).status, 403);
  assert.equal((await set({ Origin: 'http://evil.example' })).status, 403);
  assert.equal((await set({ Origin: s.url.replace(/\/$/, '') })).status, 200);
  const after = await post(s.url, '/hooks/abc', '{"text":"x"}');
  assert.equal(after.status, 501, 'the pushed settings are in force');
});

test('--save DIR writes each request (exact body + JSON), and nothing is written without it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-save-'));
  try {
    const s = await start({ saveDir: path.join(dir, 'inbox') });
    await post(s.url, '/hooks/saved', '{"text":"keep me"}');
    await s.receiver.idle();
    const files = readdirSync(path.join(dir, 'inbox')).sort();
    assert.deepEqual(files, ['000001.body', '000001.json']);
    assert.equal(readFileSync(path.join(dir, 'inbox', '000001.body'), 'utf8'), '{"text":"keep me"}');
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'inbox', '000001.json'), 'utf8')).status, 200);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A loopback stand-in for the real Mattermost server: records what it receives and answers per `mode`.
async function standIn(mode) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(parts);
      const u = new URL(req.url, 'http://x');
      seen.push({ method: req.method, url: req.url, contentType: req.headers['content-type'] ?? null, bytes });
      const key = u.pathname.split('/').pop();
      const exp = expectedAnswer(api, bytes, { contentType: req.headers['content-type'] ?? null, query: u.search.slice(1), id: key,
        settings: { enableDeveloper: false } });
      if (mode === 'always-ok' || exp.status === 200) { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('ok'); return; }
      res.writeHead(exp.status, { 'Content-Type': 'application/json', 'X-Version-Id': '11.6.0.12345.abc.true' });
      res.end(JSON.stringify({ ...exp.json, request_id: 'r'.repeat(26) }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, seen, url: `http://127.0.0.1:${server.address().port}/hooks/REALsecretKEY0123456789abcd` };
}

test('forward: byte-exact to the real webhook; the same answer matches, a different one is a mismatch with a report', async () => {
  const same = await standIn('same');
  const diff = await standIn('always-ok');
  try {
    const s = await start({ forward: new URL(same.url) });
    const body = Buffer.from('{"text":"fwd é"}');
    await post(s.url, '/hooks/local1?channel=x', body, { contentType: 'application/json; charset=UTF-8', headers: { 'User-Agent': 'Grafana/11' } });
    await post(s.url, '/hooks/local1', '{"text":', { contentType: null });
    await s.receiver.idle();
    assert.equal(same.seen.length, 2);
    assert.equal(same.seen[0].method, 'POST');
    assert.equal(same.seen[0].url, '/hooks/REALsecretKEY0123456789abcd?channel=x');
    assert.equal(same.seen[0].contentType, 'application/json; charset=UTF-8');
    assert.deepEqual(same.seen[0].bytes, body);
    assert.equal(same.seen[1].contentType, null, 'no Content-Type stays absent');
    const [a, b] = s.receiver.inbox.entries;
    assert.equal(a.forward.match, true, JSON.stringify(a.forward));
    assert.equal(b.forward.status, 400);
    assert.equal(b.forward.match, true, JSON.stringify(b.forward.differences));
    assert.ok(b.forward.notes.some((n) => /EnableDeveloper/.test(n)));

    s.receiver.setForward(new URL(diff.url));
    await post(s.url, '/hooks/local2', '{"nothing":1}');
    await s.receiver.idle();
    const c = s.receiver.inbox.entries.at(-1);
    assert.equal(c.status, 400);
    assert.equal(c.forward.status, 200);
    assert.equal(c.forward.match, false);
    assert.match(c.forward.differences.join('\n'), /status: predicted 400, real 200/);
    assert.match(c.forward.report, /mmhook predicted a different answer/);
    assert.match(c.forward.report, /"nothing":1/);
    const everything = JSON.stringify(s.receiver.inbox.entries.map((e) => ({ ...e, bytes: null })));
    assert.doesNotMatch(everything, /REALsecretKEY/, 'the real key never reaches the inbox');
    const st = JSON.parse((await post(s.url, '/__mmhook/state', '', { method: 'GET', contentType: null })).body);
    assert.equal(st.forward.target, `http://127.0.0.1:${diff.server.address().port}/hooks/xxx`);
  } finally {
    same.server.close();
    diff.server.close();
  }
});
