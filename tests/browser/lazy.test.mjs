// What the first view loads (issue 20 items 2 and 3): the http page draws its first preview before CodeMirror's chunk is
// even requested (a textarea of the same size serves meanwhile, keystrokes kept), highlight.js comes only with a code
// block, and the read-only <mmhook-preview> never fetches the editor or the command code. Debian's Chromium via
// playwright-core; everything on 127.0.0.1.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from '../js/helpers.mjs';
import { holdRoute, openContext, startBrowser, stopBrowser } from './helpers/browser.mjs';

const WEB = path.join(root, 'dist/web');
const CHUNK = /\/(editor|highlight)-[0-9a-f]{8}\.js$/;

let browser, server, base;
test.before(async () => { ({ browser, server, base } = await startBrowser(path.join(root, 'dist'))); });
test.after(() => stopBrowser(browser, server));

test('http page: app.js carries neither CodeMirror nor highlight.js; they are chunks beside it', () => {
  const app = fs.readFileSync(path.join(WEB, 'app.js'), 'utf8');
  assert.ok(!/cm-gutters|cm-scroller/.test(app), 'CodeMirror is in app.js');
  assert.ok(!/registerLanguage/.test(app), 'highlight.js is in app.js');
  const chunks = fs.readdirSync(WEB).filter((f) => CHUNK.test(`/${f}`));
  assert.deepEqual(chunks.map((f) => CHUNK.exec(`/${f}`)[1]).sort(), ['editor', 'highlight']);
  for (const f of chunks) assert.ok(app.includes(`import("./${f}")`), `app.js imports ${f}`);
  const gz = zlib.gzipSync(Buffer.from(app), { level: 9 }).length;
  console.log(`# app.js ${app.length} bytes, gzip -9 ${gz}`);
  assert.ok(gz < 100_000, `app.js is ${gz} bytes gzip`);
});

test('http page: the first preview is drawn before the editor chunk is requested; typing meanwhile is kept', async () => {
  const { context, page, problems } = await openContext(browser);
  let release;
  const held = new Promise((r) => { release = r; });
  const seen = [];   // [chunk, preview already drawn when it was requested]
  await page.route(CHUNK, async (route) => {
    const drawn = await page.evaluate(() => document.body.dataset.preview === 'true' &&
      document.querySelector('[data-role="preview"] iframe').contentDocument.querySelectorAll('.mm-post').length > 0);
    seen.push([CHUNK.exec(route.request().url())[1], drawn]);
    if (CHUNK.exec(route.request().url())[1] === 'editor') await held;
    await route.continue();
  });
  await page.goto(`${base}web/`);
  await page.waitForSelector('body[data-preview="true"]', { timeout: 20000 });
  await page.waitForFunction(() => window.mmhookPage.editor && !window.mmhookPage.editor.view);
  assert.match(await page.textContent('[data-role="verdict"]'), /200 ok/);
  await page.frameLocator('[data-role="preview"] iframe').locator('.mm-post').first().waitFor();
  const before = await page.locator('[data-role="editor"]').boundingBox();
  // The textarea is the editor until CodeMirror arrives: typing into it re-checks.
  const ta = page.locator('[data-role="editor"] textarea');
  await ta.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('{"text": "typed **early**"}');
  await page.frameLocator('[data-role="preview"] iframe').locator('strong', { hasText: 'early' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('!');
  release();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.view.state.doc.toString()), '{"text": "typed **early**"!}');
  // Same text, same box, the caret where it was, focus kept: CodeMirror took over in place.
  assert.equal(await page.locator('[data-role="editor"] textarea').count(), 0);
  const after = await page.locator('[data-role="editor"]').boundingBox();
  assert.deepEqual([after.x, after.y, after.width, Math.round(after.height)], [before.x, before.y, before.width, Math.round(before.height)]);
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.view.state.selection.main.head), 27);
  await page.keyboard.type('?');
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.getText()), '{"text": "typed **early**"!?}');
  assert.deepEqual(seen.filter(([n]) => n === 'editor'), [['editor', true]]);
  assert.ok(!seen.some(([n]) => n === 'highlight'), 'no code block, no highlight.js');
  // A code block brings highlight.js.
  await page.evaluate(() => window.mmhookPage.editor.setText('{"text": "```js\\nconst x = 1;\\n```"}'));
  await page.frameLocator('[data-role="preview"] iframe').locator('.hljs-keyword').first().waitFor();
  assert.ok(seen.some(([n]) => n === 'highlight'));
  assert.deepEqual(problems, []);
  await context.close();
});

