// The page's Inbox tab with `mmhook serve` (issue 18): real clients (curl, Python urllib, Node fetch) post to the
// receiver and each request appears in [data-role="inbox"] with the answer it got; selecting one loads a copy of its
// exact body and Content-Type into the editor; the page's settings are pushed to the server; forward-and-compare shows
// a mismatch; 50 concurrent posters all appear; hostile requests run nothing; file:// has no inbox.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { serve } from '../../bin/server/server.mjs';
import { mmhook, root } from '../js/helpers.mjs';
import { post, expectedAnswer } from '../js/receiver-helpers.mjs';
import { fieldCases, XSS_STRINGS } from '../fuzz/hostile_payloads.mjs';
import { launchChromium, openContext, scriptHooks } from './helpers/browser.mjs';

const WEB = path.join(root, 'dist/web');
const run = promisify(execFile);
const has = (cmd) => { try { execFileSync(cmd, ['--version'], { stdio: 'ignore', timeout: 10000 }); return true; } catch { return false; } };

const HOOKS = scriptHooks();   // records anything that looks like script execution in window.__hits

let browser;
let api;
let srv;
test.before(async () => {
  browser = await launchChromium();
  api = await mmhook();
  srv = await serve({ root: WEB, port: 0, mm: api });
});
test.after(async () => { await browser?.close(); await srv?.close(); });

async function openPage(url = srv.url) {
  const { page, problems, close } = await openContext(browser, { console: [] });
  await page.addInitScript(HOOKS);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { page, problems, close };
}

const row = (page, id) => page.locator(`[data-role="inbox"] li[data-hook-id="${id}"]`);
async function openInbox(page) {
  await page.click('#tab-inbox');
  await page.waitForSelector('[data-role="inbox"][data-connected="true"]', { state: 'attached', timeout: 10000 });
}

test('requests from curl, Python and fetch appear in the inbox with their answer; selecting one loads a copy into the editor', async () => {
  const { page, problems, close } = await openPage();
  try {
    await openInbox(page);
    const hook = (id) => new URL(`/hooks/${id}`, srv.url).href;
    const sends = [];
    if (has('curl')) {
      sends.push(['curljson', () => run('curl', ['-s', '-H', 'Content-Type: application/json', '-d', '{"text":"curl **json**"}', hook('curljson')])]);
      sends.push(['curlform', () => run('curl', ['-s', '-d', 'payload={"text":"curl form"}', hook('curlform')])]);
      sends.push(['curlnone', () => run('curl', ['-s', '-H', 'Content-Type:', '-d', '{"text":"no header"}', hook('curlnone')])]);
      sends.push(['curlmulti', () => run('curl', ['-s', '-F', 'text=multi part', hook('curlmulti')])]);
      sends.push(['curlbad', () => run('curl', ['-s', '-H', 'Content-Type: application/json', '-d', '{"text": 1}', hook('curlbad')])]);
    }
    if (has('python3')) {
      sends.push(['python', () => run('python3', ['-c', 'import sys, urllib.request as u\n' +
        'r = u.Request(sys.argv[1], data=b\'{"text": "from urllib"}\', headers={"Content-Type": "application/json"})\n' +
        'print(u.urlopen(r).read().decode())', hook('python')])]);
    }
    sends.push(['fetch', () => fetch(hook('fetch'), { method: 'POST', body: '{"text":"from fetch","attachments":[{"color":"nope"}]}',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'node-fetch-test' } })]);
    for (const [id, send] of sends) {
      await send();
      await row(page, id).waitFor({ timeout: 5000 });
      const e = srv.receiver.inbox.entries.find((x) => x.id === id);
      const exp = expectedAnswer(api, e.bytes, { contentType: e.contentType, query: e.query, id });
      assert.equal(e.status, exp.status, id);
      assert.equal(await row(page, id).getAttribute('data-status'), String(exp.status), id);
      const text = await row(page, id).textContent();
      assert.ok(text.includes(e.contentType ?? '(no Content-Type)'), `${id}: ${text}`);
      assert.ok(text.includes(e.userAgent ?? '(no User-Agent)'), `${id}: ${text}`);
      assert.ok(text.includes(`/hooks/${id}`), text);
    }
    // Select one: its exact body and Content-Type go into the editor, the verdict follows, the entry stays as received.
    await row(page, 'curlbad').click();
    await page.waitForFunction(() => window.mmhookPage.editor.getText() === '{"text": 1}');
    assert.equal(await page.inputValue('[data-role="content-type"]'), 'application/json');
    await page.waitForFunction(() => /400/.test(document.querySelector('[data-role="verdict"]').textContent));
    assert.match(await page.textContent('[data-role="inbox-answer"]'), /"status_code":400/);
    await page.evaluate(() => window.mmhookPage.editor.setText('{"text": "edited"}'));
    assert.equal(srv.receiver.inbox.entries.find((x) => x.id === 'curlbad').bytes.toString(), '{"text": 1}');
    if (has('curl')) {
      await row(page, 'curlmulti').click();
      await page.waitForFunction(() => /^multipart\/form-data; boundary=/.test(document.querySelector('[data-role="content-type"]').value));
      await page.waitForFunction(() => /200/.test(document.querySelector('[data-role="verdict"]').textContent));
    }
    // Clear empties it, here and on the server.
    await page.click('[data-role="inbox-clear"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-role="inbox"] li').length === 0);
    assert.equal(srv.receiver.inbox.entries.length, 0);
    assert.deepEqual(problems, []);
    assert.deepEqual(await page.evaluate(() => [...window.__hits]), []);
  } finally {
    await close();
  }
});

