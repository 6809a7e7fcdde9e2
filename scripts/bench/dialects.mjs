#!/usr/bin/env node
// The Markdown dialects' cost: check() on the bench corpus (3 KB CI report, 20 KB release notes) with platform web
// and mobile, and marked's slow patterns at n and 10n bytes (linear: time ratio near 10).
// With --base DIR (another checkout's built dist/, e.g. a worktree of the commit before a change), both libraries
// are loaded into this one process and called alternately, so the ratios come from one run.
// Usage: node scripts/bench/dialects.mjs [--base DIR] [--rounds N] [--ms MS] [--n BYTES] [--skip corpus,patterns]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { corpus, MARKED_PATTERNS, root } from './corpus.mjs';
import { sample, summarize, fmtMs, fmtBytes, fmtX, table } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const BASE = opt('--base', null);
const ROUNDS = Number(opt('--rounds', 7));
const MS = Number(opt('--ms', 250));
const N = Number(opt('--n', 20_000));
const SKIP = new Set((opt('--skip', '') || '').split(',').filter(Boolean));
const CT = 'application/json';

async function load(dir) {
  const f = path.join(dir, 'dist/mmhook.mjs');
  if (!fs.existsSync(f)) throw new Error(`${f} missing: build it first (scripts/build.sh wasm in ${dir})`);
  const { createMmhook } = await import(pathToFileURL(f).href);
  return createMmhook();
}
const libs = [['this', await load(root)]];
if (BASE) libs.unshift(['base', await load(path.resolve(BASE))]);
const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
console.log(`# Markdown dialects: ${os.cpus()[0]?.model}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);

if (BASE) {
  const rows = [];
  for (const [name, dir] of [['base', path.resolve(BASE)], ['this', root]]) {
    const w = path.join(dir, 'dist/mmhook.wasm');
    rows.push([name, dir, fs.statSync(w).size, gz(w)]);
  }
  rows.push(['change', '', `${rows[1][2] - rows[0][2]} (${fmtX(rows[1][2] / rows[0][2])})`, `${rows[1][3] - rows[0][3]} (${fmtX(rows[1][3] / rows[0][3])})`]);
  console.log('\n## dist/mmhook.wasm size\n\n' + table(['build', 'dir', 'bytes', 'gzip -9'], rows));
}

if (!SKIP.has('corpus')) {
  const cases = corpus().filter((c) => c.name === 'ci' || c.name === 'release');
  const rows = [];
  for (const c of cases) {
    for (const platform of ['web', 'mobile']) {
      const calls = libs.map(([name, mm]) => [name, () => mm.check(c.body, { contentType: CT, settings: c.settings, platform })]);
      for (const [name, fn] of calls) { const r = fn(); if (!r.ok || !r.posts.length) throw new Error(`${name} ${c.name}: not rendered`); }
      const samples = Object.fromEntries(calls.map(([n]) => [n, []]));
      for (let r = 0; r < ROUNDS; r++) {
        for (const [name, fn] of (r % 2 ? [...calls].reverse() : calls)) {
          if (r === 0) for (let w = 0; w < 50; w++) fn();
          sample(fn, { ms: MS, minIters: 5 }, samples[name]);
        }
      }
      const s = Object.fromEntries(calls.map(([n]) => [n, summarize(samples[n], Buffer.byteLength(c.body))]));
      rows.push([c.label, fmtBytes(Buffer.byteLength(c.body)), platform, ...libs.map(([n]) => `${fmtMs(s[n].median_ms)} (${s[n].iters})`),
        ...(BASE ? [fmtX(s.this.median_ms / s.base.median_ms)] : [])]);
    }
  }
  console.log(`\n## check() median per call (${ROUNDS} interleaved rounds of ${MS} ms each)\n\n` +
    table(['case', 'size', 'platform', ...libs.map(([n]) => `${n} (calls)`), ...(BASE ? ['this / base'] : [])], rows));
}

if (!SKIP.has('patterns')) {
  const bestOf = (fn, k) => { let b = Infinity; for (let i = 0; i < k; i++) { const a = performance.now(); fn(); b = Math.min(b, performance.now() - a); } return b; };
  const settings = { maximumPayloadSizeBytes: 64_000_000, maxPostSize: 20_000_000 };
  const mm = libs.at(-1)[1];
  const rows = [];
  let worst = 0;
  for (const [name, gen] of Object.entries(MARKED_PATTERNS)) {
    const row = [name];
    for (const platform of ['web', 'mobile']) {
      const t = [N, 10 * N].map((n) => { const body = JSON.stringify({ text: gen(n) }); return bestOf(() => mm.check(body, { contentType: CT, settings, platform }), 3); });
      const ratio = t[1] / t[0];
      if (platform === 'web') worst = Math.max(worst, ratio);
      row.push(fmtMs(t[0]), fmtMs(t[1]), ratio.toFixed(1));
    }
    rows.push(row);
  }
  console.log(`\n## marked's slow patterns: check() best of 3 at n = ${fmtBytes(N)} and 10n (linear: ratio about 10)\n\n` +
    table(['pattern', 'web n', 'web 10n', 'ratio', 'mobile n', 'mobile 10n', 'ratio'], rows));
  console.log(`\nworst web ratio: ${worst.toFixed(1)}`);
}
