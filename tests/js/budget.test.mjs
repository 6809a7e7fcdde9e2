// Size budgets (never timings): what a user downloads must not grow unnoticed. Budgets sit just above the sizes
// measured when they were set (see scripts/bench/README-performance.md); raising one is a deliberate edit here.
// gzip = Node's zlib default level (what static hosts typically serve).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root, dist } from './helpers.mjs';

// Measured 2026-11-27 at -O3: mmhook.wasm 367,734 + mmhook.mjs 8,407 = 376,141 bytes gzip; raised on purpose the same
// day to 388,000 after the simdjson On-Demand fast path and the final command parser: 380,400 bytes.
// Second session: the check pipeline instantiates libc++'s string members inline (+12.8 KB, 27-39 % faster check()),
// then LTO plus -Oz for the translation units off check()'s hot path (wasm/CMakeLists.txt, -26.3 KB):
// mmhook.wasm 360,877 + mmhook.mjs 8,723 = 369,600 bytes gzip.
// Issue 16 (mobile dialect, platform option, markdown.dialect.* detector and messages): 381,500 bytes; raised on purpose.
// Third session, raised on purpose: the web dialect (core/src/render/web, ~40 KB) and the interactivity simulator
// (core/src/interact, ~50 KB) landed in the one module: 475,800 bytes. Issue 20 moves them out of check()'s module.
// Issue 19 item 4, raised on purpose: the REST follow-up (core/src/interact/rest.cpp, its codes and notes, the
// Authorization header in every command target, restFollowUp): 486,400 bytes (wasm 476,400 + mjs 10,000).
// Then core/src/interact compiled at -Oz (never on check()'s path; wasm/CMakeLists.txt): 466,398 bytes; lowered on purpose.
// Issue 20 item 1: two modules. LIBRARY counts both (mmhook.mjs + mmhook.wasm + mmhook-tools.wasm): measured 388,291 + 457,706 + 10,609 =
// 856,606 bytes, raised on purpose: the tools module runs the check pipeline too (simulateAction, applyActionResponse,
// restFollowUp check the webhook first), so the two overlap.
// After the merges (size20's levers in both modules): 10,870 + 379,824 + 452,574 = 843,268 bytes; lowered.
// cmark-gfm out of the check module (issue 20, cmark20): 11,118 + 298,394 + 455,323 = 764,835 bytes; lowered on purpose.
const LIBRARY_GZIP_BUDGET = 773_000;
// What check() needs (issue 20 item 1, gzip -9 as the issue measures): mmhook.wasm + mmhook.mjs (the JS API with both
// modules' glue; the tools glue is a few KB, bundled so that Node can start the tools module synchronously).
// Measured at the split (zlib level 9): 388,092 + 10,591 = 398,683 bytes (`gzip -9`: 385,138 + 10,536; the single
// module before the split: 454,164 + 10,114 = 464,278 with `gzip -9`).
// cmark-gfm out of it (attachment titles through the web dialect's lexer, Unicode classes of our own, the mobile dialect
// in the tools module only): 298,196 + 11,097 = 309,293 bytes (`gzip -9`: 296,224 + 11,041; before 379,582 + 10,851).
// diag20 (code table split, emoji lengths, -sTEXTDECODER=2): 366,675 + 10,719 = 377,394 bytes; lowered.
// Both merged (with call20's one-call boundary): 287,164 + 11,259 = 298,423 bytes; lowered.
const CHECK_MODULE_GZIP9_BUDGET = 301_500;
const CHECK_MODULE_GZIP9_GOAL = 200_000;  // the issue's goal (a todo until reached)
// The tools module (commands, parseCommand, the interactivity simulator, the REST follow-up), fetched on first use.
// Measured at the split: 457,445 bytes (zlib level 9; `gzip -9`: 455,694). Complete: the offline builds inline it alone.
// diag20 (emoji lengths): 445,588 bytes; lowered. With cmark20 merged (the mobile dialect's own unit, the link-only
// renderer in marked.cpp): 449,623 bytes; raised on purpose.
const TOOLS_MODULE_GZIP9_BUDGET = 454_000;
// The single-file page for file:// (dist/mmhook.html: wasm as base64, fonts, styles and script inline). Until issue 20
// it was dist/web itself, measured there:
// Measured 2026-11-27: dist/web (index.html, style.css, app.js with the wasm inlined as base64, schema) = 858,962 bytes gzip.
// Second session, after the changes above and the incremental preview: 855,296 bytes gzip.
// Issue 17 (hostile input): settings range checks in the wasm, the limits table in the worker, share-link caps:
// 868,031 -> 872,644 bytes gzip.
// Issue 16 (the same core growth, inlined): 883,900 bytes gzip; raised on purpose.
// Third session, raised on purpose (web dialect + interactivity simulator, inlined as base64): 1,015,400 bytes.
// Issue 19's page half (Buttons and Dialog tabs, click → request, dialog CSS): 1,015,753 -> 1,025,132 bytes; raised on purpose.
// Issue 19 item 4 (the REST follow-up, inlined), raised on purpose: +16.5 KB.
// Issue 20 item 2: dist/web is the http page; the same content as one file, dist/mmhook.html: 1,021,893 bytes gzip.
// Issue 20 item 1: it inlines the one complete module (check + tools) and one glue: 1,008,938 bytes; lowered on purpose.
// After the merges (size20's levers, web20's chunks inline): 1,004,095 bytes; lowered.
// embed20: the compass icons subset to the glyphs web/ draws (1.7 KB instead of 26.8 KB), only their classes: 976,359.
const SINGLE_PAGE_GZIP_BUDGET = 986_000;
// Issue 20 item 2, the http page (dist/web) as its first view transfers it: index.html, style.css, app.js, mmhook.wasm
// and the three font files the first view draws with (Open Sans latin 400 and 600, compass icons; other subsets and the
// schema load only when used). Measured: 3,194 + 3,894 + 262,790 + 466,089 + 18,668 + 18,648 + 26,796 = 800,079 bytes.
// The issue's goal is 400,000 (tests/browser/bench-page.mjs). After the split (mmhook-tools.wasm loads when the command
// panel, Buttons or Dialog tab first opens), size20's levers and web20's lazy editor/highlight.js chunks:
// 3,194 + 3,978 + 71,236 + 379,824 + 18,668 + 18,648 + 26,796 = 522,344 bytes; lowered on purpose.
// embed20: the icons inline as a 7-glyph subset (no compass-icons.woff2), the check worker's script a file fetched when
// a check first gets slow (worker-<hash>.js, not in app.js): 3,194 + 3,978 + 60,142 + 379,824 + 18,668 + 18,648 =
// 484,454 bytes; lowered on purpose. The rest is mmhook.wasm (the goal needs it near 300 KB).
const HTTP_FIRST_VIEW_GZIP_BUDGET = 489_000;
const HTTP_FIRST_VIEW = ['index.html', 'style.css', 'app.js', 'mmhook.wasm', 'fonts/open-sans-latin-400-normal.woff2',
  'fonts/open-sans-latin-600-normal.woff2'];
