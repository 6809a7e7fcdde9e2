#!/usr/bin/env node
// npm run bench: mmhook check() (wasm, JS API) against the native Release core and the JS peer pipelines, in one
// process, on the corpus of scripts/bench/corpus.mjs; then transports (typed array vs Embind string), -O2/-Oz links,
// scaling (1-8 MB, cmark-gfm pathological patterns), browser cold start, page keystroke-to-preview and sizes.
// Prints Markdown tables, writes bench-results.json (git-ignored) and build/bench/performance.md.
// Usage: npm run bench -- [--quick] [--all-variants] [--skip native,peers,variants,scaling,browser,page] [--rounds N] [--base DIR]
// --base DIR: a second build's dist/ (e.g. one made before a change) timed interleaved with this one as "mmhook (base)".
// (npm run bench runs scripts/setup.sh first, so it works from a fresh clone.)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { corpus, scalingDocs, PATHOLOGICAL, root } from './corpus.mjs';
import { makePeers } from './peers.mjs';
import { loadVariant } from './wasm-variants.mjs';
import { sample, summarize, pct, fmtMs, fmtBytes, fmtX, table } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const QUICK = args.includes('--quick');
const SKIP = new Set((opt('--skip', '') || '').split(',').filter(Boolean));
const ROUNDS = Number(opt('--rounds', QUICK ? 2 : 3));
const CT = 'application/json';
const OUT_DIR = path.join(root, 'build/bench');
const NATIVE_DIR = path.join(root, 'build/native-release');
const NATIVE_BIN = path.join(NATIVE_DIR, 'tests/bench/mmhook_bench_native');
const log = (...a) => console.error('[bench]', ...a);
const T0 = Date.now();
const phases = {};
let phaseStart = T0;
const phase = (name) => { const t = Date.now(); phases[name] = Number(((t - phaseStart) / 1000).toFixed(1)); phaseStart = t; };
const loadavg = () => os.loadavg().map((x) => Number(x.toFixed(2)));