// What the http page's first preview needs (tests/js/budget.test.mjs HTTP_FIRST_VIEW counts the same files).
const FIRST_VIEW = ['index.html', 'style.css', 'app.js', 'mmhook.wasm', 'fonts/open-sans-latin-400-normal.woff2', 'fonts/open-sans-latin-600-normal.woff2'];

test('http page: the first preview fetches only the budgeted first view; the icons are inline, the tools module and the worker script come later', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname.replace(/^\/web\//, '')));
  await page.goto(`${base}web/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.evaluate(() => document.fonts.ready);
  // Started before the first preview was drawn (as tests/browser/bench-page.mjs counts the first view), plus the fonts.
  const early = await page.evaluate(() => {
    const drawn = performance.getEntriesByName('mmhook:preview')[0].startTime;
    return performance.getEntriesByType('resource').filter((e) => e.startTime < drawn).map((e) => new URL(e.name).pathname.replace(/^\/web\//, ''));
  });
  const view = [...new Set(['index.html', ...early, ...requests.filter((p) => p.endsWith('.woff2'))])];
  assert.deepEqual(view.sort(), [...FIRST_VIEW].sort(), requests.join(', '));
  // The tools module comes after the first preview.
  assert.ok(requests.includes('mmhook-tools.wasm') && !early.includes('mmhook-tools.wasm'), requests.join(', '));
  // The icons the first view draws come with the page's CSS (no icon font file), and are used.
  assert.ok(!requests.some((p) => /compass|worker-/.test(p)), requests.join(', '));
  assert.deepEqual(await page.evaluate(async () => {
    const doc = document.querySelector('[data-role="preview"] iframe').contentDocument;
    return (await doc.fonts.load('16px "compass-icons"', '\u{f0013}\u{f05d6}')).map((f) => f.status);
  }), ['loaded']);
  await context.close();
});

test('http page: a long payload waits for CodeMirror behind a read-only textarea (no multi-second textarea layout)', async () => {
  const { context, page, problems: errors } = await openContext(browser, { console: [] });
  const release = await holdRoute(page, /\/editor-[0-9a-f]{8}\.js$/);
  const body = JSON.stringify({ text: `long ${'word '.repeat(60000)}end` });
  const json = JSON.stringify({ v: 1, body, contentType: 'application/json', mode: 'json', settings: {} });
  const frag = zlib.deflateRawSync(Buffer.from(json)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  await page.goto(`${base}web/#s=${frag}`);
  await page.waitForSelector('body[data-preview="true"]', { timeout: 30000 });
  const plain = await page.evaluate(() => { const ta = document.querySelector('[data-role="editor"] textarea'); return { ro: ta.readOnly, text: ta.value }; });
  assert.equal(plain.ro, true);
  assert.match(plain.text, /^Loading the editor/);
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.getText().length), body.length);
  release();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.view.state.doc.toString()), body);
  assert.deepEqual(errors, []);
  await context.close();
});

