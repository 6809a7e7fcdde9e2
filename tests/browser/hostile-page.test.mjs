// Hostile input to the previewer page, second pass (issue 17): the stored webhook URL against a stranger's share link
// and a framing page, share links that would freeze or bloat the page, embed flags named like prototype keys, and
// main-thread work while typing in a 5 MB body. Debian's Chromium via playwright-core; everything on 127.0.0.1.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { root } from '../js/helpers.mjs';
import { openContext, startBrowser, stopBrowser } from './helpers/browser.mjs';

const WEB = path.join(root, 'dist/web');
const SECRET = 'https://chat.example.com/hooks/s3cr3tk3yabcdefghijklmnopq';
const URL_KEY = 'mmhook.webhookUrl.v1';

let browser, server, base;
test.before(async () => { ({ browser, server, base } = await startBrowser(WEB)); });
test.after(() => stopBrowser(browser, server));

/** A share fragment as the page writes it (deflate-raw, base64url). */
function share(body, settings = {}) {
  const json = JSON.stringify({ v: 1, body, contentType: 'application/json', mode: 'json', settings });
  return '#s=' + deflateRawSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function context() {
  const { context: ctx, page, problems: errors } = await openContext(browser, { console: [] });
  return { ctx, page, errors };
}
const ready = (page, timeout = 30000) => page.waitForSelector('body[data-ready="true"]', { timeout });
const commandText = (page) => page.textContent('[data-role="command-text"]');
async function commandSettled(page) {
  await page.waitForFunction(() => (document.querySelector('[data-role="command-text"]')?.textContent || '').includes('curl'), null, { timeout: 10000 });
  return commandText(page);
}

test('embed flags named like prototype keys do not stop the page', async () => {
  const { ctx, page, errors } = await context();
  await page.goto(`${base}?embed=1&readonly=1&hide=constructor,__proto__,toString,hasOwnProperty,editor${share('{"text":"proto"}')}`);
  await ready(page);
  assert.deepEqual(errors, []);
  assert.equal(await page.isVisible('[data-role="editor"]'), false);
  await page.frameLocator('[data-role="preview"] iframe').locator('text=proto').waitFor();
  await ctx.close();
});

test('the remembered webhook URL: never in embed mode, held back for a shared payload until the reader confirms', async () => {
  const { ctx, page } = await context();
  await page.goto(base);
  await ready(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [URL_KEY, SECRET]);
  // A stranger's payload in the iframe mode (what another origin would frame and keep re-navigating).
  await page.goto(`${base}?embed=1&readonly=1&hide=editor,settings,explain${share('{"text":"from a stranger"}')}`);
  await ready(page);
  assert.doesNotMatch(await commandSettled(page), /s3cr3tk3y/);
  assert.equal(await page.inputValue('[data-role="webhook-url"]'), '');
  assert.equal(await page.isDisabled('[data-role="remember-url"]'), true);
  await page.goto(`${base}?embed=1&readonly=1${share('{"text":"another one"}')}`);
  await ready(page);
  assert.doesNotMatch(await commandSettled(page), /s3cr3tk3y/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), URL_KEY), SECRET, 'embed mode leaves the stored URL alone');
  // The full page with a share link: placeholder until confirmed.
  await page.goto(`${base}${share('{"text":"shared"}')}`);
  await ready(page);
  assert.doesNotMatch(await commandSettled(page), /s3cr3tk3y/);
  await page.click('[data-role="tab-command"], #tab-command').catch(() => {});
  await page.click('[data-role="use-own-url"]');
  assert.match(await commandText(page), /s3cr3tk3y/);
  // The next share link (a hash change) is held back again.
  await page.evaluate((h) => { location.hash = h; }, share('{"text":"next"}'));
  await page.waitForFunction(() => window.mmhookPage.editor.getText().includes('next'));
  await page.waitForFunction(() => !document.querySelector('[data-role="command-text"]').textContent.includes('s3cr3tk3y'), null, { timeout: 5000 });
  // Without a share link the stored URL is used as before.
  await page.goto(base);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('[data-role="command-text"]').textContent.includes('s3cr3tk3y'), null, { timeout: 10000 });
  await ctx.close();
});

test('curl import says truthfully whether the URL was stored', async () => {
  const { ctx, page } = await context();
  await page.goto(base);
  await ready(page);
  const importCmd = async (remember) => {
    if ((await page.isChecked('[data-role="remember-url"]')) !== remember) await page.click('[data-role="remember-url"]', { force: true });
    await page.check('input[name="body-mode"][value="curl"]', { force: true });
    await page.fill('[data-role="curl-text"]', `curl -X POST -H 'Content-Type: application/json' -d '{"text":"hi"}' ${SECRET}`);
    await page.click('[data-role="curl-load"]');
    return page.textContent('[data-role="copy-status"]');
  };
  const on = await importCmd(true);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), URL_KEY), SECRET);
  assert.match(on, /stored on this device/);
  assert.doesNotMatch(on, /not stored/);
  const off = await importCmd(false);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), URL_KEY), null);
  assert.match(off, /not stored/);
  await ctx.close();
});