// Per-implementation time per round, by case size: small cases get many calls, the 1 MB case a few.
function budget(bytes) {
  const scale = QUICK ? 0.25 : 1;
  if (bytes > 500_000) return { ms: 1500 * scale, minIters: QUICK ? 1 : 3, warmup: 1 };
  if (bytes > 10_000) return { ms: 800 * scale, minIters: 10, warmup: 20 };
  return { ms: 600 * scale, minIters: 50, warmup: 200 };
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

// ---------- preparation: library, native driver, bench-only wasm, corpus files ----------
if (!fs.existsSync(path.join(root, 'dist/mmhook.mjs'))) { log('building dist/ (scripts/build.sh wasm)'); run('bash', ['scripts/build.sh', 'wasm'], { stdio: 'inherit' }); }
if (!SKIP.has('native')) {
  if (!fs.existsSync(path.join(NATIVE_DIR, 'build.ninja'))) {
    log('configuring build/native-release');
    run('cmake', ['-S', '.', '-B', NATIVE_DIR, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release', '-DMMHOOK_SANITIZE=OFF']);
  }
  log('building mmhook_bench_native (Release)');
  try {
    run('cmake', ['--build', NATIVE_DIR, '--target', 'mmhook_bench_native', '-j', String(os.cpus().length)]);
  } catch (e) {
    if (!fs.existsSync(NATIVE_BIN)) throw e;
    log(`WARNING: rebuilding the native driver failed; using the previous binary (may lag the sources):\n${String(e.message).slice(0, 800)}`);
  }
}
// Default: only the Embind-string twin (the transport comparison); --all-variants adds the -O2/-Oz links and the other
// allocator. A variant older than build/wasm's core library is relinked from a fresh snapshot.
const WANTED = args.includes('--all-variants') ? ['O3', 'O2', 'Oz', 'strbind', 'altmalloc'] : ['strbind'];
if (!SKIP.has('variants')) {
  const coreLib = path.join(root, 'build/wasm/core/libmmhook_core.a');
  const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
  const need = WANTED.filter((v) => mtime(path.join(root, `build/bench-wasm/mmhook_${v}.wasm`)) < mtime(coreLib));
  const refresh = mtime(path.join(root, 'build/bench-wasm/lib/libmmhook_core.a')) < mtime(coreLib);
  if (need.length) {
    log(`linking bench-only wasm variants ${need.join(', ')}`);
    run('bash', ['scripts/bench/build-wasm-variants.sh', ...(refresh ? ['--refresh'] : []), ...need]);
  }
}
phase('prepare_builds_s');
const corpusDir = path.join(OUT_DIR, 'corpus');
fs.mkdirSync(corpusDir, { recursive: true });
const writeCase = (c) => {
  const body = path.join(corpusDir, `${c.name}.json`);
  const settings = path.join(corpusDir, `${c.name}.settings.json`);
  fs.writeFileSync(body, c.body);
  fs.writeFileSync(settings, JSON.stringify(c.settings));
  return `${body}::${settings}`;
};

const { createMmhook } = await import(pathToFileURL(path.join(root, 'dist/mmhook.mjs')).href);
const mm = await createMmhook();
const BASE = opt('--base', null);
const base = BASE ? await (await import(pathToFileURL(path.join(path.resolve(BASE), 'mmhook.mjs')).href)).createMmhook() : null;
const peers = SKIP.has('peers') ? { peers: [], versions: {}, schemaSource: null } : await makePeers(root);
const variants = {};
if (!SKIP.has('variants')) for (const v of args.includes('--all-variants') ? [...WANTED, 'OzFull', 'simd'] : WANTED) { const x = await loadVariant(root, v); if (x) variants[v] = x; }

const results = {
  generated: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model, cores: os.cpus().length, memory_gb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    platform: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version, loadavg_start: loadavg(),
  },
  versions: { mmhook: mm.version, peers: peers.versions, schema: peers.schemaSource },
  method: {
    rounds: ROUNDS, quick: QUICK,
    note: 'Per-call wall time. Implementations are interleaved in rounds per case so load drift hits all alike; ' +
      'ratios are from this one run. throughput = 1 / median. mmhook native = check() + report_to_json() in C++ (Release).',
  },
  cases: [], transport: [], variants: {}, scaling: {}, browser: null, page: null, sizes: {},
};

phase('load_s');
// ---------- main table ----------
function proofOf(report) {
  return { ok: report.ok, status: report.status, posts: report.posts.length, html_chars: report.posts.reduce((n, p) => n + p.html.length, 0) };
}

for (const c of corpus()) {
  const bytes = Buffer.byteLength(c.body);
  const b = budget(bytes);
  const settingsJson = JSON.stringify(c.settings);
  const first = mm.check(c.body, { contentType: CT, settings: c.settings });
  const proof = proofOf(first);
  if (!first.ok || proof.html_chars === 0) throw new Error(`${c.name}: mmhook did not render it (${JSON.stringify(proof)})`);
  const impls = [['mmhook', () => mm.check(c.body, { contentType: CT, settings: c.settings })]];
  if (base) impls.push(['mmhook (base)', () => base.check(c.body, { contentType: CT, settings: c.settings })]);
  for (const p of peers.peers) impls.push([p.name, () => p.run(c.body)]);
  if (variants.strbind) {
    impls.push(['wasm -O3, bytes (bench wrapper)', () => variants.strbind.checkBytes(c.body, settingsJson)]);
    impls.push(['wasm -O3, Embind std::string', () => variants.strbind.checkString(c.body, settingsJson)]);
    impls.push(['no-op round trip, bytes', () => variants.strbind.echoBytes(c.body)]);
    impls.push(['no-op round trip, Embind string', () => variants.strbind.echoString(c.body)]);
  }
  if (variants.O3) impls.push(['wasm -O3 link', () => variants.O3.checkBytes(c.body, settingsJson)]);
  if (variants.O2) impls.push(['wasm -O2 link', () => variants.O2.checkBytes(c.body, settingsJson)]);
  if (variants.Oz) impls.push(['wasm -Oz link', () => variants.Oz.checkBytes(c.body, settingsJson)]);
  if (variants.altmalloc) impls.push(['wasm -O3, other allocator', () => variants.altmalloc.checkBytes(c.body, settingsJson)]);
  if (variants.simd) impls.push(['wasm -O3 + simd128 (whole build)', () => variants.simd.checkBytes(c.body, settingsJson)]);
  if (variants.OzFull) impls.push(['wasm MinSizeRel + -Oz link', () => variants.OzFull.checkBytes(c.body, settingsJson)]);
  const peerProof = Object.fromEntries(peers.peers.map((p) => [p.name, p.run(c.body)]));
  for (const [name, n] of Object.entries(peerProof)) if (!(n > 0)) throw new Error(`${c.name}: peer ${name} produced nothing`);

  log(`${c.name}: ${fmtBytes(bytes)}, ${impls.length} implementations x ${ROUNDS} rounds (load ${loadavg().join(' ')})`);
  const samples = Object.fromEntries(impls.map(([n]) => [n, []]));
  const nativeSamples = [];
  let nativeProof = null;
  const spec = writeCase(c);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, fn] of impls) {
      if (r === 0) for (let w = 0; w < b.warmup; w++) fn();
      sample(fn, { ms: b.ms / ROUNDS, minIters: Math.ceil(b.minIters / ROUNDS) }, samples[name]);
    }
    if (!SKIP.has('native')) {
      const out = JSON.parse(run(NATIVE_BIN, ['--samples', '--time-ms', String(b.ms / ROUNDS), '--min-iters', String(Math.ceil(b.minIters / ROUNDS)),
        '--warmup-ms', r === 0 ? '200' : '20', spec]));
      const k = out.cases[0];
      nativeSamples.push(...k.samples_ns.map((x) => x / 1e6));
      nativeProof = { ok: k.ok, status: k.status, posts: k.posts, html_bytes: k.html_bytes };
    }
  }
  const entry = { name: c.name, label: c.label, bytes, settings: c.settings, proof, peer_html_chars: peerProof, native_proof: nativeProof, impls: {} };
  for (const [name] of impls) entry.impls[name] = summarize(samples[name], bytes);
  if (nativeSamples.length) entry.impls['native core (C++ Release)'] = summarize(nativeSamples, bytes);
  const m = entry.impls.mmhook.median_ms;
  entry.ratios = {
    mmhook_throughput_over_native: entry.impls['native core (C++ Release)'] ? entry.impls['native core (C++ Release)'].median_ms / m : null,
    peer_time_over_mmhook: Object.fromEntries(peers.peers.map((p) => [p.name, entry.impls[p.name].median_ms / m])),
    mmhook_over_base: base ? m / entry.impls['mmhook (base)'].median_ms : null,
  };
  if (variants.strbind) {
    entry.ratios.embind_string_over_bytes_check = entry.impls['wasm -O3, Embind std::string'].median_ms / entry.impls['wasm -O3, bytes (bench wrapper)'].median_ms;
    entry.ratios.embind_string_over_bytes_noop = entry.impls['no-op round trip, Embind string'].median_ms / entry.impls['no-op round trip, bytes'].median_ms;
  }
  if (variants.O2) entry.ratios.o2_time_over_o3 = entry.impls['wasm -O2 link'].median_ms / (entry.impls['wasm -O3 link'] || entry.impls['wasm -O3, bytes (bench wrapper)']).median_ms;
  const o3 = (entry.impls['wasm -O3 link'] || entry.impls['wasm -O3, bytes (bench wrapper)'])?.median_ms;
  if (variants.altmalloc) entry.ratios.altmalloc_time_over_o3 = entry.impls['wasm -O3, other allocator'].median_ms / o3;
  if (variants.simd) entry.ratios.simd_time_over_o3 = entry.impls['wasm -O3 + simd128 (whole build)'].median_ms / o3;
  if (variants.OzFull) entry.ratios.ozfull_time_over_o3 = entry.impls['wasm MinSizeRel + -Oz link'].median_ms / o3;
  if (variants.Oz) entry.ratios.oz_time_over_o3 = entry.impls['wasm -Oz link'].median_ms / o3;
  results.cases.push(entry);
}

