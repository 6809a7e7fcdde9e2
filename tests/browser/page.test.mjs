// Browser suite: Debian's Chromium driven by playwright-core (never a downloaded browser), pages on 127.0.0.1 only.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { root } from '../js/helpers.mjs';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser, server, base;
test.before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  ({ server, url: base } = await serve({ root: path.join(root, 'dist/web'), port: 0 }));
});
test.after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage(url) {
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { page, problems, requests };
}

test('the page serves and renders the example payload', async () => {
  const { page, problems, requests } = await openPage(base);
  assert.match(await page.textContent('[data-role="verdict"]'), /200 ok/);
  const html = await page.innerHTML('[data-role="preview"]');
  assert.match(html, /checkout-api/);
  assert.deepEqual(problems, []);
  assert.ok(requests.every((u) => u.startsWith(base)), `only same-origin requests: ${requests.join(', ')}`);
  await page.close();
});

test('editing the payload re-renders the preview', async () => {
  const { page } = await openPage(base);
  await page.fill('[data-role="editor"]', '{"text": "Hi **there**"}');
  await page.waitForFunction(() => document.querySelector('[data-role="preview"]').innerHTML.includes('<strong>there</strong>'));
  await page.fill('[data-role="editor"]', '{"text": ');
  await page.waitForFunction(() => /400/.test(document.querySelector('[data-role="verdict"]').textContent));
  await page.close();
});

test('the page works opened from disk (file://) with no network', async () => {
  const { page, problems, requests } = await openPage(pathToFileURL(path.join(root, 'dist/web/index.html')).href);
  assert.match(await page.textContent('[data-role="verdict"]'), /200 ok/);
  assert.deepEqual(problems, []);
  assert.ok(requests.every((u) => u.startsWith('file:')), requests.join(', '));
  await page.close();
});