// dist/web: those files, the other font subsets (fetched per unicode-range), the schema, the lazy chunks (editor,
// highlight.js, the check worker) and mmhook-tools.wasm.
const PAGE_MAX_FILES = 15;

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file)).length;
const gzip9Size = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

test('library budget: gzip(mmhook.wasm) + gzip(mmhook-tools.wasm) + gzip(mmhook.mjs) stays within budget', () => {
  const wasm = gzipSize(path.join(dist, 'mmhook.wasm'));
  const tools = gzipSize(path.join(dist, 'mmhook-tools.wasm'));
  const mjs = gzipSize(path.join(dist, 'mmhook.mjs'));
  assert.ok(wasm + tools + mjs <= LIBRARY_GZIP_BUDGET,
    `library is ${kb(wasm + tools + mjs)} gzip (wasm ${kb(wasm)} + tools ${kb(tools)} + mjs ${kb(mjs)}), budget ` +
    `${kb(LIBRARY_GZIP_BUDGET)}: find what grew (twiggy/wasm-objdump, or the -O2/-Oz rows of npm run bench) or raise the budget on purpose`);
});

const checkModule = () => gzip9Size(path.join(dist, 'mmhook.wasm')) + gzip9Size(path.join(dist, 'mmhook.mjs'));

test('check module budget: gzip -9 of mmhook.wasm + mmhook.mjs (what check() loads) stays within budget', () => {
  const wasm = gzip9Size(path.join(dist, 'mmhook.wasm'));
  const mjs = gzip9Size(path.join(dist, 'mmhook.mjs'));
  const tools = gzip9Size(path.join(dist, 'mmhook-tools.wasm'));
  console.log(`check module: ${kb(wasm + mjs)} gzip -9 (wasm ${kb(wasm)} + mjs ${kb(mjs)}); tools module: ${kb(tools)} gzip -9`);
  assert.ok(wasm + mjs <= CHECK_MODULE_GZIP9_BUDGET,
    `the check module is ${kb(wasm + mjs)} gzip -9 (wasm ${kb(wasm)} + mjs ${kb(mjs)}), budget ${kb(CHECK_MODULE_GZIP9_BUDGET)}: ` +
    'is code only commands or the interactivity simulator need reachable from check() (wasm/bindings.cpp)?');
});

