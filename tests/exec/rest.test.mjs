// Execution test of the REST follow-up commands (mm.restFollowUp): each POSIX command runs in bash, dash and zsh
// (plus wget, Python requests and Node fetch when available) against a loopback receiver on 127.0.0.1 that records
// method, path, Authorization, Content-Type and the exact body bytes; they must equal the request mmhook shows.
// Run: node --test tests/exec/rest.test.mjs (needs dist/: scripts/build.sh wasm)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { createMmhook } = await import(path.join(root, 'dist/mmhook.mjs'));
const mm = await createMmhook();
const CH = 'abcdefghijklmnopqrstuvwxyz';
const TOKEN = 'tok3n0123456789abcdefghijk';

function has(cmd, args = ['--version']) {
  try { execFileSync(cmd, args, { stdio: 'ignore', timeout: 10_000 }); return true; } catch { return false; }
}

let server;
let base;
const received = [];
before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'],
        body: Buffer.concat(chunks) });
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end('{"id":"created"}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

function runShell(shell, args, env) {
  return new Promise((resolve) => {
    execFile(shell, args, { env, timeout: 30_000, encoding: 'buffer' }, (error, stdout, stderr) => resolve({ error, stdout, stderr }));
  });
}

const payloads = [
  JSON.stringify({ text: 'Deploy finished', channel: 'alerts' }),
  JSON.stringify({ text: "it's $HOME `id` $(id) !! 100% ^& \\ \"q\" 😀 \u202e", username: 'x',
    attachments: [{ text: 'a\r\nb\tc', actions: [{ id: 'ok', name: "O'k", integration: { url: 'https://example.com/a', context: { s: '$(id)' } } }] }] }),
  JSON.stringify({ text: 'l'.repeat(5000) + '\nlast line' }),
  JSON.stringify({ text: 'urgent', priority: { priority: 'urgent', requested_ack: true } }),
];

const shells = ['bash', 'dash', 'zsh'].filter((s) => has(s, ['-c', 'true']));

async function expectDelivered(shellCmd, r, token) {
  const before = received.length;
  const out = await shellCmd();
  assert.equal(out.error, null, `${out.stderr}`);
  assert.equal(received.length, before + 1);
  const got = received.at(-1);
  assert.equal(got.method, 'POST');
  assert.equal(got.url, '/api/v4/posts');
  assert.equal(got.auth, `Bearer ${token}`);
  assert.equal(got.type, 'application/json');
  assert.equal(got.body.toString('utf8'), r.request.body);
  assert.deepEqual(got.body, Buffer.from(r.request.body, 'utf8'));
}

for (const shell of shells) {
  test(`rest: POSIX commands deliver the exact request in ${shell} (token from $MM_TOKEN)`, async () => {
    for (const p of payloads) {
      const r = mm.restFollowUp(p, { serverUrl: base, channelId: CH });
      await expectDelivered(() => runShell(shell, ['-c', r.command], { PATH: process.env.PATH, MM_TOKEN: TOKEN }), r, TOKEN);
    }
  });

  test(`rest: with MM_TOKEN unset the ${shell} command stops before sending`, async () => {
    const r = mm.restFollowUp(payloads[0], { serverUrl: base, channelId: CH });
    const before = received.length;
    const out = await runShell(shell, ['-c', r.command], { PATH: process.env.PATH });
    assert.notEqual(out.error, null);
    assert.match(out.stderr.toString(), /set MM_TOKEN to the access token/);
    assert.equal(received.length, before);
  });

  test(`rest: an inline token and another variable name work in ${shell}`, async () => {
    const r = mm.restFollowUp(payloads[1], { serverUrl: base, channelId: CH, token: TOKEN });
    await expectDelivered(() => runShell(shell, ['-c', r.command], { PATH: process.env.PATH }), r, TOKEN);
    const e = mm.restFollowUp(payloads[1], { serverUrl: base, channelId: CH, tokenEnv: 'BOT_TOKEN' });
    await expectDelivered(() => runShell(shell, ['-c', e.command], { PATH: process.env.PATH, BOT_TOKEN: TOKEN }), e, TOKEN);
  });
}

test('rest: httpie, wget, Python requests and Node fetch commands deliver the exact request (when installed)', async (t) => {
  // A per-shell table: the interpreter of each target.
  const targets = [
    ['wget', has('wget'), (c) => ['bash', ['-c', c]]],
    ['httpie', has('http'), (c) => ['bash', ['-c', c]]],
    ['python', has('python3', ['-c', 'import requests']), (c) => ['python3', ['-c', c]]],
    ['fetch', true, (c) => [process.execPath, ['--input-type=module', '-e', c]]],
  ];
  for (const [shell, available, argv] of targets) {
    if (!available) { t.diagnostic(`${shell}: not installed, skipped`); continue; }
    for (const p of payloads) {
      const r = mm.restFollowUp(p, { serverUrl: base, channelId: CH, shell });
      const [cmd, args] = argv(r.command);
      await expectDelivered(() => runShell(cmd, args, { PATH: process.env.PATH, MM_TOKEN: TOKEN }), r, TOKEN);
    }
  }
});

test('rest: hostile channel and root ids travel as data in every POSIX shell', async () => {
  for (const shell of shells) {
    const r = mm.restFollowUp(payloads[1], { serverUrl: base, channelId: "x'$(echo pwned)`id`\"!!", rootId: "';exit 7;'" });
    assert.ok(r.diagnostics.some((d) => d.code === 'rest.channel_id_invalid'));
    assert.ok(r.diagnostics.some((d) => d.code === 'rest.root_id_invalid'));
    await expectDelivered(() => runShell(shell, ['-c', r.command], { PATH: process.env.PATH, MM_TOKEN: TOKEN }), r, TOKEN);
    assert.equal(JSON.parse(received.at(-1).body.toString()).channel_id, "x'$(echo pwned)`id`\"!!");
  }
});