test('share links cannot freeze or bloat the page: wrapping settings, posts drawn, decompressed size', async (t) => {
  const timings = {};
  // 1. maxPostSize 1 (and values that wrap modulo 2^32) with 250 000 characters: once 250 000 posts and 29 s.
  {
    const { ctx, page, errors } = await context();
    const link = share(JSON.stringify({ text: 'x'.repeat(250000) }), { maxPostSize: 1, maximumPayloadSizeBytes: 4294967396 });
    const t0 = Date.now();
    await page.goto(base + link);
    await ready(page);
    await page.waitForFunction(() => window.mmhookPage.report && window.mmhookPage.report.posts.length > 0, null, { timeout: 30000 });
    timings.maxPostSize1 = Date.now() - t0;
    const r = await page.evaluate(() => ({ posts: window.mmhookPage.report.posts.length, settings: window.mmhookPage.settings,
      notices: document.querySelector('[data-role="notices"]').textContent }));
    assert.equal(r.settings.maxPostSize, 16383);
    assert.equal(r.settings.maximumPayloadSizeBytes, 300000);
    assert.equal(r.posts, Math.ceil(250000 / 16383));
    assert.match(r.notices, /maxPostSize/);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
  // 2. Many posts: at most 100 drawn, the rest summarised.
  {
    const { ctx, page } = await context();
    const link = share(JSON.stringify({ text: 'y'.repeat(1_000_000) }), { maxPostSize: 4000, maximumPayloadSizeBytes: 2_000_000 });
    const t0 = Date.now();
    await page.goto(base + link);
    await ready(page);
    const frame = page.frameLocator('[data-role="preview"] iframe');
    await frame.locator('.mmp-more').waitFor({ timeout: 30000 });
    timings.posts250 = Date.now() - t0;
    assert.equal(await page.evaluate(() => window.mmhookPage.report.posts.length), 250);
    assert.equal(await frame.locator('.mmp-post').count(), 100);
    assert.match(await frame.locator('.mmp-more').textContent(), /150 more posts not drawn/);
    await ctx.close();
  }
  // 3. A small link that unpacks past the cap is refused before it is decompressed further.
  {
    const { ctx, page, errors } = await context();
    const link = share('z'.repeat(40 * 1024 * 1024));
    assert.ok(link.length < 100_000, `link length ${link.length}`);
    const t0 = Date.now();
    await page.goto(base + link);
    await ready(page);
    timings.bomb = Date.now() - t0;
    const r = await page.evaluate(() => ({ body: window.mmhookPage.editor.getText().length, notices: document.querySelector('[data-role="notices"]').textContent,
      heap: performance.memory ? performance.memory.usedJSHeapSize : 0 }));
    assert.ok(r.body < 1_000_000, `editor holds ${r.body} characters`);
    assert.match(r.notices, /cannot be read: it unpacks to more than 16 MiB/);
    assert.ok(!r.heap || r.heap < 200 * 1024 * 1024, `heap ${r.heap}`);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
  t.diagnostic(`load times (ms): ${JSON.stringify(timings)}`);
  assert.ok(timings.maxPostSize1 < 15000 && timings.posts250 < 15000 && timings.bomb < 15000, JSON.stringify(timings));
});

// Typing in a 5 MB payload (the message in one JSON string line, as most senders write it): checks, the limits table,
// the command and the draft stay off the keystroke's task; no main-thread task may exceed 100 ms (Long Tasks API).
test('typing in a 5 MB body runs no main-thread task over 100 ms', async (t) => {
  const { ctx, page, errors } = await context();
  await page.goto(base);
  await ready(page);
  await page.evaluate(() => {
    const p = window.mmhookPage;
    const lines = [];
    let n = 0;
    for (let i = 0; n < 5_000_000; i++) { const l = `- item **${i}** with \`code\`, a [link](https://example.com/${i}) and :tada: @user${i % 7}`; lines.push(l); n += l.length + 2; }
    const b = JSON.stringify({ text: 'TYPE HERE: ' + lines.join('\n'), username: 'bench' }, null, 2);
    p.editor.setText(b);
    p.editor.view.dispatch({ selection: { anchor: b.indexOf('TYPE HERE: ') + 11 } });
    p.editor.view.focus();
  });
  // Loading the body is one big step of its own (not measured); typing starts once the page has settled.
  await page.waitForFunction(() => !window.mmhookPage.checker || window.mmhookPage.checker.idle, null, { timeout: 60000 });
  await page.waitForTimeout(4000);
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
  });
  for (let k = 0; k < 20; k++) { await page.keyboard.press('x'); await page.waitForTimeout(150); }
  await page.waitForFunction(() => window.mmhookPage.checker.idle, null, { timeout: 60000 });
  await page.waitForTimeout(2500);   // the typing pause: draft, command and limits table
  const r = await page.evaluate(() => ({ long: window.__long, text: window.mmhookPage.editor.getText().slice(0, 60), revision: document.body.dataset.revision }));
  t.diagnostic(`long tasks while typing (ms): ${JSON.stringify(r.long)}`);
  assert.match(r.text, /TYPE HERE: x{20}/);
  assert.deepEqual(errors, []);
  assert.ok(Math.max(0, ...r.long) <= 100, `main-thread tasks over 100 ms: ${JSON.stringify(r.long)}`);
  await ctx.close();
});
