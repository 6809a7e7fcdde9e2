// Browser benchmark of the previewer page (not part of npm test): first load to interactive, and keystroke-to-preview
// latency at 400 B, 20 KB and 1 MB payloads. Keystroke-to-preview = from the keydown event's timestamp to the moment
// the verdict, lint markers, diagnostics list and preview DOM are updated (measured by the page itself; for huge split
// payloads: the first changed post, the rest follows in 10 ms slices). First view = what a cold load fetches for its first
// preview (requests started before it was drawn, and the fonts it draws with), each body counted at gzip -9 (what a
// static host with compression sends), by kind; what follows until interactive is printed apart.
// Usage: node tests/browser/bench-page.mjs [--loads N] [--keys N] [--web DIR]... [--first-view-only]
// (several --web folders: their first views are measured interleaved in one run, e.g. main's dist/web against this one;
// the keystroke rows use the last). On a busy machine run it as `nice -n -10 node tests/browser/bench-page.mjs` (as root).
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { serve } from '../../scripts/serve.mjs';
import { root } from '../js/helpers.mjs';
import { launchChromium } from './helpers/browser.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const LOADS = opt('--loads', 10);
const KEYS = opt('--keys', 60);
const WEBS = args.flatMap((a, i) => (args[i - 1] === '--web' ? [path.resolve(a)] : []));
if (WEBS.length === 0) WEBS.push(path.join(root, 'dist/web'));
// Issue 20's goals, printed beside each figure.
const GOAL_FIRST_VIEW = 400_000;
const GOAL_LOAD_MEDIAN = 350;
const GOAL_LOAD_P95 = 450;

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))] : NaN; };
const ms = (x) => `${x.toFixed(1)} ms`;

function payload(size) {
  const lines = [];
  let i = 0;
  while (lines.join('\\n').length < size - 600) {
    i++;
    lines.push(i % 10 === 0 ? `#### Section ${i}` : `- item **${i}** with \`code\`, a [link](https://example.com/${i}) and :white_check_mark: @user${i % 7}`);
  }
  return JSON.stringify({
    text: 'TYPE HERE: ' + lines.join('\\n'),
    username: 'bench',
    attachments: [{ color: 'good', title: 'Build', text: 'Details', fields: [{ title: 'A', value: '1', short: true }, { title: 'B', value: '2', short: true }] }],
  }, null, 2).replace(/\\\\n/g, '\\n');
}

console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const browser = await launchChromium();
const sites = [];
for (const web of WEBS) sites.push({ web, ...(await serve({ root: web, port: 0 })), loads: [], views: [] });

const kindOf = (u) => (/\.wasm$/.test(u) ? 'wasm' : /\.woff2$/.test(u) ? 'fonts' : /\.js$/.test(u) ? 'js' : /\.css$/.test(u) ? 'css'
  : /(\/|\.html)$/.test(u) ? 'html' : 'other');
const gz9 = new Map(); // body digest -> gzip -9 size
const gzipSize = (buf) => { const k = `${buf.length}:${buf.subarray(0, 64).toString('hex')}`; if (!gz9.has(k)) gz9.set(k, zlib.gzipSync(buf, { level: 9 }).length); return gz9.get(k); };

