import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

const cli = path.join(root, 'bin/mmhook.mjs');
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 30000 });
const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-cli-'));
const good = path.join(dir, 'good.json');
const bad = path.join(dir, 'bad.json');
writeFileSync(good, '{"text": "Deploy **done**"}');
writeFileSync(bad, '{"text": "é😀",\n  "attachments": [ }');

test('check: exit 0 for an accepted payload, from a file and from stdin', () => {
  const a = run(['check', good]);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /200 ok/);
  const b = run(['check', '-'], '{"text":"x"}');
  assert.equal(b.status, 0, b.stderr);
  const c = run(['check'], '{"text":"x"}');
  assert.equal(c.status, 0, c.stderr);
});

test('check: exit 1 and FILE:LINE:COLUMN diagnostics for a rejected payload; several files', () => {
  const r = run(['check', good, bad]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: .*\\[json\\.`));
  assert.match(r.stdout, /good\.json: Mattermost would answer 200 ok/);
});

test('check --json prints the Report', () => {
  const r = run(['check', bad, '--json']);
  assert.equal(r.status, 1);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.ok, false);
  assert.equal(rep.status, 400);
  const two = JSON.parse(run(['check', good, bad, '--json']).stdout);
  assert.equal(two.length, 2);
  assert.equal(two[0].report.ok, true);
});

test('usage and I/O errors: one line on stderr, exit 2, no stack trace', () => {
  for (const args of [['check', path.join(dir, 'missing.json')], ['check', '--bogus'], ['frobnicate'], [],
    ['check', good, '--settings', bad], ['render', good, '--theme', 'pink'], ['curl', good]]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('render writes a standalone HTML preview', () => {
  const out = path.join(dir, 'out.html');
  const r = run(['render', good, '--out', out, '--theme', 'dark']);
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<strong>done<\/strong>/);
  assert.match(html, /data-theme="dark"/);
});

test('--version and --help', () => {
  assert.match(run(['--version']).stdout, /^mmhook \d+\.\d+\.\d+ \(cmark-gfm 0\.29\.0\.gfm\.13, simdjson 3\.9\.4\)/);
  assert.match(run(['--help']).stdout, /mmhook check/);
});
