// Runs for real (bash + curl against a loopback server): commands with a chosen Content-Type, with none, and what
// `mmhook curl` writes for a form-encoded or non-UTF-8 file. The server must receive exactly the bytes and header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server, url, last, mm;

before(async () => {
  ({ createMmhook: mm } = await import(path.join(root, 'dist/mmhook.mjs')));
  mm = await mm();
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      last = { contentType: req.headers['content-type'] ?? null, body: Buffer.concat(chunks) };
      res.end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}/hooks/abc123`;
});
after(() => server?.close());

// Asynchronous: the loopback server answers from this same event loop.
const run = promisify(execFile);
const bash = (cmd) => run('bash', ['-c', cmd], { timeout: 30000 });

test('posix: a chosen Content-Type arrives as given; "none" sends no Content-Type header', async () => {
  const body = '{"text":"charset ✓"}';
  await bash(mm.command(body, { url, shell: 'posix', contentType: 'application/json; charset=utf-8' }));
  assert.equal(last.contentType, 'application/json; charset=utf-8');
  assert.equal(last.body.toString('utf8'), body);
  await bash(mm.command(body, { url, shell: 'posix', contentType: null }));
  assert.equal(last.contentType, null);
  assert.equal(last.body.toString('utf8'), body);
  await bash(mm.command(body, { url, shell: 'posix', encoding: 'form', contentType: null }));
  assert.equal(last.contentType, null);
  assert.match(last.body.toString('utf8'), /^payload=/);
});

test('mmhook curl: a form-encoded file and a non-UTF-8 file arrive byte for byte', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmhook-ct-'));
  const cli = path.join(root, 'bin/mmhook.mjs');
  const cases = [
    [Buffer.from('payload=%7B%22text%22%3A%22hi%22%7D'), 'application/x-www-form-urlencoded', []],
    [Buffer.from('payload=%7B%22text%22%3A%22hi%22%7D'), 'application/x-www-form-urlencoded', ['--form']],
    [Buffer.from('{"text":"caf\xe9 \x00\x1b"}', 'latin1'), 'application/json', []],
  ];
  for (const [bytes, type, extra] of cases) {
    const f = path.join(dir, 'body');
    fs.writeFileSync(f, bytes);
    const { stdout } = await run(process.execPath, [cli, 'curl', f, '--url', url, ...extra], { timeout: 30000 });
    await bash(stdout);
    assert.equal(last.contentType, type);
    assert.deepEqual(last.body, bytes);
  }
});