// First load, cold (a fresh context each time): navigation start -> page interactive (wasm ready, editor and first
// preview drawn), and what the first view transferred. The sites take turns so machine load hits them alike.
for (let i = 0; i < LOADS; i++) {
  for (const site of sites) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = [];
    // The receiver's API and event stream (/__mmhook/, never-ending) are not page bytes.
    page.on('response', (r) => {
      if (r.url().startsWith('http') && r.status() === 200 && !r.url().includes('/__mmhook/')) bodies.push(r.body().then((b) => [r.url(), b], () => null));
    });
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    site.loads.push(await page.evaluate(() => performance.getEntriesByName('mmhook:ready')[0].startTime));
    await page.waitForTimeout(200); // late font requests of the first view
    // The first view: what the first preview needs (as tests/js/budget.test.mjs HTTP_FIRST_VIEW counts it): the page and
    // every request it started before the preview was drawn (performance mark mmhook:preview), plus the font files its
    // text is drawn with. What comes after (CodeMirror's chunk, the tools module) is reported as `later`.
    const early = new Set(await page.evaluate(() => {
      const drawn = performance.getEntriesByName('mmhook:preview')[0].startTime;
      return [location.href, ...performance.getEntriesByType('resource').filter((e) => e.startTime < drawn).map((e) => e.name)];
    }));
    const view = { html: 0, css: 0, js: 0, wasm: 0, fonts: 0, other: 0, total: 0, files: 0, later: 0, laterFiles: [] };
    const counted = new Set(); // a URL the preview frame asks for again (its fonts) comes from the cache: counted once
    for (const x of await Promise.all(bodies)) {
      if (!x || counted.has(x[0])) continue;
      counted.add(x[0]);
      if (!early.has(x[0]) && !/\.woff2$/.test(new URL(x[0]).pathname)) {
        view.later += gzipSize(x[1]);
        view.laterFiles.push(path.basename(new URL(x[0]).pathname));
        continue;
      }
      const n = gzipSize(x[1]);
      view[kindOf(new URL(x[0]).pathname)] += n;
      view.total += n;
      view.files += 1;
    }
    site.views.push(view);
    await context.close();
  }
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
for (const site of sites) {
  const v = site.views[site.views.length - 1];
  console.log(`\npage ${path.relative(process.cwd(), site.web) || '.'}:`);
  console.log(`first-view transfer (gzip -9, ${v.files} files): ${kb(v.total)}  (goal <= ${kb(GOAL_FIRST_VIEW)}${v.total <= GOAL_FIRST_VIEW ? ', met' : ', NOT met'})` +
    `  html ${kb(v.html)}, css ${kb(v.css)}, js ${kb(v.js)}, wasm ${kb(v.wasm)}, fonts ${kb(v.fonts)}${v.other ? `, other ${kb(v.other)}` : ''}`);
  console.log(`after the first preview, until interactive: ${kb(v.later)} (${v.laterFiles.join(', ') || 'nothing'})`);
  const med = pct(site.loads, 50);
  const p95 = pct(site.loads, 95);
  console.log(`first load to interactive (${LOADS} loads): median ${ms(med)} (goal <= ${GOAL_LOAD_MEDIAN} ms${med <= GOAL_LOAD_MEDIAN ? ', met' : ', NOT met'}), ` +
    `p95 ${ms(p95)} (goal <= ${GOAL_LOAD_P95} ms${p95 <= GOAL_LOAD_P95 ? ', met' : ', NOT met'})`);
}
if (args.includes('--first-view-only')) {
  await browser.close();
  for (const site of sites) site.server.close();
  process.exit(0);
}
const { url } = sites[sites.length - 1];

const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(url);
await page.waitForSelector('body[data-ready="true"]');
console.log('\nsize         keys  p50 update  p95 update  max update  check p50');
// '20 KB lines': the same size pretty-printed over many short lines (fields), where the editor's cost is smallest;
// the other rows keep the message in one long JSON string line, as most senders do.
function fieldsPayload(size) {
  const fields = [];
  while (JSON.stringify(fields, null, 2).length < size - 600) fields.push({ title: `Check ${fields.length}`, value: `**ok** in ${fields.length * 7 % 900} ms`, short: true });
  return JSON.stringify({ text: 'TYPE HERE: Nightly checks', attachments: [{ color: 'good', title: 'Results', fields }] }, null, 2);
}
for (const [label, size] of [['400 B', 400], ['20 KB', 20_000], ['20 KB lines', -20_000], ['1 MB', 1_000_000]]) {
  const body = size === 400 ? JSON.stringify({ text: 'TYPE HERE: Deploy **ok** :tada:', username: 'ci', attachments: [{ color: 'good', text: 'v1.2.3 is live', fields: [{ title: 'Env', value: 'prod', short: true }] }] }, null, 2)
    : size < 0 ? fieldsPayload(-size) : payload(size);
  await page.evaluate((b) => {
    const p = window.mmhookPage;
    p.settings.maximumPayloadSizeBytes = 4_000_000; // let the 1 MB body through the size limit so the full pipeline runs
    p.editor.setText(b);
    const at = b.indexOf('TYPE HERE: ') + 'TYPE HERE: '.length;
    p.editor.view.dispatch({ selection: { anchor: at } });
    p.editor.view.focus();
    p.checks.perf.samples.length = 0; p.checks.perf.checkMs.length = 0;
  }, body);
  const actual = await page.evaluate(() => new TextEncoder().encode(window.mmhookPage.editor.getText()).length);
  const keys = size >= 1_000_000 ? Math.min(KEYS, 30) : KEYS;
  for (let k = 0; k < keys; k++) {
    await page.keyboard.press('x');
    await page.waitForTimeout(size >= 1_000_000 ? 150 : 30);
  }
  await page.waitForFunction(() => !window.mmhookPage.checker || window.mmhookPage.checker.idle, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({ s: window.mmhookPage.checks.perf.samples, c: window.mmhookPage.checks.perf.checkMs, ok: window.mmhookPage.report.ok, posts: window.mmhookPage.report.posts.length }));
  console.log(`${label.padEnd(11)} ${String(r.s.length).padStart(5)}  ${ms(pct(r.s, 50)).padStart(10)}  ${ms(pct(r.s, 95)).padStart(10)}  ${ms(Math.max(...r.s)).padStart(10)}  ${ms(pct(r.c, 50)).padStart(9)}` +
    `   (${actual.toLocaleString('en')} bytes, ${r.posts} post${r.posts === 1 ? '' : 's'}, ok=${r.ok})`);
}
await browser.close();
for (const site of sites) site.server.close();