// ---------- scaling ----------
function bestOf(fn, runs) { const xs = []; for (let i = 0; i < runs; i++) { const a = performance.now(); fn(); xs.push(performance.now() - a); } return Math.min(...xs); }
const growth = (ts) => ts.slice(1).map((t, i) => t / ts[i]);
phase('main_table_s');
// Growth per doubling from the least-squares slope of log(time) over log(size): 2^slope.
function fitGrowth(sizes, ts) {
  const xs = sizes.map(Math.log2), ys = ts.map(Math.log2);
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  const slope = xs.reduce((n, x, i) => n + (x - mx) * (ys[i] - my), 0) / xs.reduce((n, x) => n + (x - mx) ** 2, 0);
  return 2 ** slope;
}
if (!SKIP.has('scaling')) {
  const runs = QUICK ? 1 : 3;
  const docs = scalingDocs();
  const rows = [];
  for (const d of (QUICK ? docs.slice(0, 3) : docs)) {
    const rep = mm.check(d.body, { contentType: CT, settings: d.settings });
    const proof = proofOf(rep);
    const n = d.mb > 2 ? Math.min(2, runs) : runs;
    const wasm = bestOf(() => mm.check(d.body, { contentType: CT, settings: d.settings }), n);
    let native = null;
    if (!SKIP.has('native')) {
      const k = JSON.parse(run(NATIVE_BIN, ['--samples', '--time-ms', '0', '--warmup-ms', '0', '--min-iters', String(n), writeCase(d)])).cases[0];
      native = k.samples_ns.reduce((a, b) => Math.min(a, b), Infinity) / 1e6;
    }
    rows.push({ name: d.name, bytes: Buffer.byteLength(d.body), wasm_ms: wasm, native_ms: native, proof });
    log(`scaling ${d.label}: wasm ${fmtMs(wasm)}, native ${fmtMs(native)}`);
  }
  results.scaling.documents = { rows, wasm_growth: growth(rows.map((r) => r.wasm_ms)), native_growth: growth(rows.map((r) => r.native_ms)),
    wasm_fit_growth: fitGrowth(rows.map((r) => r.bytes), rows.map((r) => r.wasm_ms)),
    native_fit_growth: rows[0].native_ms ? fitGrowth(rows.map((r) => r.bytes), rows.map((r) => r.native_ms)) : null };

  const pathBase = Number(opt('--path-base', QUICK ? 32_000 : 64_000));
  const settings = { maximumPayloadSizeBytes: 64_000_000, maxPostSize: 20_000_000 };
  const patho = [];
  const pdir = path.join(OUT_DIR, 'pathological');
  fs.mkdirSync(pdir, { recursive: true });
  fs.writeFileSync(path.join(pdir, 'settings.json'), JSON.stringify(settings));
  for (const [name, gen] of Object.entries(PATHOLOGICAL)) {
    const sizes = [1, 2, 4, 8].map((k) => k * pathBase);
    const bodies = sizes.map((n) => gen(n));
    const wasm = bodies.map((body) => bestOf(() => mm.check(body, { contentType: CT, settings }), runs));
    let native = null;
    if (!SKIP.has('native')) {
      const specs = bodies.map((body, i) => { const f = path.join(pdir, `${name.replace(/[^a-z0-9]+/gi, '_')}_${i}.json`); fs.writeFileSync(f, body); return `${f}::${path.join(pdir, 'settings.json')}`; });
      native = JSON.parse(run(NATIVE_BIN, ['--samples', '--time-ms', '0', '--warmup-ms', '0', '--min-iters', String(runs), ...specs])).cases.map((k) => k.samples_ns.reduce((a, b) => Math.min(a, b), Infinity) / 1e6);
    }
    const ok = mm.check(bodies[3], { contentType: CT, settings });
    const row = { name, bytes: bodies.map((x) => Buffer.byteLength(x)), wasm_ms: wasm, native_ms: native, wasm_growth: growth(wasm),
      native_growth: native && growth(native), status_at_8x: ok.status, html_chars_at_8x: ok.posts.reduce((n, p) => n + p.html.length, 0) };
    row.wasm_fit_growth = fitGrowth(sizes, wasm);
    row.native_fit_growth = native && fitGrowth(sizes, native);
    // Linear unless both builds grow faster than 2.2x per doubling on the least-squares fit (single steps are noisy under load).
    row.fit_growth = Math.min(row.wasm_fit_growth, row.native_fit_growth ?? Infinity);
    row.worst_growth = Math.max(...row.wasm_growth, ...(row.native_growth || []));
    patho.push(row);
    log(`pathological ${name}: wasm ${wasm.map(fmtMs).join(' / ')}, growth ${row.wasm_growth.map((g) => g.toFixed(2)).join(' ')}`);
  }
  results.scaling.pathological = { base_bytes: pathBase, rows: patho };
}

