import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, symlinkSync } from 'node:fs';
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

// ---- issue 14 (first contact) and issue 17 (hostile input) ----
const runBytes = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, timeout: 60000 });
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

test('check: payload text reaches the terminal escaped (ESC, BEL, C1, bidi); --json stays exact JSON', async () => {
  const hostile = '{"text":"x","attachments":[{"text":"a","color":"\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u001b[1A\\u001b[2K"}],' +
    '"channel":"\\u001b[2J","username":"\\u009b31m\\u202e\\u2066evil","unknown\\u001b[5m":1}';
  const f = path.join(dir, 'esc.json');
  writeFileSync(f, hostile);
  const r = run(['check', f]);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  // Diagnostic messages arrive from the core with controls already written as \u escapes (one line each).
  assert.match(r.stdout, /\\u001b\]52;c;ZWNobyBwd25lZA==\\u0007\\u001b\[1A/);
  const j = run(['check', f, '--json']);
  assert.doesNotMatch(j.stdout.replace(/\n/g, ''), RAW_CONTROL);
  const mm = await (await import('./helpers.mjs')).mmhook();
  assert.deepEqual(JSON.parse(j.stdout), mm.check(hostile, { contentType: 'application/json' }));
  const name = path.join(dir, 'a\u001b[2Jb.json');
  writeFileSync(name, '{');
  const n = run(['check', name]);
  assert.doesNotMatch(n.stdout, RAW_CONTROL);
  const e = run(['render', good, '--theme', '\u001b[2J']);
  assert.equal(e.status, 2);
  assert.doesNotMatch(e.stderr, RAW_CONTROL);
});

test('check /dev/zero stops at the analysis cap + 1 byte with the server verdict and request.analysis_cap', () => {
  const r = run(['check', '/dev/zero', '--json']);
  assert.equal(r.status, 1, r.stderr);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.ok, false);
  assert.ok(rep.diagnostics.some((d) => d.code === 'request.analysis_cap'), JSON.stringify(rep.diagnostics));
  assert.ok(rep.diagnostics.some((d) => d.code === 'request.too_large'));
  assert.match(r.stderr, /stopped reading after 16777217 bytes/);
  const s = spawnSync(process.execPath, [cli, 'check', '-'], { input: Buffer.alloc(17 << 20, 0x20), encoding: 'utf8', timeout: 60000 });
  assert.equal(s.status, 1);
  assert.match(s.stdout, /request\.analysis_cap/);
});

test('curl: a form-encoded body is sent as is with the form Content-Type, never wrapped twice (also with --form)', async () => {
  const mm = await (await import('./helpers.mjs')).mmhook();
  const form = 'payload=%7B%22text%22%3A%22hi+there%22%7D';
  const f = path.join(dir, 'form.txt');
  writeFileSync(f, form);
  for (const extra of [[], ['--form']]) {
    const r = run(['curl', f, '--url', 'https://chat.example.com/hooks/abc123', ...extra]);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /payload%3D|payload=payload/);
    assert.match(r.stderr, /already form-encoded/);
    const parsed = mm.parseCommand(r.stdout);
    assert.equal(parsed.body, form);
    assert.equal(parsed.contentType, 'application/x-www-form-urlencoded');
    const rep = mm.check(parsed.body, { contentType: parsed.contentType });
    assert.equal(rep.ok, true, JSON.stringify(rep.diagnostics));
    assert.equal(rep.posts[0].message, 'hi there');
  }
});