test('the page pushes its server settings: the next answer follows them', async () => {
  const { page, close } = await openPage();
  try {
    await openInbox(page);
    await page.click('#tab-settings');
    await page.click('[data-setting="enableIncomingWebhooks"]');
    await page.waitForFunction(() => /with these settings/.test(document.querySelector('[data-role="inbox-sync-note"]').textContent));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(srv.receiver.settings.enableIncomingWebhooks, false);
    const a = await post(srv.url, '/hooks/off', '{"text":"x"}');
    assert.equal(a.status, 501);
    await page.click('[data-setting="enableIncomingWebhooks"]');
    await page.waitForFunction(() => /with these settings/.test(document.querySelector('[data-role="inbox-sync-note"]').textContent));
  } finally {
    await close();
    srv.receiver.setSettings({}, 'default');
  }
});

test('forward from the page: a real server that answers differently is a highlighted mismatch with a report', async () => {
  const real = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('ok'); }); });
  await new Promise((r) => real.listen(0, '127.0.0.1', r));
  const { page, close } = await openPage();
  try {
    await openInbox(page);
    await page.click('.inbox-forward summary');
    await page.fill('[data-role="forward-url"]', `http://127.0.0.1:${real.address().port}/hooks/PAGEsecretKEY99`);
    await page.click('[data-role="forward-set"]');
    await page.waitForFunction(() => /hooks\/xxx/.test(document.querySelector('[data-role="forward-status"]').textContent));
    assert.equal(await page.inputValue('[data-role="forward-url"]'), '', 'the field is emptied: the URL is not kept in the page');
    await post(srv.url, '/hooks/mis', '{"no_text":true}');
    await page.waitForSelector('[data-role="inbox"] li[data-hook-id="mis"].inbox__entry--mismatch', { timeout: 10000 });
    await row(page, 'mis').click();
    await page.waitForSelector('[data-role="forward-verdict"]');
    assert.match(await page.textContent('[data-role="forward-verdict"]'), /not what mmhook predicted/);
    const report = await page.textContent('[data-role="mismatch-report"]');
    assert.match(report, /status: predicted 400, real 200/);
    assert.doesNotMatch(await page.content(), /PAGEsecretKEY99/);
    await page.click('[data-role="forward-stop"]');
    await page.waitForFunction(() => /Not forwarding/.test(document.querySelector('[data-role="forward-status"]').textContent));
  } finally {
    await close();
    real.close();
    srv.receiver.setForward(null);
    srv.receiver.inbox.clear();
  }
});

test('50 concurrent posters all appear in the page\'s inbox', async () => {
  const { page, close } = await openPage();
  try {
    await openInbox(page);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(srv.url, `/hooks/c${i}`, JSON.stringify({ text: `n${i}` }))));
    assert.ok(answers.every((a) => a.status === 200));
    await page.waitForFunction(() => document.querySelectorAll('[data-role="inbox"] li[data-hook-id^="c"]').length === 50, null, { timeout: 10000 });
  } finally {
    await close();
    srv.receiver.inbox.clear();
  }
});

test('hostile requests through the receiver run nothing on the page (bodies, headers, paths, queries)', { timeout: 300000 }, async () => {
  const { page, problems, close } = await openPage();
  try {
    await openInbox(page);
    const cases = fieldCases().filter((_, i) => i % 7 === 0).slice(0, 120);
    for (const [i, [, obj]] of cases.entries()) {
      await post(srv.url, `/hooks/h${i}?q=${encodeURIComponent(XSS_STRINGS[i % XSS_STRINGS.length])}`, JSON.stringify(obj),
        { headers: { 'User-Agent': XSS_STRINGS[(i + 1) % XSS_STRINGS.length].replace(/[\r\n]/g, ' ') },
          contentType: i % 3 ? 'application/json' : `text/html; x="${XSS_STRINGS[i % 4].replace(/["\r\n]/g, '')}"` });
    }
    for (const s of XSS_STRINGS.slice(0, 8)) await post(srv.url, `/${encodeURIComponent(s)}`, s, { contentType: null });
    await page.waitForFunction((n) => document.querySelectorAll('[data-role="inbox"] li').length >= n, cases.length + 8, { timeout: 20000 });
    // Select some: each loads into the editor and the preview draws it.
    for (const id of ['h0', 'h7', 'h14', 'h21']) {
      await row(page, id).click();
      await page.waitForFunction((hid) => document.querySelector('[data-role="inbox-detail"] h3')?.textContent.includes(`/hooks/${hid}`), id);
    }
    await new Promise((r) => setTimeout(r, 300));
    const active = await page.evaluate(() => [...document.querySelectorAll('[data-role="inbox-panel"] *')]
      .filter((el) => /^(SCRIPT|IFRAME|OBJECT|EMBED|IMG|SVG|STYLE|LINK)$/i.test(el.tagName) || [...el.attributes].some((a) => /^on/i.test(a.name)))
      .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(active, []);
    const hits = [];
    for (const f of page.frames()) hits.push(...await f.evaluate(() => (window.__hits ? [...window.__hits] : [])).catch(() => []));
    assert.deepEqual(hits.filter((x) => !/^csp img-src/.test(x)), []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    srv.receiver.inbox.clear();
  }
});

test('the page opened from disk has no inbox', async () => {
  const { page, close } = await openPage(pathToFileURL(path.join(WEB, 'index.html')).href);
  try {
    assert.equal(await page.locator('#tab-inbox').count(), 0);
    assert.equal(await page.locator('[data-role="inbox"]').count(), 0);
  } finally {
    await close();
  }
});
