// `mmhook serve` as CI uses it: --json prints one line per request, --fail-on sets the exit status at shutdown
// (SIGTERM/SIGINT, --max-requests, --exit-after), usage errors exit 2, a non-loopback --host warns.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';
import { post } from './receiver-helpers.mjs';

const cli = path.join(root, 'bin/mmhook.mjs');

/** Starts `mmhook serve --port 0 …`; resolves once it listens, with {url, child, done: Promise<{code, stdout, stderr}>}. */
function start(args, env = process.env) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => { stdout += c; });
  const done = new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no banner: ${stderr}${stdout}`)), 30000);
    const look = () => {
      const m = /mmhook previewer: (http:\/\/\S+)/.exec(stderr + stdout);
      if (m) { clearTimeout(t); resolve({ url: m[1], child, done }); }
    };
    child.stderr.on('data', (c) => { stderr += c; look(); });
    child.stdout.on('data', look);
    child.on('close', () => { clearTimeout(t); reject(new Error(`exited: ${stderr}`)); });
  });
}

test('--json: one JSON line per request; --max-requests stops it; --fail-on error fails on a non-200', async () => {
  const s = await start(['--json', '--fail-on', 'error', '--max-requests', '3']);
  await post(s.url, '/hooks/ci?x=1', '{"text":"deploy ok"}', { headers: { 'User-Agent': 'cron-script/1' } });
  await post(s.url, '/hooks/ci', '{"text":', { contentType: null });
  await post(s.url, '/hooks/ci', '', { method: 'GET', contentType: null });
  const { code, stdout, stderr } = await s.done;
  assert.equal(code, 1, stderr);
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.deepEqual(lines.map((l) => [l.id, l.status, l.kind]), [['ci', 200, 'hook'], ['ci', 400, 'hook'], ['ci', 405, 'method']]);
  assert.equal(lines[0].query, 'x=1');
  assert.equal(lines[0].userAgent, 'cron-script/1');
  assert.equal(lines[1].error.id, 'web.incoming_webhook.decode.app_error');
  assert.ok(lines[1].diagnostics.some((d) => d.severity === 'error' && d.line >= 1));
  assert.match(stderr, /stopped \(max-requests\): 3 requests, 2 not answered 200, 2 failing --fail-on error/);
});

test('--fail-on warning fails on warnings; without --fail-on the exit status is 0; SIGTERM stops it', async () => {
  const w = await start(['--json', '--fail-on', 'warning']);
  await post(w.url, '/hooks/w', '{"text":"x","attachments":[{"color":"not-a-colour","text":"y"}]}');
  w.child.kill('SIGTERM');
  const a = await w.done;
  assert.equal(a.code, 1, a.stderr);
  assert.ok(JSON.parse(a.stdout.trim()).counts.warning > 0);
  assert.match(a.stderr, /stopped \(SIGTERM\)/);

  const e = await start(['--json', '--fail-on', 'error']);
  await post(e.url, '/hooks/w', '{"text":"x","attachments":[{"color":"not-a-colour","text":"y"}]}');
  e.child.kill('SIGINT');
  assert.equal((await e.done).code, 0, 'a warning does not fail --fail-on error');

  const n = await start(['--exit-after', '0.5']);
  await post(n.url, '/hooks/n', '{"nope":1}');
  const r = await n.done;
  assert.equal(r.code, 0);
  assert.match(r.stdout, /POST \/hooks\/n -> 400 web\.incoming_webhook\.general\.app_error/);
  assert.match(r.stderr, /stopped \(exit-after\)/);
});

test('--settings FILE is in force; --forward is never printed; a wide --host warns', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-serve-cli-'));
  writeFileSync(path.join(dir, 's.json'), '{"enableIncomingWebhooks": false}');
  const s = await start(['--settings', path.join(dir, 's.json'), '--json', '--max-requests', '1',
    '--forward', 'http://127.0.0.1:9/hooks/SECRETforwardKEY123']);
  const a = await post(s.url, '/hooks/abc', '{"text":"x"}');
  assert.equal(a.status, 501);
  const { stdout, stderr } = await s.done;
  assert.doesNotMatch(stdout + stderr, /SECRETforwardKEY/);
  assert.match(stderr, /forwarding each webhook to http:\/\/127\.0\.0\.1:9\/hooks\/xxx/);
  assert.equal(JSON.parse(stdout).forward.state, 'failed');

  const wide = await start(['--host', '0.0.0.0', '--exit-after', '0.2']);
  const r = await wide.done;
  assert.match(r.stderr, /warning: listening on 0\.0\.0\.0.*anyone who can reach/);
});

test('--json shows a forward mismatch (MMHOOK_FORWARD_URL, a stand-in that always answers 200 ok)', async () => {
  const seen = [];
  const real = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { seen.push([req.url, body]); res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('ok'); });
  });
  await new Promise((r) => real.listen(0, '127.0.0.1', r));
  try {
    const key = 'ENVsecretKEY0123456789abcd';
    const s = await start(['--json', '--max-requests', '2'],
      { ...process.env, MMHOOK_FORWARD_URL: `http://127.0.0.1:${real.address().port}/hooks/${key}` });
    await post(s.url, '/hooks/mine', '{"text":"same"}');
    await post(s.url, '/hooks/mine', '{"username":"no text"}');
    const { code, stdout, stderr } = await s.done;
    assert.equal(code, 0, stderr);
    const [a, b] = stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(seen, [[`/hooks/${key}`, '{"text":"same"}'], [`/hooks/${key}`, '{"username":"no text"}']]);
    assert.equal(a.forward.match, true);
    assert.equal(b.status, 400);
    assert.equal(b.forward.status, 200);
    assert.equal(b.forward.match, false);
    assert.match(b.forward.differences.join('\n'), /status: predicted 400, real 200/);
    assert.match(b.forward.report, /POST \/hooks\/xxx/);
    assert.doesNotMatch(stdout + stderr, new RegExp(key));
  } finally {
    real.close();
  }
});

test('usage errors exit 2 with one line', () => {
  for (const args of [['--fail-on', 'sometimes'], ['--port', 'x'], ['--nope'], ['--settings', '/nonexistent.json'], ['--forward', 'ftp://x/hooks/y'], ['file.json'],
    ['--frame-ancestors', "'self'; script-src *"], ['--frame-ancestors', ' ']]) {
    const r = spawnSync(process.execPath, [cli, 'serve', ...args], { encoding: 'utf8', timeout: 30000 });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^mmhook: /);
  }
});