test('--no-content-type (check, render, curl) and curl --content-type TYPE', async () => {
  const mm = await (await import('./helpers.mjs')).mmhook();
  const a = JSON.parse(run(['check', good, '--json', '--no-content-type']).stdout);
  assert.deepEqual(a, mm.check(readFileSync(good, 'utf8'), { contentType: null }));
  assert.equal(run(['check', good, '--no-content-type', '--content-type', 'text/plain']).status, 2);
  const url = ['--url', 'https://chat.example.com/hooks/abc123'];
  const charset = run(['curl', good, ...url, '--content-type', 'application/json; charset=utf-8']);
  assert.equal(charset.status, 0, charset.stderr);
  assert.equal(mm.parseCommand(charset.stdout).contentType, 'application/json; charset=utf-8');
  const none = run(['curl', good, ...url, '--no-content-type']);
  assert.equal(mm.parseCommand(none.stdout).contentType, null);
  assert.equal(mm.parseCommand(none.stdout).body, readFileSync(good, 'utf8'));
  const bad = run(['curl', good, ...url, '--content-type', 'text/plain\r\nX: y']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /command\.content_type/);
});

test('curl: a body that is not UTF-8 is sent byte for byte (no U+FFFD); a URL with a line break is refused', () => {
  const f = path.join(dir, 'latin1.json');
  writeFileSync(f, Buffer.from('{"text":"caf\xe9"}', 'latin1'));
  const r = runBytes(['curl', f, '--url', 'https://chat.example.com/hooks/abc123']);
  assert.equal(r.status, 0, String(r.stderr));
  const out = r.stdout.toString('latin1');
  assert.match(out, /\\351/);
  assert.doesNotMatch(out, /\\357\\277\\275|\xef\xbf\xbd/);
  const nl = run(['curl', good, '--url', 'https://chat.example.com/hooks/abc123\ncalc', '--shell', 'cmd']);
  assert.equal(nl.status, 2);
  assert.match(nl.stderr, /command\.url_whitespace/);
});

test('render --out: - is standard output, never the input, never through a symlink, no silent overwrite', () => {
  const sub = mkdtempSync(path.join(dir, 'out-'));
  const input = path.join(sub, 'in.json');
  writeFileSync(input, '{"text":"hello"}');
  const dash = spawnSync(process.execPath, [cli, 'render', input, '--out=-'], { cwd: sub, encoding: 'utf8' });
  assert.equal(dash.status, 0, dash.stderr);
  assert.match(dash.stdout, /<!doctype html>/);
  assert.equal(existsSync(path.join(sub, '-')), false);
  const self = run(['render', input, '--out', input, '--force']);
  assert.equal(self.status, 2);
  assert.match(self.stderr, /is the input file/);
  assert.equal(readFileSync(input, 'utf8'), '{"text":"hello"}');
  const target = path.join(sub, 'victim.txt');
  writeFileSync(target, 'keep');
  const link = path.join(sub, 'link.html');
  symlinkSync(target, link);
  const viaLink = run(['render', input, '--out', link, '--force']);
  assert.equal(viaLink.status, 2);
  assert.match(viaLink.stderr, /symbolic link/);
  assert.equal(readFileSync(target, 'utf8'), 'keep');
  const out = path.join(sub, 'out.html');
  assert.equal(run(['render', input, '--out', out]).status, 0);
  const again = run(['render', input, '--out', out]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /exists; add --force/);
  assert.equal(run(['render', input, '--out', out, '--force']).status, 0);
});

test('render carries the preview post styles (colour bar, avatar, BOT tag spacing, attachment title) for both themes', () => {
  const f = path.join(dir, 'att.json');
  writeFileSync(f, '{"text":"x","attachments":[{"color":"#36a64f","title":"T","text":"a"}]}');
  for (const theme of ['light', 'dark']) {
    const html = run(['render', f, '--theme', theme]).stdout;
    assert.match(html, new RegExp(`data-theme="${theme}"`));
    assert.match(html, /\.mm-attachment__container\{[^}]*border-left:4px solid/);
    assert.match(html, /\.mm-post__avatar\{[^}]*width:32px/);
    assert.match(html, /\.mm-post__header\{[^}]*gap:0 6px/);
    assert.match(html, /\.mm-post__bot-tag\{/);
    assert.match(html, /\.mm-attachment__title\{[^}]*font-size:14px/);
    assert.match(html, /:root\[data-theme=dark\]|:root\[data-theme="dark"\]/);
    assert.match(html, /<div class="mmp-post-list"/);
    assert.match(html, /font-src data:/);
  }
});