phase('scaling_s');
// ---------- browser and page ----------
if (!SKIP.has('browser')) {
  const { browserBench } = await import('./browser.mjs');
  log('browser: cold start and transfer sizes');
  results.browser = await browserBench({ root, runs: QUICK ? 3 : 10, base: BASE && path.resolve(BASE) });
}
if (!SKIP.has('page') && !SKIP.has('browser') && fs.existsSync(path.join(root, 'tests/browser/bench-page.mjs'))) {
  log('page: tests/browser/bench-page.mjs (keystroke-to-preview)');
  const r = spawnSync('node', ['tests/browser/bench-page.mjs', '--loads', QUICK ? '2' : '5', '--keys', QUICK ? '10' : '40'],
    { cwd: root, encoding: 'utf8', timeout: 300_000 });
  results.page = { exit: r.status, output: (r.stdout || '') + (r.status ? r.stderr : '') };
  results.page.rows = [...results.page.output.matchAll(/^(400 B|20 KB|1 MB)\s+(\d+)\s+([\d.]+) ms\s+([\d.]+) ms\s+([\d.]+) ms\s+([\d.]+) ms\s+([\d.]+) ms/gm)]
    .map((m) => ({ size: m[1], keys: +m[2], p50_update_ms: +m[3], p95_update_ms: +m[4], max_update_ms: +m[5], p95_next_frame_ms: +m[6], check_p50_ms: +m[7] }));
  const load = results.page.output.match(/first load to interactive \((\d+) loads\): median ([\d.]+) ms.*?p95 ([\d.]+) ms/);
  if (load) results.page.first_load = { loads: +load[1], median_ms: +load[2], p95_ms: +load[3] };
  const view = results.page.output.match(/first-view transfer \(gzip -9, (\d+) files\): ([\d.]+) KB/);
  if (view) results.page.first_view = { files: +view[1], gzip: Math.round(+view[2] * 1000) };
}

