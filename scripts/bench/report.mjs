// Renders bench-results.json as the Markdown of the README "Performance" section (tables + machine + how to rerun).
import { fmtMs, fmtBytes, fmtX, table } from './stats.mjs';

const NATIVE = 'native core (C++ Release)';
const PEERS = ['markdown-it', 'marked', '@mattermost/commonmark', 'markdown-wasm'];
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
// Issue 20's goals (sizes in gzip bytes, times in ms); the bench prints each figure beside its goal.
export const GOALS = { pageFirstViewGzip: 400_000, embedReadOnlyGzip: 300_000, coldStartMs: 50, firstLoadMedianMs: 350, firstLoadP95Ms: 450, alertCheckMs: 0.05 };
const verdict = (ok) => (ok === null ? '—' : ok ? 'met' : '**missed**');

// The goals table: every issue 20 figure of this run beside its goal (and, with --base, the base build's figure).
function goalsTable(r) {
  const rows = [];
  const libGz = r.sizes.library_gzip6_total ?? r.sizes.library_gzip_total;
  const b = r.sizes.budgets || {};
  rows.push(['library: check module (mmhook.wasm + mmhook.mjs, gzip -6)', kb(libGz), b.library_gzip ? `budget ≤ ${kb(b.library_gzip)}` : '—',
    b.library_gzip ? verdict(libGz <= b.library_gzip) : '—']);
  for (const [f, x] of Object.entries(r.sizes.modules || {})) if (f !== 'mmhook.wasm') rows.push([`library: ${f} (on demand, gzip -9)`, kb(x.gzip), '—', '—']);
  const view = r.page?.first_view?.gzip ?? null;
  rows.push(['page: first-view transfer in Chromium (what the first preview fetches, gzip -9)', view === null ? 'not measured' : kb(view), `≤ ${kb(GOALS.pageFirstViewGzip)}`, view === null ? '—' : verdict(view <= GOALS.pageFirstViewGzip)]);
  const fv = r.sizes.page_first_view;
  if (fv) rows.push([`page: first view as budgeted (${fv.files.join(', ')}; gzip -9, budget at level 6: ${kb(fv.gzip6)})`, kb(fv.gzip),
    `≤ ${kb(GOALS.pageFirstViewGzip)}${b.page_first_view_gzip6 ? `; budget ≤ ${kb(b.page_first_view_gzip6)}` : ''}`, verdict(fv.gzip <= GOALS.pageFirstViewGzip)]);
  const ro = r.sizes.embed_read_only;
  if (ro) rows.push([`embed: a read-only <mmhook-preview> page (${Object.entries(ro.files).map(([f, x]) => `${f} ${kb(x.gzip)}`).join(', ')}; gzip -9)`, kb(ro.gzip),
    `≤ ${kb(GOALS.embedReadOnlyGzip)}${b.embed_read_only_gzip ? `; budget ≤ ${kb(b.embed_read_only_gzip)}` : ''}`, verdict(ro.gzip <= GOALS.embedReadOnlyGzip)]);
  if (r.sizes.embed) rows.push(['embed: mmhook-embed.js alone (gzip -9)', kb(r.sizes.embed.gzip), b.embed_gzip ? `budget < ${kb(b.embed_gzip)}` : '—',
    b.embed_gzip ? verdict(r.sizes.embed.gzip < b.embed_gzip) : '—']);
  const cold = r.browser?.coldStart?.total_ms;
  const baseCold = r.browser?.baseColdStart?.total_ms;
  rows.push(['start-up: cold start in Chromium (import → createMmhook → first 400 B check), median', cold ? fmtMs(cold.median) + (baseCold ? ` (base ${fmtMs(baseCold.median)})` : '') : 'not measured',
    `≤ ${GOALS.coldStartMs} ms`, cold ? verdict(cold.median <= GOALS.coldStartMs) : '—']);
  const load = r.page?.first_load;
  rows.push(['start-up: page first load to interactive, median', load ? `${fmtMs(load.median_ms)} (${load.loads} loads)` : 'not measured', `≤ ${GOALS.firstLoadMedianMs} ms`,
    load ? verdict(load.median_ms <= GOALS.firstLoadMedianMs) : '—']);
  rows.push(['start-up: page first load to interactive, p95', load ? fmtMs(load.p95_ms) : 'not measured', `≤ ${GOALS.firstLoadP95Ms} ms`,
    load ? verdict(load.p95_ms <= GOALS.firstLoadP95Ms) : '—']);
  for (const c of r.cases) {
    const m = c.impls.mmhook;
    const baseM = c.impls['mmhook (base)'];
    const fig = `${fmtMs(m.median_ms)}${baseM ? ` (base ${fmtMs(baseM.median_ms)}, ${fmtX(m.median_ms / baseM.median_ms)})` : ''}`;
    if (c.name === 'alert') {
      rows.push([`per call: check() of the ${fmtBytes(c.bytes)} alert (Node, JS API), median`, fig, `≤ ${fmtMs(GOALS.alertCheckMs)}`, verdict(m.median_ms <= GOALS.alertCheckMs)]);
    } else if (c.name === 'release' || c.name === 'doc1mb') {
      rows.push([`per call: check() of the ${fmtBytes(c.bytes)} ${c.label} (Node, JS API), median`, fig, 'not slower than base',
        baseM ? verdict(m.median_ms <= baseM.median_ms * 1.03) : '— (run with --base)']);
    }
  }
  return table(['figure', 'this run', 'goal', 'verdict'], rows);
}

