// The page over http (issue 20 item 2): dist/web served by npm start's server fetches mmhook.wasm as its own file
// (application/wasm, streamed by the glue, revalidated by ETag), the check worker reuses that URL, fonts are files
// fetched per glyph range, and the preview is drawn. The file:// single page is covered by page.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { root } from '../js/helpers.mjs';
import { openContext, startBrowser, stopBrowser } from './helpers/browser.mjs';

let browser, server, base;
const served = []; // [path, status] of every answered request, as the server saw it
test.before(async () => {
  ({ browser, server, base } = await startBrowser(path.join(root, 'dist/web')));
  server.on('request', (req, res) => res.on('finish', () => served.push([req.url, res.statusCode])));
});
test.after(() => stopBrowser(browser, server));

async function open() {
  const { context, page, problems } = await openContext(browser, { csp: true });
  const responses = [];
  context.on('response', (r) => responses.push(r));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.frameLocator('[data-role="preview"] iframe').locator('.mm-post').first().waitFor();
  return { context, page, problems, responses };
}

test('http page: the wasm is its own file (application/wasm, streamed), app.js carries no base64 wasm, preview drawn', async () => {
  const { context, page, problems, responses } = await open();
  const wasm = responses.filter((r) => new URL(r.url()).pathname === '/mmhook.wasm');
  assert.equal(wasm.length, 1, responses.map((r) => r.url()).join(', '));
  assert.equal(wasm[0].headers()['content-type'], 'application/wasm');
  assert.ok(wasm[0].headers().etag, 'mmhook.wasm is served with a validator (cacheable)');
  assert.equal(wasm[0].request().resourceType(), 'fetch');
  const app = responses.find((r) => new URL(r.url()).pathname === '/app.js');
  const appBytes = (await app.body()).length;
  assert.ok(appBytes < 1_000_000, `app.js is ${appBytes} bytes: the wasm must not be inlined as base64`);
  assert.match(await page.textContent('[data-role="verdict"]'), /Mattermost would answer 200 ok/);
  // Fonts are fetched as files, only the subsets the page shows (never latin-ext for the English example).
  const fonts = responses.map((r) => new URL(r.url()).pathname).filter((p) => p.startsWith('/fonts/'));
  assert.ok(fonts.length >= 1 && fonts.every((p) => p.endsWith('.woff2') && !p.includes('latin-ext')), fonts.join(', '));
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('http page: the check worker gets the wasm from the same URL (a 304, not a second body) and checks', async () => {
  const { context, page, problems } = await open();
  const before = served.length;
  const res = await page.evaluate(() => window.mmhookPage.checks.checkOffThread(JSON.stringify({ text: 'from the **worker**' })));
  assert.equal(res.report.ok, true, JSON.stringify(res.report).slice(0, 300));
  const again = served.slice(before).filter(([u]) => u === '/mmhook.wasm');
  // From the HTTP cache: a revalidation (304, no body) or no request at all; never the 1.2 MB body again.
  assert.ok(again.every(([, status]) => status === 304), JSON.stringify(again));
  assert.deepEqual(problems, []);
  await context.close();
});

test('npm start\'s server: ETag revalidation answers 304 for static files, never for the rewritten index.html', async () => {
  const first = await fetch(`${base}mmhook.wasm`);
  assert.equal(first.headers.get('content-type'), 'application/wasm');
  await first.arrayBuffer();
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const second = await fetch(`${base}mmhook.wasm`, { headers: { 'If-None-Match': etag } });
  assert.equal(second.status, 304);
  const index = await fetch(base);
  await index.text();
  assert.equal(index.headers.get('etag'), null);
});