phase('browser_and_page_s');
// ---------- sizes ----------
const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
const size = (f) => ({ bytes: fs.statSync(f).size, gzip: gz(f) });
results.sizes.library = { 'mmhook.wasm': size(path.join(root, 'dist/mmhook.wasm')), 'mmhook.mjs': size(path.join(root, 'dist/mmhook.mjs')) };
results.sizes.library_gzip_total = results.sizes.library['mmhook.wasm'].gzip + results.sizes.library['mmhook.mjs'].gzip;
// At zlib's default level, as tests/js/budget.test.mjs measures it.
results.sizes.library_gzip6_total = ['mmhook.wasm', 'mmhook.mjs'].reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(root, 'dist', f))).length, 0);
// Every other module in dist/ (a second, on-demand module once the check module is split) and the embed.
results.sizes.modules = Object.fromEntries(fs.readdirSync(path.join(root, 'dist')).filter((f) => /\.wasm$/.test(f)).map((f) => [f, size(path.join(root, 'dist', f))]));
// The size budgets the tests enforce (no issue goal for these two), read from the tests themselves.
const budgetOf = (file, name) => { const m = fs.existsSync(path.join(root, file)) && fs.readFileSync(path.join(root, file), 'utf8').match(new RegExp(`${name} = ([\\d_]+)`)); return m ? Number(m[1].replace(/_/g, '')) : null; };
results.sizes.budgets = { library_gzip: budgetOf('tests/js/budget.test.mjs', 'LIBRARY_GZIP_BUDGET'), embed_gzip: budgetOf('tests/browser/embed.test.mjs', 'GZIP_BUDGET'),
  embed_read_only_gzip: budgetOf('tests/browser/embed.test.mjs', 'READ_ONLY_BUDGET'), page_first_view_gzip6: budgetOf('tests/js/budget.test.mjs', 'HTTP_FIRST_VIEW_GZIP_BUDGET') };