export function renderReport(r) {
  const out = [];
  const m = r.machine;
  out.push(`Measured ${r.generated.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu} (${m.cores} cores, ${m.memory_gb} GB), ${m.platform}, ` +
    `Node ${m.node}${r.browser ? `, Chromium ${r.browser.chromium}` : ''}; load average ${m.loadavg_start.join(' / ')} at start, ` +
    `${m.loadavg_end.join(' / ')} at end (1/5/15 min). All numbers from one run of \`npm run bench\`; implementations are ` +
    `interleaved in ${r.method.rounds} rounds per case so that load changes hit them alike. Times are per call (median, p99); ` +
    'throughput = 1 / median.');
  out.push('');
  out.push('**Issue 20 goals** (not slower = within 3 % of the base build in this run):');
  out.push('');
  out.push(goalsTable(r));
  out.push('');
  out.push('**Per-call latency** (mmhook = `check()` through the JS API: decode + validate + Slack translation + split + render ' +
    'to safe HTML + Report JSON; native = the same C++ core, Release, `check()` + `report_to_json()`; peers = `JSON.parse` + ajv ' +
    '(published schema) + regex Slack translation + the named Markdown renderer over the text and attachments):');
  out.push('');
  const cases = r.cases;
  const impls = ['mmhook', 'mmhook (base)', NATIVE, ...PEERS].filter((n) => cases[0]?.impls[n]);
  out.push(table(['implementation', ...cases.map((c) => `${c.label} (${fmtBytes(c.bytes)})`)],
    impls.map((n) => [n, ...cases.map((c) => c.impls[n] ? `${fmtMs(c.impls[n].median_ms)} (p99 ${fmtMs(c.impls[n].p99_ms)})` : '—')])));
  out.push('');
  out.push('**Throughput** (calls/s; MB/s):');
  out.push('');
  out.push(table(['implementation', ...cases.map((c) => c.label)],
    impls.map((n) => [n, ...cases.map((c) => c.impls[n] ? `${c.impls[n].calls_per_s >= 100 ? c.impls[n].calls_per_s.toFixed(0) : c.impls[n].calls_per_s.toFixed(1)}/s; ${c.impls[n].mb_per_s.toFixed(1)} MB/s` : '—')])));
  out.push('');
  out.push('**Ratios** (goal in brackets; "peer / mmhook" = peer time ÷ mmhook time, so > 1 means mmhook is faster):');
  out.push('');
  const ratioRows = [['mmhook ÷ native throughput [≥ 0.8]', ...cases.map((c) => fmtX(c.ratios.mmhook_throughput_over_native))]];
  for (const p of PEERS) if (cases[0]?.ratios.peer_time_over_mmhook[p] !== undefined) {
    const goal = p === 'markdown-wasm' ? ' [≥ 1]' : p === '@mattermost/commonmark' ? '' : ' [≥ 10]';
    ratioRows.push([`${p} / mmhook${goal}`, ...cases.map((c) => fmtX(c.ratios.peer_time_over_mmhook[p]))]);
  }
  out.push(table(['ratio', ...cases.map((c) => c.label)], ratioRows));
  out.push('');
  out.push('Proof of work: ' + cases.map((c) => `${c.label}: ok=${c.proof.ok}, ${c.proof.posts} post(s), ${c.proof.html_chars.toLocaleString('en')} HTML chars` +
    (c.native_proof ? ` (native ${c.native_proof.html_bytes.toLocaleString('en')} bytes)` : '')).join('; ') + '.');
  out.push('');

  if (cases[0]?.impls['no-op round trip, bytes']) {
    out.push('**Transport: typed-array bytes (shipped) vs Embind `std::string`** (bench-only module `build/bench-wasm/mmhook_strbind`, same -O3 objects):');
    out.push('');
    const rows = ['no-op round trip, bytes', 'no-op round trip, Embind string', 'wasm -O3, bytes (bench wrapper)', 'wasm -O3, Embind std::string']
      .map((n) => [n, ...cases.map((c) => fmtMs(c.impls[n].median_ms))]);
    rows.push(['Embind ÷ bytes, no-op', ...cases.map((c) => fmtX(c.ratios.embind_string_over_bytes_noop))]);
    rows.push(['Embind ÷ bytes, check()', ...cases.map((c) => fmtX(c.ratios.embind_string_over_bytes_check))]);
    out.push(table(['median per call', ...cases.map((c) => c.label)], rows));
    out.push('');
  }
  if (cases[0]?.impls['wasm -O2 link'] || cases[0]?.impls['wasm -Oz link']) {
    out.push('**Build variants** (-O2/-Oz/other allocator: same Release objects as -O3, only the link differs; MinSizeRel and simd128: whole builds; gzip = level 9; time ratio vs -O3 in brackets, < 1 = faster):');
    out.push('');
    const rows = [];
    const o3 = r.variants.O3 ? r.variants.O3.wasm : r.sizes.library['mmhook.wasm'];
    const o3key = cases[0].impls['wasm -O3 link'] ? 'wasm -O3 link' : 'wasm -O3, bytes (bench wrapper)';
    rows.push([`-O3 (as shipped${r.shipped_malloc ? `, ${r.shipped_malloc}` : ''})`, `${kb(o3.bytes)} / ${kb(o3.gzip)}`, ...cases.map((c) => fmtMs(c.impls[o3key]?.median_ms ?? c.impls.mmhook.median_ms))]);
    for (const [v, key, rk] of [['O2', 'wasm -O2 link', 'o2_time_over_o3'], ['Oz', 'wasm -Oz link', 'oz_time_over_o3'],
      ['OzFull', 'wasm MinSizeRel + -Oz link', 'ozfull_time_over_o3'], ['altmalloc', 'wasm -O3, other allocator', 'altmalloc_time_over_o3'],
      ['simd', 'wasm -O3 + simd128 (whole build)', 'simd_time_over_o3']]) {
      if (!r.variants[v] || !cases[0].impls[key]) continue;
      rows.push([{ OzFull: 'MinSizeRel (-Os objects) + -Oz', altmalloc: `-O3, -sMALLOC=${r.variants.altmalloc?.label ?? '(other)'}`, simd: '-O3, -msimd128 (whole build)' }[v] ?? `-${v}`, `${kb(r.variants[v].wasm.bytes)} / ${kb(r.variants[v].wasm.gzip)}`, ...cases.map((c) => `${fmtMs(c.impls[key].median_ms)} (${fmtX(c.ratios[rk])})`)]);
    }
    out.push(table(['link', 'wasm raw / gzip', ...cases.map((c) => c.label)], rows));
    out.push('');
  }

  if (r.scaling.documents) {
    const d = r.scaling.documents;
    out.push('**Scaling, documents** (best of 3, of 2 above 2 MB; growth = time ratio per doubling, linear ≤ 2.2×):');
    out.push('');
    out.push(table(['body', 'wasm', 'native', 'wasm growth', 'native growth', 'rendered'],
      d.rows.map((x, i) => [fmtBytes(x.bytes), fmtMs(x.wasm_ms), fmtMs(x.native_ms), i ? fmtX(d.wasm_growth[i - 1]) : '', i && x.native_ms ? fmtX(d.native_growth[i - 1]) : '',
        `ok=${x.proof.ok}, ${(x.proof.html_chars / 1e6).toFixed(1)} M chars`])));
    if (d.wasm_fit_growth) out.push('', `Least-squares growth per doubling: wasm ${fmtX(d.wasm_fit_growth)}, native ${d.native_fit_growth ? fmtX(d.native_fit_growth) : '—'}.`);
    out.push('');
  }
  if (r.scaling.pathological) {
    const p = r.scaling.pathological;
    out.push(`**Scaling, cmark-gfm pathological patterns** (best of 3 at ${[1, 2, 4, 8].map((k) => fmtBytes(k * p.base_bytes)).join(' / ')}; ` +
      'growth per doubling from a least-squares fit over the four sizes; "no" when both wasm and native fit above 2.2×; ' +
      'single steps are noisy on a loaded machine):');
    out.push('');
    out.push(table(['pattern', 'wasm 1× / 2× / 4× / 8×', 'native 1× / 8×', 'growth wasm / native', 'linear?'],
      p.rows.map((x) => [x.name, x.wasm_ms.map(fmtMs).join(' / '), x.native_ms ? `${fmtMs(x.native_ms[0])} / ${fmtMs(x.native_ms[3])}` : '—',
        `${fmtX(x.wasm_fit_growth)} / ${x.native_fit_growth ? fmtX(x.native_fit_growth) : '—'}`, x.fit_growth <= 2.2 ? 'yes' : '**no**'])));
    out.push('');
  }
  if (r.browser) {
    const c = r.browser.coldStart;
    out.push(`**Browser cold start** (Chromium ${r.browser.chromium}, fresh context each time, ${r.browser.runs} runs, served from 127.0.0.1; goal ≤ ${GOALS.coldStartMs} ms${r.browser.baseColdStart ? '; base = the --base build, runs interleaved' : ''}):`);
    out.push('');
    const bc = r.browser.baseColdStart;
    out.push(table(['step', 'median', 'p95', 'best', ...(bc ? ['base median', 'base p95'] : [])], [
      ['import mmhook.mjs', 'import_ms'], ['createMmhook() (fetch + compile + instantiate wasm)', 'create_ms'], ['first check() (400 B alert)', 'first_check_ms'],
      ['**cold start total**', 'total_ms'], ['second check() (20 KB release notes)', 'second_check_20kb_ms'],
    ].map(([n, k]) => [n, fmtMs(c[k].median), fmtMs(c[k].p95), fmtMs(c[k].min), ...(bc ? [fmtMs(bc[k].median), fmtMs(bc[k].p95)] : [])])));
    out.push('');
    const t = r.browser.transfer;
    out.push('**Transfer size** (what the browser downloads; gzip level 9 as a static host would serve it):');
    out.push('');
    const rows = [['library (mmhook.mjs + mmhook.wasm)', t.library.requests, fmtBytes(t.library.bytes), fmtBytes(t.library.gzip)]];
    if (t.page) rows.push(['previewer page (dist/web, wasm inlined)', t.page.requests, fmtBytes(t.page.bytes), fmtBytes(t.page.gzip)]);
    out.push(table(['what', 'requests', 'raw', 'gzip'], rows));
    out.push('');
  }
  if (r.page) {
    out.push('**Keystroke-to-preview on the page** (`tests/browser/bench-page.mjs`; goal: 20 KB p95 ≤ 16 ms):');
    out.push('');
    out.push('```\n' + r.page.output.trim() + '\n```');
    out.push('');
  }
  out.push(`Sizes: mmhook.wasm ${fmtBytes(r.sizes.library['mmhook.wasm'].bytes)} (${fmtBytes(r.sizes.library['mmhook.wasm'].gzip)} gzip), ` +
    `mmhook.mjs ${fmtBytes(r.sizes.library['mmhook.mjs'].bytes)} (${fmtBytes(r.sizes.library['mmhook.mjs'].gzip)} gzip); page dist/web ${fmtBytes(r.sizes.page_gzip_total)} gzip. ` +
    'Budgets are enforced by `tests/js/budget.test.mjs`.');
  out.push('');
  const t = r.timing || {};
  out.push('Rerun: `npm run bench` (runs set-up, then builds what is missing: dist/, the native Release driver ' +
    '`build/native-release` target `mmhook_bench_native`, the Embind-string twin via `scripts/bench/build-wasm-variants.sh`; ' +
    '`--quick` for a smoke run, `--all-variants` for the -O2/-Oz/allocator rows, `--skip browser,page,scaling,variants` to narrow it). ' +
    (t.total_s ? `This run: ${t.total_s} s in the script (builds ${t.prepare_builds_s} s, main table ${t.main_table_s} s, scaling ${t.scaling_s} s, browser and page ${t.browser_and_page_s} s). ` : '') +
    'It prints these tables and writes `bench-results.json`; `node scripts/bench/profile-wasm.mjs` profiles `check()` in Chromium.');
  return out.join('\n') + '\n';
}
