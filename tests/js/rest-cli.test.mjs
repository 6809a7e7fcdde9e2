// mmhook rest: exit codes, terminal-safe text, exact JSON and --command-only; no --token.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

const cli = path.join(root, 'bin/mmhook.mjs');
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 30000 });
const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-rest-'));
const file = (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };
const CH = 'abcdefghijklmnopqrstuvwxyz';
const payload = file('p.json', JSON.stringify({ text: 'Hi \u001b[31mred\u001b[0m \u202eevil', channel: 'town-square', username: 'x\u001b]0;t\u0007' }));

test('rest: prints the request, the command and notes, terminal-safe; exit 0', () => {
  const r = run(['rest', payload, '--server', 'https://chat.example.com', '--channel-id', CH]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /POST https:\/\/chat\.example\.com\/api\/v4\/posts/);
  assert.match(r.stdout, /Authorization: Bearer \$MM_TOKEN/);
  assert.match(r.stdout, /curl -sS --fail-with-body/);
  assert.match(r.stdout, /\[rest\.username_ignored\]/);
  assert.match(r.stdout, /note: /);
  assert.doesNotMatch(r.stdout, /[\u001b\u0007\u202e]/);
});

test('rest: --json is the exact result; --command-only prints only the command', () => {
  const j = JSON.parse(run(['rest', payload, '--server', 'https://chat.example.com', '--channel-id', CH, '--json']).stdout);
  assert.equal(JSON.parse(j.request.body).message, 'Hi \u001b[31mred\u001b[0m \u202eevil');
  const c = run(['rest', payload, '--server', 'https://chat.example.com', '--channel-id', CH, '--shell', 'python', '--command-only']);
  assert.equal(c.status, 0);
  assert.match(c.stdout, /^import os\n/);
  assert.match(c.stdout, /os\.environ\["MM_TOKEN"\]/);
});

test('rest: errors exit 1, usage errors exit 2, and a token on the command line is refused', () => {
  assert.equal(run(['rest', payload, '--server', 'ftp://x', '--channel-id', CH]).status, 1);
  assert.equal(run(['rest', '-', '--channel-id', CH], '{"text":').status, 1);
  assert.equal(run(['rest', payload, '--shell', 'tcsh']).status, 2);
  const t = run(['rest', payload, '--token', 'abc']);
  assert.equal(t.status, 2);
  assert.match(t.stderr, /--token is not accepted/);
  assert.match(run(['--help']).stdout, /mmhook rest FILE/);
});
