// Hostile-input suite in Chromium (issue 10): the HTML the core renders for every hostile payload is loaded in a real
// browser with hooks on alert/confirm/prompt/print/open/string timers, event handlers provoked (mouse, focus, click,
// load/error of aborted images), a report-only CSP that reports any script, eval or non-image fetch (eval/Function
// are caught by the CSP, not by wrappers, which would break Playwright's own evaluate), and every
// request intercepted: nothing may run and nothing may be fetched from the injection host (xss.test).
// The page (dist/web) is also fed the worst payloads and must keep answering.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { launchChromium, scriptHooks } from './helpers/browser.mjs';
import { mmhook, root } from '../js/helpers.mjs';
import { fieldCases, stressCases, SETTINGS_VARIANTS, XSS_STRINGS } from '../fuzz/hostile_payloads.mjs';

const ORIGIN = 'http://hostile.test';   // served from memory by page.route, never over the network
const CSP = "default-src 'none'; img-src 'self' http://img.test https://img.test; style-src 'unsafe-inline'; " +
  "script-src 'none'; script-src-attr 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

// Runs in every document before its own content: records anything that looks like script execution.
const HOOKS = scriptHooks({ events: true });

// After load: provoke handlers, then list anything active in the DOM.
async function provokeAndInspect(page) {
  return page.evaluate(async () => {
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
      for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'click', 'dblclick', 'toggle', 'animationstart']) {
        el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
      }
      if (typeof el.focus === 'function') el.focus();
      for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
      if (/^(SCRIPT|IFRAME|OBJECT|EMBED|STYLE|LINK|META|BASE|FORM|FRAME|FRAMESET|SVG|MATH|TEMPLATE|NOSCRIPT|TEXTAREA)$/i.test(el.tagName)) {
        found.push(`element <${el.tagName.toLowerCase()}>`);
      }
      if (el.tagName === 'A' && el.getAttribute('href') !== null && !/^(https?|mailto|tel|ftp|mattermost|git):$/.test(el.protocol)) {
        found.push(`link with ${el.protocol} ${el.getAttribute('href').slice(0, 60)}`);
      }
      if (el.tagName === 'IMG' && el.getAttribute('src') !== null && !/^https?:$/.test(new URL(el.src, location.href).protocol)) {
        found.push(`img with ${el.getAttribute('src').slice(0, 60)}`);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    return { found, hits: [...window.__hits] };
  });
}

let browser, api;
test.before(async () => {
  browser = await launchChromium();
  api = await mmhook();
});
test.after(async () => { await browser?.close(); });

