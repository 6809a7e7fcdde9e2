// Issue 20 item 1: the page starts with the lean check module (no cmark-gfm, no mobile dialect); the Desktop/Mobile
// toggle waits for the tools module (the page may have fetched it already for the command panel), which has the
// mobile dialect, and the preview draws the mobile app's structure.
// Over http (127.0.0.1) with npm start's server; the offline pages inline the complete module (page.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
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

test('http page: the mobile toggle fetches the tools module, then draws the mobile dialect', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  const fetched = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.evaluate((t) => window.mmhookPage.editor.setText(t), '{"text": "- item\\n  - nested\\ncontinued"}');
  await page.waitForFunction(() => window.mmhookPage.report.posts[0]?.message === '- item\n  - nested\ncontinued');
  await page.check('input[name="viewport"][value="mobile"]');
  // the mobile app starts a paragraph after the nested item (the web app keeps the line in the item)
  await page.waitForFunction(() => document.querySelector('[data-role="preview"] iframe').contentDocument
    .querySelectorAll('[data-role="message"] > p').length === 1, null, { timeout: 20000 });
  assert.ok(fetched.includes('/mmhook-tools.wasm'), fetched.join(', '));
  assert.equal(await page.evaluate(() => window.mmhookPage.report.ok), true);
  assert.deepEqual(problems, []);
  await context.close();
});
