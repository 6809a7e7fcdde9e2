// The local server's static side (issue 17 item 4): files only from inside the root (real paths, separator-checked,
// no symlink leaving it), Host limited to this machine's names (DNS rebinding), GET/HEAD only, framing headers opt-in.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-serve-'));
const site = path.join(dir, 'web');
mkdirSync(path.join(site, 'sub'), { recursive: true });
mkdirSync(path.join(dir, 'web-private'));
writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>page</title>');
writeFileSync(path.join(site, 'sub', 'a.txt'), 'inside');
writeFileSync(path.join(site, 'x.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
writeFileSync(path.join(dir, 'web-private', 'secret.txt'), 'SECRET');
writeFileSync(path.join(dir, 'outside.txt'), 'OUTSIDE');
symlinkSync(path.join(dir, 'outside.txt'), path.join(site, 'leak.txt'));
symlinkSync(path.join(dir, 'web-private'), path.join(site, 'leakdir'));
symlinkSync(path.join(site, 'sub', 'a.txt'), path.join(site, 'alias.txt'));

let srv;
let port;
test.before(async () => {
  srv = await serve({ root: site, port: 0 });
  port = srv.server.address().port;
});
test.after(() => { srv.server.close(); srv.server.closeAllConnections?.(); rmSync(dir, { recursive: true, force: true }); });

/** A raw request (the path is sent exactly as given; Host as given). */
function request(method, target, { host = `127.0.0.1:${port}`, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) };
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers: { Host: host, ...length, ...headers }, setHost: false },
      (res) => {
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts).toString() }));
      });
    req.on('error', reject);
    req.end(body);
  });
}

test('files inside the root are served, directories give index.html, .wasm is application/wasm', async () => {
  const a = await request('GET', '/sub/a.txt');
  assert.equal(a.status, 200);
  assert.equal(a.body, 'inside');
  const i = await request('GET', '/');
  assert.equal(i.status, 200);
  assert.match(i.headers['content-type'], /^text\/html/);
  const w = await request('GET', '/x.wasm');
  assert.equal(w.headers['content-type'], 'application/wasm');
  assert.equal(w.headers['x-content-type-options'], 'nosniff');
});

test('an encoded ../ cannot reach a sibling folder whose name starts like the root', async () => {
  for (const p of ['/..%2fweb-private/secret.txt', '/..%2Fweb-private%2Fsecret.txt', '/%2e%2e/web-private/secret.txt',
    '/sub/..%2f..%2fweb-private/secret.txt', '/..%5cweb-private/secret.txt', '/..%2foutside.txt']) {
    const r = await request('GET', p);
    assert.equal(r.status, 404, `${p} answered ${r.status}: ${r.body}`);
    assert.doesNotMatch(r.body, /SECRET|OUTSIDE/);
  }
});

test('symlinks leaving the root are refused; a symlink to a file inside the root is served', async () => {
  for (const p of ['/leak.txt', '/leakdir/secret.txt']) {
    const r = await request('GET', p);
    assert.equal(r.status, 404, `${p} answered ${r.status}`);
    assert.doesNotMatch(r.body, /SECRET|OUTSIDE/);
  }
  const ok = await request('GET', '/alias.txt');
  assert.equal(ok.status, 200);
  assert.equal(ok.body, 'inside');
});

test('Host must name this machine: loopback names and the bound host pass, others get 421 (DNS rebinding)', async () => {
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost', 'LOCALHOST.']) {
    assert.equal((await request('GET', '/sub/a.txt', { host })).status, 200, host);
  }
  for (const host of [`evil.example:${port}`, 'attacker.test', `127.0.0.1.nip.io:${port}`, '', 'a b']) {
    const r = await request('GET', '/sub/a.txt', { host });
    assert.equal(r.status, 421, `Host ${JSON.stringify(host)} answered ${r.status}`);
    assert.doesNotMatch(r.body, /inside/);
  }
  assert.equal((await request('POST', '/hooks/abc', { host: 'evil.example', body: '{"text":"x"}' })).status, 421);
});

test('static files answer GET and HEAD only', async () => {
  const head = await request('HEAD', '/sub/a.txt');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], '6');
  for (const m of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const r = await request(m, '/sub/a.txt', { body: m === 'OPTIONS' ? undefined : 'x' });
    assert.equal(r.status, 405, `${m} answered ${r.status}`);
    assert.equal(r.headers.allow, 'GET, HEAD');
    assert.doesNotMatch(r.body, /inside/);
  }
});

test('framing headers: by default only the page\'s own origin may frame its HTML; --frame-ancestors widens or narrows it', async () => {
  const plain = await request('GET', '/');
  assert.equal(plain.headers['content-security-policy'], "frame-ancestors 'self'");
  assert.equal(plain.headers['x-frame-options'], 'SAMEORIGIN');
  assert.equal((await request('GET', '/sub/a.txt')).headers['x-frame-options'], undefined, 'HTML only');
  for (const [fa, xfo] of [["'none'", 'DENY'], ["'self' https://docs.example.com", undefined]]) {
    const s = await serve({ root: site, port: 0, frameAncestors: fa });
    try {
      const p = s.server.address().port;
      const html = await new Promise((resolve) => http.get({ host: '127.0.0.1', port: p, path: '/' }, (res) => { res.resume(); resolve(res); }));
      assert.equal(html.headers['content-security-policy'], `frame-ancestors ${fa}`);
      assert.equal(html.headers['x-frame-options'], xfo);
    } finally {
      await s.close();
    }
  }
});