const embedDir = path.join(root, 'dist/embed');
if (fs.existsSync(path.join(embedDir, 'mmhook-embed.js'))) {
  results.sizes.embed = size(path.join(embedDir, 'mmhook-embed.js'));
  // A page with a read-only element: the files tests/browser/embed.test.mjs checks a browser fetches (and budgets).
  const { readOnlyEmbedFiles } = await import('../build-embed.mjs');
  const files = Object.fromEntries((await readOnlyEmbedFiles(embedDir)).map((f) => [f, size(path.join(embedDir, f))]));
  results.sizes.embed_read_only = { files, gzip: Object.values(files).reduce((n, x) => n + x.gzip, 0) };
}
const webDir = path.join(root, 'dist/web');
// The http page's first view as tests/js/budget.test.mjs lists it (HTTP_FIRST_VIEW), at gzip -9 and at its level 6.
const firstView = (fs.readFileSync(path.join(root, 'tests/js/budget.test.mjs'), 'utf8').match(/HTTP_FIRST_VIEW = \[([^\]]*)\]/) || [, ''])[1].match(/'[^']+'/g)?.map((q) => q.slice(1, -1)) || [];
if (firstView.length) results.sizes.page_first_view = { files: firstView, gzip: firstView.reduce((n, f) => n + gz(path.join(webDir, f)), 0),
  gzip6: firstView.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(webDir, f))).length, 0) };
results.sizes.page = Object.fromEntries(fs.readdirSync(webDir).filter((f) => fs.statSync(path.join(webDir, f)).isFile()).map((f) => [f, size(path.join(webDir, f))]));
results.sizes.page_gzip_total = Object.values(results.sizes.page).reduce((n, s) => n + s.gzip, 0);
for (const [v, x] of Object.entries(variants)) {
  const f = path.join(root, `build/bench-wasm/mmhook_${v}.wasm`);
  results.variants[v] = { wasm: size(f) };
  const label = path.join(root, `build/bench-wasm/mmhook_${v}.txt`);
  if (fs.existsSync(label)) results.variants[v].label = fs.readFileSync(label, 'utf8').trim();
}
results.shipped_malloc = (fs.readFileSync(path.join(root, 'wasm/CMakeLists.txt'), 'utf8').match(/-sMALLOC=(\w+)/) || [])[1] || null;
results.machine.loadavg_end = loadavg();
results.timing = { ...phases, total_s: Number(((Date.now() - T0) / 1000).toFixed(1)) };

// ---------- report ----------
fs.writeFileSync(path.join(root, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
const md = (await import('./report.mjs')).renderReport(results);
fs.mkdirSync(OUT_DIR, { recursive: true });
fs.writeFileSync(path.join(OUT_DIR, 'performance.md'), md);
console.log(md);
console.error(`[bench] wrote bench-results.json and build/bench/performance.md; phases (s): ${JSON.stringify(results.timing)}`);
