// `mmhook render` writes a file that looks like the page's preview: the same post styles (colour bar, avatar, BOT
// tag spacing, attachment title), both themes. Key computed styles are compared between the page's preview frame and
// the rendered file opened from disk in Chromium; screenshots of both go to build/artifacts.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../js/helpers.mjs';
import { startBrowser, stopBrowser } from './helpers/browser.mjs';

const ARTIFACTS = path.join(root, 'build/artifacts');
const PAYLOAD = JSON.stringify({
  text: 'Deploy **done** :tada:',
  attachments: [{ color: '#36a64f', title: 'Build 42', text: 'All *green*', fields: [{ title: 'Env', value: 'prod', short: true }] }],
});
const SELECTORS = {
  bar: '.mm-attachment__container',
  avatar: '.mm-post__avatar',
  bot: '.mm-post__bot-tag',
  header: '.mm-post__header',
  name: '.mm-post__name',
  title: '.mm-attachment__title',
  body: '.mm-post__body',
  field: '.mm-attachment__field-title',
};
// Layout-independent properties (widths depend on the window; the avatar's size is checked on its own).
const PROPS = ['borderLeftColor', 'borderLeftWidth', 'minWidth', 'maxWidth', 'borderRadius', 'marginLeft', 'paddingLeft',
  'fontSize', 'fontWeight', 'lineHeight', 'color', 'backgroundColor', 'display', 'columnGap', 'fontFamily'];

// Runs in the document (page frame or file): the computed PROPS of the first element of each selector.
function collect([selectors, props]) {
  return Object.fromEntries(Object.entries(selectors).map(([k, sel]) => {
    const el = document.querySelector(sel);
    if (!el) return [k, null];
    const cs = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return [k, { ...Object.fromEntries(props.map((p) => [p, cs[p]])), ...(k === 'avatar' ? { w: box.width, h: box.height } : {}) }];
  }));
}

let browser, server, base, dir;
test.before(async () => {
  ({ browser, server, base } = await startBrowser(path.join(root, 'dist/web')));
  dir = await mkdtemp(path.join(tmpdir(), 'mmhook-render-'));
  await mkdir(ARTIFACTS, { recursive: true });
});
test.after(() => stopBrowser(browser, server));

async function pageStyles(theme) {
  const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  if ((await page.getAttribute('html', 'data-theme')) !== theme) await page.click('[data-role="theme"]');
  await page.evaluate((t) => window.mmhookPage.editor.setText(t), PAYLOAD);
  await page.frameLocator('[data-role="preview"] iframe').locator('.mm-attachment__title', { hasText: 'Build 42' }).waitFor();
  const frame = await (await page.locator('[data-role="preview"] iframe').elementHandle()).contentFrame();
  const got = await frame.evaluate(collect, [SELECTORS, PROPS]);
  await page.locator('[data-role="preview"] iframe').screenshot({ path: path.join(ARTIFACTS, `render-page-${theme}.png`) });
  await context.close();
  return got;
}

async function fileStyles(theme) {
  const out = path.join(dir, `preview-${theme}.html`);
  const input = path.join(dir, 'payload.json');
  await writeFile(input, PAYLOAD);
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mmhook.mjs'), 'render', input, '--out', out, '--theme', theme,
    '--force'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => { if (m.type() === 'error') violations.push(m.text()); });
  await page.goto(pathToFileURL(out).href);
  await page.locator('.mm-attachment__title', { hasText: 'Build 42' }).waitFor();
  const got = await page.evaluate(collect, [SELECTORS, PROPS]);
  await page.screenshot({ path: path.join(ARTIFACTS, `render-file-${theme}.png`), fullPage: true });
  await context.close();
  assert.deepEqual(violations, []);
  return got;
}

for (const theme of ['light', 'dark']) {
  test(`render --theme ${theme}: the post styles equal the page's preview`, async () => {
    const fromPage = await pageStyles(theme);
    const fromFile = await fileStyles(theme);
    for (const [k, v] of Object.entries(fromPage)) {
      assert.ok(v, `the page's preview has ${SELECTORS[k]}`);
      assert.deepEqual(fromFile[k], v, `${SELECTORS[k]} (${theme})`);
    }
    assert.notEqual(fromFile.bar.borderLeftWidth, '0px', 'colour bar');
    assert.equal(fromFile.bar.borderLeftColor, 'rgb(54, 166, 79)');
    assert.equal(fromFile.header.columnGap, '6px', 'BOT tag spaced from the name');
    assert.deepEqual([fromFile.avatar.w, fromFile.avatar.h], [32, 32], 'avatar');
    assert.notEqual(fromFile.title.fontSize, '32px', 'attachment title is not a browser-default h1');
  });
}