// Loads `sections` ([name, html]) in one document; returns problems, each naming its section when possible.
async function runBatch(sections) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const requests = [];
  const doc = '<!doctype html><html><head><meta charset="utf-8"><title>hostile</title></head><body>' +
    sections.map(([, html], i) => `<section data-case="${i}">${html}</section>`).join('') + '</body></html>';
  await page.addInitScript(HOOKS);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: doc,
        headers: { 'Content-Security-Policy-Report-Only': CSP } });
    }
    requests.push(`${route.request().resourceType()} ${url}`);
    return route.abort();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog ${d.type()}`); d.dismiss().catch(() => {}); });
  await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
  const { found, hits } = await provokeAndInspect(page);
  await context.close();
  const bad = [...found, ...hits.filter((h) => !/^csp img-src /.test(h)), ...errors,
    ...requests.filter((r) => /xss\.test/.test(r) || !/^(image) https?:\/\/(img\.test|hostile\.test)[/:]/.test(r))];
  return bad;
}

// Renders every case and loads them in batches; a failing batch is re-run case by case to name the culprit.
async function checkCases(cases, settings) {
  const sections = [];
  for (const [name, body, ct] of cases) {
    const report = api.check(body, { contentType: ct || 'application/json', settings });
    for (const p of report.posts.slice(0, 3)) sections.push([name, p.html]);
  }
  const failures = [];
  const size = 150;
  for (let i = 0; i < sections.length; i += size) {
    const batch = sections.slice(i, i + size);
    const bad = await runBatch(batch);
    if (bad.length === 0) continue;
    for (const s of batch) {
      const b = await runBatch([s]);
      if (b.length) failures.push(`${s[0]}: ${b.slice(0, 3).join(' | ')}`);
    }
    if (failures.length === 0) failures.push(`batch ${i}: ${bad.slice(0, 3).join(' | ')}`);
    if (failures.length > 10) break;
  }
  return { failures, count: sections.length };
}

test('the detector itself catches real injections (positive controls)', { timeout: 120000 }, async () => {
  const controls = [
    ['inline handler', '<img src="http://img.test/x.png" onerror="alert(1)">'],
    ['script element', '<script>alert(2)</script>'],
    ['javascript link clicked', '<a href="javascript:alert(3)">x</a>'],
    ['css request', '<div style="background:url(http://xss.test/c)">x</div>'],
    ['mouseover handler', '<span onmouseover="__xss(4)">x</span>'],
  ];
  for (const c of controls) {
    const bad = await runBatch([c]);
    assert.ok(bad.length > 0, `${c[0]} was not detected`);
  }
  assert.deepEqual(await runBatch([['clean', '<p><a href="https://img.test/" rel="noreferrer" target="_blank">ok</a></p>']]), []);
});

for (const [vi, settings] of SETTINGS_VARIANTS.entries()) {
  test(`Chromium runs nothing from hostile fields (settings variant ${vi})`, { timeout: 600000 }, async () => {
    const cases = fieldCases().map(([name, obj]) => [name, JSON.stringify(obj)]);
    const { failures, count } = await checkCases(cases, settings);
    assert.ok(count > 1000, `${count} posts loaded`);
    assert.deepEqual(failures, []);
  });
}

test('Chromium runs nothing from the stress payloads (first posts of each)', { timeout: 600000 }, async () => {
  const cases = stressCases()
    .filter(([name]) => !/10 MB|20000|100000 fields|error after/.test(name))
    .map(([name, body, , ct]) => [name, body, ct]);
  const { failures } = await checkCases(cases, { maximumPayloadSizeBytes: 32 * 1024 * 1024 });
  assert.deepEqual(failures, []);
});

test('the page shows hostile payloads without running them or freezing', { timeout: 300000 }, async () => {
  const { server, url } = await serve({ root: path.join(root, 'dist/web'), port: 0 });
  const page = await browser.newPage();
  try {
    await page.addInitScript(HOOKS);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { errors.push(`dialog ${d.type()}`); d.dismiss().catch(() => {}); });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    const everything = {
      text: XSS_STRINGS.join('\n\n'), username: XSS_STRINGS[1], icon_url: 'javascript:alert(1)', icon_emoji: XSS_STRINGS[2],
      props: { card: XSS_STRINGS.join('\n') },
      attachments: XSS_STRINGS.slice(0, 20).map((s) => ({ pretext: s, text: s, title: s, title_link: 'javascript:alert(1)',
        color: '#fff;background:url(http://xss.test/c)', author_name: s, author_link: 'JaVaScRiPt:alert(1)', footer: s,
        fields: [{ title: s, value: s, short: true }], actions: [{ name: s, style: s, type: 'button', id: 'a' }] })),
    };
    const payloads = [
      JSON.stringify(everything, null, 2),
      '{"text":"x","props":{"a":' + '['.repeat(100000) + ']'.repeat(100000) + '}}',
      JSON.stringify({ text: '>'.repeat(20000) + ' deep' }),
      JSON.stringify({ text: '<img src=x onerror=alert(1)> '.repeat(40000) }),
      '\ufeff{"text":"bom \ud800 \u0000"}',
    ];
    for (const [i, body] of payloads.entries()) {
      const t0 = Date.now();
      await page.evaluate(() => { window.__prevReport = window.mmhookPage.report; });
      await page.evaluate((t) => window.mmhookPage.editor.setText(t), body);
      // A new report arrives and the page still answers (a frame is drawn) with a verdict naming a status.
      await page.waitForFunction(() => window.mmhookPage.report && window.mmhookPage.report !== window.__prevReport,
        null, { timeout: 60000 });
      const verdict = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() =>
        resolve(document.querySelector('[data-role="verdict"]').textContent))));
      const status = await page.evaluate(() => window.mmhookPage.report.status);
      assert.ok(verdict.includes(String(status)), `payload ${i}: verdict "${verdict}" does not show status ${status}`);
      assert.ok(Date.now() - t0 < 60000, `payload ${i} took ${Date.now() - t0} ms`);
    }
    const hits = await page.evaluate(() => [...window.__hits]);
    const frameHits = [];
    for (const f of page.frames()) {
      const h = await f.evaluate(() => (window.__hits ? [...window.__hits] : [])).catch(() => []);
      frameHits.push(...h);
    }
    assert.deepEqual([...hits, ...frameHits].filter((h) => !/^csp /.test(h)), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => /xss\.test/.test(u) || u.startsWith('javascript:')), []);
  } finally {
    await page.close();
    server.close();
  }
});