test('embed module: a read-only element loads no editor, command or slack-diff code; each loads on first use', async () => {
  const { context, page, problems } = await openContext(browser, { viewport: { width: 1100, height: 900 } });
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>' +
    '<script type="module" src="../mmhook-embed.js"></script></head><body>' +
    '<mmhook-preview id="r" payload=\'{"text": "read **only**", "attachments": [{"actions": [{"id": "go", "name": "Go", "integration": {"url": "https://integration.example.com/act"}}]}]}\'></mmhook-preview></body></html>';
  await page.route(`${base}embed/__t/ro.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(`${base}embed/__t/ro.html`);
  await page.waitForFunction(() => document.querySelector('#r').report, null, { timeout: 30000 });
  assert.equal(await page.locator('#r').locator('[part="preview"] strong').textContent(), 'only');
  const lazyParts = (list) => list.filter((p) => /mmhook-embed-(editing|command-view|diff-view)-/.test(p)).map((p) => /-(editing|command-view|diff-view)-/.exec(p)[1]);
  assert.deepEqual(lazyParts(requests), [], requests.join(', '));
  // The wasm streams as its own file beside the module; the read-only page's transfer, gzip -9:
  assert.ok(requests.includes('/embed/mmhook.wasm'), requests.join(', '));
  const own = [...new Set(requests.filter((p) => p.startsWith('/embed/') && !p.includes('__t')))];
  const gz = own.reduce((n, p) => n + zlib.gzipSync(fs.readFileSync(path.join(root, 'dist', p)), { level: 9 }).length, 0);
  console.log(`# read-only embed transfer (gzip -9): ${gz} bytes: ${own.join(', ')}`);
  // A click on a read-only element's button does nothing; editing, then the command and slack-diff views, load their parts.
  await page.evaluate(() => document.querySelector('#r').setAttribute('editable', ''));
  await page.locator('#r').locator('textarea').waitFor();
  assert.deepEqual(lazyParts(requests), ['editing']);
  await page.evaluate(() => document.querySelector('#r').setAttribute('show', 'verdict command slack-diff'));
  await page.waitForFunction(() => /curl/.test(document.querySelector('#r').shadowRoot.querySelector('[part="command"] code')?.textContent || ''));
  assert.deepEqual(lazyParts(requests).sort(), ['command-view', 'diff-view', 'editing']);
  await page.locator('#r').locator('.mm-action-button').first().click();
  await page.waitForFunction(() => /integration\.example\.com\/act/.test(document.querySelector('#r').shadowRoot.querySelector('[part="action"]')?.textContent || ''));
  assert.deepEqual(problems, []);
  await context.close();
});

test('large body: the worker is sent the edits, not the whole text again, and checks exactly the editor\'s text', async () => {
  const { context, page, problems: errors } = await openContext(browser, { console: [] });
  const workerScripts = [];
  page.on('request', (r) => { if (/\/worker-[0-9a-f]{8}\.js$/.test(r.url())) workerScripts.push(r.url()); });
  await page.addInitScript(() => {
    window.__sent = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m && m.type === 'check') window.__sent.push({ body: m.body === null ? null : m.body.length, edits: m.edits });
      return post.call(this, m, ...rest);
    };
  });
  await page.goto(`${base}web/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.evaluate(() => {
    const p = window.mmhookPage;
    const b = JSON.stringify({ text: `TYPE HERE: ${'- item **bold** and `code`\n'.repeat(80000)}`, username: 'bench', attachments: [{ text: 'a' }] }, null, 2);
    p.editor.setText(b);
    p.editor.view.dispatch({ selection: { anchor: b.indexOf('TYPE HERE: ') + 11 } });
    p.editor.view.focus();
  });
  // Checked on this thread once, slowly: the next checks go to the worker, the first with the whole text.
  await page.waitForFunction(() => window.mmhookPage.slow, null, { timeout: 60000 });
  await page.keyboard.type('a');
  await page.waitForFunction(() => window.mmhookPage.checker && window.mmhookPage.checker.idle && window.__sent.length, null, { timeout: 60000 });
  assert.equal(typeof (await page.evaluate(() => window.__sent[0].body)), 'number');
  assert.equal(workerScripts.length, 1, 'the worker script (not in app.js) is fetched when the worker starts, once');
  await page.evaluate(() => { window.__sent.length = 0; });
  await page.keyboard.type('b');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('"x');   // breaks the JSON: the report must say so at the right place
  await page.waitForTimeout(300);
  await page.waitForFunction(() => window.mmhookPage.checker.idle && document.body.dataset.revision, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  await page.waitForFunction(() => window.mmhookPage.checker.idle, null, { timeout: 60000 });
  const r = await page.evaluate(() => {
    const p = window.mmhookPage;
    const full = p.mm.check(p.editor.getText(), p.checkRequest());
    const shown = p.report;
    return { sent: window.__sent, same: JSON.stringify(full.diagnostics) === JSON.stringify(shown.diagnostics) && full.status === shown.status,
      status: shown.status, posts: [full.posts.length, shown.posts.length], head: p.editor.getText().slice(0, 30) };
  });
  assert.ok(r.sent.length >= 1, JSON.stringify(r.sent));
  assert.ok(r.sent.every((m) => m.body === null && Array.isArray(m.edits)), JSON.stringify(r.sent).slice(0, 500));
  assert.equal(r.head, '{\n  "text": "TYPE HERE: a"x- i');
  assert.equal(r.status, 400);
  assert.ok(r.same, 'the worker checked the same text as a full check');
  assert.deepEqual(errors, []);
  await context.close();
});

test('http page: an editor chunk that cannot load leaves the textarea working, with a notice', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.route(/\/editor-[0-9a-f]{8}\.js$/, (route) => route.abort());
  await page.goto(`${base}web/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.match(await page.textContent('[data-role="notices"]'), /The editor panel failed/);
  await page.locator('[data-role="editor"] textarea').fill('{"text": "still **editable**"}');
  await page.frameLocator('[data-role="preview"] iframe').locator('strong', { hasText: 'editable' }).waitFor();
  await context.close();
});
