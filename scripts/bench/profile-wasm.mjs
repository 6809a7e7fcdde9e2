#!/usr/bin/env node
// Chromium's sampling profiler on check() in wasm: loads build/bench-wasm/mmhook_prof.{mjs,wasm} (the shipped link with
// --profiling-funcs, built on demand by build-wasm-variants.sh) in Debian's Chromium on 127.0.0.1, calls check() on
// each corpus case for a few seconds under the CDP profiler and prints the functions with the most self time.
// Usage: node scripts/bench/profile-wasm.mjs [--seconds N] [--top N] [--case alert,ci,release,doc1mb] [--body FILE.json] [--refresh]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { corpus, root } from './corpus.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const SECONDS = Number(opt('--seconds', 3));
const TOP = Number(opt('--top', 25));
const CASES = opt('--case', 'alert,ci,release,doc1mb').split(',');

const out = path.join(root, 'build/bench-wasm');
if (args.includes('--refresh') || !fs.existsSync(path.join(out, 'mmhook_prof.wasm'))) {
  const r = spawnSync('bash', ['scripts/bench/build-wasm-variants.sh', ...(args.includes('--refresh') ? ['--refresh'] : []), 'prof'],
    { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const dir = path.join(root, 'build/bench/profile-page');
fs.mkdirSync(dir, { recursive: true });
for (const f of ['mmhook_prof.mjs', 'mmhook_prof.wasm']) fs.copyFileSync(path.join(out, f), path.join(dir, f));
const BODY = opt('--body', null);
const cases = BODY ? [{ name: path.basename(BODY), body: fs.readFileSync(BODY, 'utf8'), settings: {} }] : corpus().filter((c) => CASES.includes(c.name));
fs.writeFileSync(path.join(dir, 'cases.json'), JSON.stringify(cases.map((c) => ({ name: c.name, body: c.body, settings: JSON.stringify(c.settings) }))));
fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>profile</title>
<script type="module">
import create from './mmhook_prof.mjs';
const enc = new TextEncoder();
window.ready = (async () => {
  const mod = await create();
  const cases = await (await fetch('./cases.json')).json();
  window.run = (name, ms) => {
    const c = cases.find((x) => x.name === name);
    const t0 = performance.now(); let n = 0;
    while (performance.now() - t0 < ms) {
      const pre = 'application/json' + c.settings, max = (pre.length + c.body.length) * 3, ptr = mod.inputBuffer(max);
      const a = enc.encodeInto(pre, mod.HEAPU8.subarray(ptr, ptr + max)).written;
      const len = enc.encodeInto(c.body, mod.HEAPU8.subarray(ptr + a, ptr + max)).written;
      let b = mod.check(16, a - 16, 0, 0, len, true, 1 << 20);
      while (mod.HEAPU32[(b >>> 2) + 4]) b = mod.checkNext(1 << 20);
      n++;
    }
    return { n, us: (performance.now() - t0) * 1000 / n };
  };
})();
</script>`);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const { server, url } = await serve({ root: dir, port: 0 });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(() => window.ready);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  for (const c of cases) {
    await page.evaluate((n) => window.run(n, 500), c.name);   // warm-up (tier-up to TurboFan)
    await cdp.send('Profiler.start');
    const r = await page.evaluate(([n, ms]) => window.run(n, ms), [c.name, SECONDS * 1000]);
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    let total = 0;
    profile.samples.forEach((id, i) => {
      const f = byId.get(id).callFrame;
      const name = f.url.endsWith('.wasm') || /wasm/.test(f.url) || f.functionName.startsWith('$') ? f.functionName : `${f.functionName || '(anonymous)'} [js]`;
      const dt = profile.timeDeltas[i] || 0;
      total += dt;
      self.set(name, (self.get(name) || 0) + dt);
    });
    console.log(`\n## ${c.name}: ${c.body.length.toLocaleString('en')} bytes, ${r.n} calls, ${r.us.toFixed(0)} µs per call (Chromium ${browser.version()})`);
    console.log('| self % | function |\n| ---: | --- |');
    for (const [name, dt] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
      console.log(`| ${(100 * dt / total).toFixed(1)} | \`${name.replace(/\|/g, '\\|').slice(0, 110)}\` |`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
