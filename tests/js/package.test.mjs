// The packed tarball is what users install: it holds only what they need, imports by name, and runs the CLI via npx.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

const npm = (args, cwd) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120000,
  env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

test('npm pack lists only what a user needs', () => {
  const r = npm(['pack', '--dry-run', '--json'], root);
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  const bin = files.filter((f) => f.startsWith('bin/'));
  const web = files.filter((f) => f.startsWith('dist/web/'));
  assert.deepEqual(files.filter((f) => !bin.includes(f) && !web.includes(f)),
    ['README.md', 'dist/incoming-webhook.schema.json', 'dist/mmhook-tools.wasm', 'dist/mmhook.d.ts', 'dist/mmhook.mjs', 'dist/mmhook.wasm', 'dist/preview.css', 'package.json']);
  assert.ok(bin.includes('bin/mmhook.mjs') && bin.includes('bin/cli/serve.mjs') && bin.includes('bin/server/server.mjs'), bin.join());
  assert.deepEqual(bin.filter((f) => !f.endsWith('.mjs')), []);
  assert.ok(web.includes('dist/web/index.html'), 'the page ships for `mmhook serve`');
});

test('installed from the tarball: import("mmhook") works, npx mmhook check and npx mmhook serve run', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-pack-'));
  const packed = npm(['pack', '--pack-destination', dir], root);
  assert.equal(packed.status, 0, packed.stderr);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  const proj = path.join(dir, 'scratch');
  spawnSync('mkdir', ['-p', proj]);
  writeFileSync(path.join(proj, 'package.json'), '{"name":"scratch","version":"1.0.0","private":true,"type":"module"}');
  const inst = npm(['install', '--offline', '--no-package-lock', path.join(dir, tgz)], proj);
  assert.equal(inst.status, 0, inst.stderr);
  const imp = spawnSync(process.execPath, ['-e',
    "import('mmhook').then(async ({createMmhook}) => { const mm = await createMmhook(); const r = mm.check('{\"text\":\"hi\"}'); console.log(r.status, mm.version.mmhook); })"],
  { cwd: proj, encoding: 'utf8' });
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stdout, /^200 \d+\.\d+\.\d+/);
  writeFileSync(path.join(proj, 'p.json'), '{"text":"from npx"}');
  const x = spawnSync('npx', ['--offline', 'mmhook', 'check', 'p.json'], { cwd: proj, encoding: 'utf8', timeout: 60000 });
  assert.equal(x.status, 0, x.stderr + x.stdout);
  assert.match(x.stdout, /200 ok/);
  // The payload schema for editors: mmhook/schema.json.
  const sch = spawnSync(process.execPath, ['--input-type=module', '-e',
    "import { createRequire } from 'node:module'; const r = createRequire(process.cwd() + '/'); console.log(r('mmhook/schema.json').title)"],
  { cwd: proj, encoding: 'utf8' });
  assert.equal(sch.status, 0, sch.stderr);
  assert.match(sch.stdout, /Mattermost incoming-webhook payload/);

  // npx mmhook serve: the receiver answers a webhook and the page is served, from the installed package.
  const child = spawn('npx', ['--offline', 'mmhook', 'serve', '--port', '0', '--json', '--max-requests', '1'],
    { cwd: proj, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => { out += c; });
  const exited = new Promise((resolve) => child.on('close', resolve));
  const url = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no banner: ${err}`)), 60000);
    child.stderr.on('data', (c) => {
      err += c;
      const m = /mmhook previewer: (http:\S+)/.exec(err);
      if (m) { clearTimeout(t); resolve(m[1]); }
    });
  });
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<html/);
  const answer = await fetch(`${url}hooks/pkgtest`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: '{"text":"from the installed package"}' });
  assert.equal(answer.status, 200);
  assert.equal(await answer.text(), 'ok');
  assert.equal(await exited, 0, err);
  assert.equal(JSON.parse(out).status, 200);
});