test('check module: the issue 20 goal of 200 KB gzip -9', { todo: checkModule() > CHECK_MODULE_GZIP9_GOAL ? 'not reached: README, issue 20' : false }, () => {
  assert.ok(checkModule() <= CHECK_MODULE_GZIP9_GOAL, `the check module is ${kb(checkModule())} gzip -9`);
});

test('tools module budget: gzip -9 of mmhook-tools.wasm stays within budget, and it holds what the check module does not', () => {
  const tools = gzip9Size(path.join(dist, 'mmhook-tools.wasm'));
  assert.ok(tools <= TOOLS_MODULE_GZIP9_BUDGET, `mmhook-tools.wasm is ${kb(tools)} gzip -9, budget ${kb(TOOLS_MODULE_GZIP9_BUDGET)}`);
  const check = fs.readFileSync(path.join(dist, 'mmhook.wasm'));
  const toolsBytes = fs.readFileSync(path.join(dist, 'mmhook-tools.wasm'));
  for (const name of ['parseCommand', 'simulateAction', 'restFollowUp']) {
    assert.ok(!check.includes(name) && toolsBytes.includes(name), `${name} belongs to mmhook-tools.wasm only`);
  }
});

test('page budget (http): the first view of dist/web stays within budget, dist/web a handful of files', () => {
  const web = path.join(dist, 'web');
  const files = filesUnder(web);
  assert.ok(files.length <= PAGE_MAX_FILES, `dist/web has ${files.length} files: ${files.map((f) => path.relative(web, f)).join(', ')}`);
  const sizes = HTTP_FIRST_VIEW.map((f) => [f, gzipSize(path.join(web, f))]);
  const total = sizes.reduce((n, [, s]) => n + s, 0);
  assert.ok(total <= HTTP_FIRST_VIEW_GZIP_BUDGET,
    `the http page's first view is ${kb(total)} gzip, budget ${kb(HTTP_FIRST_VIEW_GZIP_BUDGET)}: ${sizes.map(([f, s]) => `${f} ${kb(s)}`).join(', ')}`);
  assert.ok(gzipSize(path.join(web, 'app.js')) < 400_000, 'app.js must not carry the wasm (it is dist/web/mmhook.wasm)');
});

test('page budget (file://): the single-file dist/mmhook.html stays within budget', () => {
  const single = gzipSize(path.join(dist, 'mmhook.html'));
  assert.ok(single <= SINGLE_PAGE_GZIP_BUDGET, `dist/mmhook.html is ${kb(single)} gzip, budget ${kb(SINGLE_PAGE_GZIP_BUDGET)}`);
});

test('the library is exactly three files and the published package lists no bench-only module', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const f of ['mmhook.mjs', 'mmhook.wasm', 'mmhook-tools.wasm']) {
    assert.ok(fs.existsSync(path.join(dist, f)) && pkg.files.includes(`dist/${f}`), f);
  }
  assert.ok(!pkg.files.some((f) => /bench/.test(f)), `package.json files: ${pkg.files.join(', ')}`);
  assert.ok(!fs.readFileSync(path.join(dist, 'mmhook.wasm')).includes('checkString'),
    'the shipped module must not contain the bench-only Embind string binding (tests/bench/string_binding.cpp)');
});
