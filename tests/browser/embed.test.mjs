// Browser suite for the embeddable <mmhook-preview> (issue 8): Debian's Chromium via playwright-core, dist/ served on
// 127.0.0.1. Extra test pages are answered from memory by page.route under /embed/__t/ (same origin, never the network).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { gzipSync, deflateRawSync } from 'node:zlib';
import { mkdir, readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { root, shells } from '../js/helpers.mjs';
import { readOnlyEmbedFiles } from '../../scripts/build-embed.mjs';
import { openContext, startBrowser, stopBrowser } from './helpers/browser.mjs';

const DIST = path.join(root, 'dist');
const ARTIFACTS = path.join(root, 'build/artifacts');
// gzip -9 of dist/embed/mmhook-embed.js was 568 KB (the wasm alone gzips to 362 KB; base64 inlining and the fonts add the
// rest) when this was written; the budget leaves ~4%. Second session: 561,998 bytes after the faster check() (+) and
// LTO with -Oz for cold code (-), see wasm/CMakeLists.txt.
// Third session, raised on purpose: the web Markdown dialect and the interactivity simulator in the one wasm module
// took it to 705,219 bytes; issue 20's on-demand module is where they go.
// Issue 20 item 3: the module build streams mmhook.wasm and fetches Open Sans from fonts/ beside it; what is left in
// mmhook-embed.js (element, post styles, wasm glue, the 7 compass icons it draws) measured 24,300 bytes (87,816 with the
// fonts as base64). The classic script keeps everything inline (the complete module): 662,092 bytes (690,457 before the
// icon subset). Budgets ~1 % above. After the merges (the lean start, a mobile element waits for the tools module):
// 24,701 bytes; raised on purpose.
const GZIP_BUDGET = 25_000;
const IIFE_GZIP_BUDGET = 669_000;
// What a page with one read-only element transfers (scripts/build-embed.mjs readOnlyEmbedFiles: module, its static
// chunks, mmhook.wasm, Open Sans latin 400 + 600), zlib level 9: measured 24,300 + 1,342 + 379,582 + 37,316 = 442,540
// bytes. After the merges (cmark-gfm and the tools codes out of mmhook.wasm: 287,164): ≈ 350,500 bytes (npm run bench);
// lowered. The issue's goal is 300,000.
const READ_ONLY_BUDGET = 354_000;
const READ_ONLY_GOAL = 300_000;
const EXAMPLE_IDS = ['alert', 'ci', 'priority', 'slack', 'broken'];

let browser, server, base;
test.before(async () => {
  ({ browser, server, base } = await startBrowser(DIST));
  await mkdir(ARTIFACTS, { recursive: true });
});
test.after(() => stopBrowser(browser, server));

/** Opens url in a fresh context; records problems, requests, and every mmhook-check event seen at the document. */
async function open(url, { pages = {}, colorScheme = 'light', viewport = { width: 1100, height: 900 } } = {}) {
  const { context, page, problems, requests } = await openContext(browser, { colorScheme, viewport });
  for (const [name, html] of Object.entries(pages)) {
    await page.route(`${base}embed/__t/${name}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  }
  await page.addInitScript(() => {
    window.__events = [];
    document.addEventListener('mmhook-check', (e) => window.__events.push({ id: e.target.id, ok: e.detail.report.ok,
      status: e.detail.report.status, posts: e.detail.report.posts.length, composed: e.composed, bubbles: e.bubbles }));
  });
  await page.goto(url);
  return { context, page, problems, requests, close: () => context.close() };
}

/** Waits until every <mmhook-preview> on the page has a report (scrolling each into view on the way). */
async function renderAll(page) {
  const n = await page.locator('mmhook-preview').count();
  for (let i = 0; i < n; i++) await page.locator('mmhook-preview').nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('mmhook-preview')].every((e) => e.report), null, { timeout: 20000 });
  return n;
}

const shadowText = (page, sel, inner) => page.evaluate(([s, i]) => {
  const host = document.querySelector(s);
  const el = host && host.shadowRoot.querySelector(i);
  return el ? el.textContent : null;
}, [sel, inner]);

const page1 = (body, { script = '<script type="module" src="../mmhook-embed.js"></script>', head = '' } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>${head}${script}</head><body>${body}</body></html>`;

test('the example page renders every element, with only its own files and no console error', async () => {
  const { page, problems, requests, close } = await open(`${base}embed/example.html`);
  const n = await renderAll(page);
  assert.equal(n, EXAMPLE_IDS.length);
  const states = await page.evaluate(() => [...document.querySelectorAll('mmhook-preview')].map((e) => ({
    id: e.id, ok: e.report.ok, posts: e.shadowRoot.querySelectorAll('.mm-post').length,
    text: e.shadowRoot.querySelector('[part="preview"]').textContent })));
  assert.deepEqual(states.map((s) => s.id), EXAMPLE_IDS);
  for (const s of states) {
    assert.equal(s.ok, true, `${s.id} is accepted`);
    assert.ok(s.posts >= 1, `${s.id} draws a post`);
  }
  assert.match(states[0].text, /FIRING/);
  assert.match(states[1].text, /Build #1234 passed/);   // loaded through src
  assert.match(states[2].text, /Database failover/);
  assert.match(states[3].text, /@channel Deploy of 9f2c/);
  // One engine for the whole page.
  assert.equal(await page.evaluate(() => customElements.get('mmhook-preview').wasmLoads), 1);
  // The post styles of the page apply inside the shadow roots (Mattermost look).
  const look = await page.evaluate(() => {
    const r = document.querySelector('#alert').shadowRoot;
    const cs = (sel) => getComputedStyle(r.querySelector(sel));
    const dark = getComputedStyle(document.querySelector('#priority').shadowRoot.querySelector('.mme'));
    return { name: cs('.mm-post__name').fontWeight, bg: cs('.mme').backgroundColor, font: cs('.mme').fontFamily,
      border: cs('.mm-attachment__container').borderLeftColor, darkBg: dark.backgroundColor };
  });
  assert.equal(look.name, '600');
  assert.equal(look.bg, 'rgb(255, 255, 255)');
  assert.match(look.font, /mmhook Open Sans/);
  assert.equal(look.border, 'rgb(228, 3, 3)');
  assert.equal(look.darkBg, 'rgb(25, 27, 31)');
  // The classic script carries its fonts: every face loaded, none fetched.
  await page.evaluate(() => document.fonts.ready);
  const faces = await page.evaluate(() => [...document.fonts].filter((f) => f.family.startsWith('mmhook ')).map((f) => `${f.family} ${f.weight} ${f.status}`));
  assert.deepEqual(faces.sort(), ['mmhook Open Sans 400 loaded', 'mmhook Open Sans 600 700 loaded', 'mmhook compass-icons normal loaded']);
  const own = new Set(['embed/example.html', 'embed/mmhook-embed.iife.js', 'embed/ci-report.json'].map((f) => base + f));
  assert.ok(requests.every((u) => own.has(u) || u.startsWith('data:')), `unexpected requests: ${requests.join(', ')}`);
  assert.deepEqual(problems, []);
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-example.png'), fullPage: true });
  await close();
});

test('the example page opened from disk (file://) renders every element, the src one included', async () => {
  const { page, problems, requests, close } = await open(pathToFileURL(path.join(DIST, 'embed/example.html')).href);
  const n = await renderAll(page);
  assert.equal(n, EXAMPLE_IDS.length);
  const states = await page.evaluate(() => [...document.querySelectorAll('mmhook-preview')].map((e) => ({
    id: e.id, ok: e.report.ok, posts: e.shadowRoot.querySelectorAll('.mm-post').length })));
  for (const s of states) {
    assert.equal(s.ok, true, `${s.id} is accepted`);
    assert.ok(s.posts >= 1, `${s.id} draws a post`);
  }
  assert.match(await shadowText(page, '#ci', '[part="preview"]'), /Build #1234 passed/);
  assert.ok(requests.every((u) => u.startsWith('file:') || u.startsWith('data:')), requests.join(', '));
  assert.deepEqual(problems, []);
  await close();
});

test('every element fires a bubbling, composed mmhook-check event carrying its Report', async () => {
  const { page, close } = await open(`${base}embed/example.html`);
  await renderAll(page);
  const events = await page.evaluate(() => window.__events);
  for (const id of EXAMPLE_IDS) {
    const e = events.find((x) => x.id === id);
    assert.ok(e, `an event from ${id}`);
    assert.equal(e.ok, true);
    assert.equal(e.status, 200);
    assert.equal(e.bubbles, true);
    assert.equal(e.composed, true);
  }
  await close();
});

test('editable: typing re-renders live; a broken payload shows the error and keeps the last post dimmed', async () => {
  const { page, close } = await open(`${base}embed/example.html#sec-slack`);
  await renderAll(page);
  const editor = page.locator('#slack').locator('textarea');
  assert.match(await editor.inputValue(), /^\{\n {2}"text": "<!channel> Deploy/);   // dedented child script
  await page.evaluate(() => { window.__events.length = 0; });
  await editor.fill('{"text": "Typed **live** by <https://docs.example.com|the reader>"}');
  await page.waitForFunction(() => /Typed live by the reader/.test(document.querySelector('#slack').shadowRoot.querySelector('[part="preview"]').textContent));
  assert.equal(await page.locator('#slack').locator('[part="preview"] strong').textContent(), 'live');
  const events = await page.evaluate(() => window.__events.filter((e) => e.id === 'slack'));
  assert.ok(events.length >= 1 && events.at(-1).ok);
  // Typing character by character works too.
  await editor.press('End');
  await editor.fill('{"text": "abc"}');
  await editor.press('ArrowLeft');
  await editor.press('ArrowLeft');
  await editor.type('d');
  await page.waitForFunction(() => /abcd/.test(document.querySelector('#slack').shadowRoot.querySelector('[part="preview"]').textContent));
  // Broken JSON: 400 with the error, diagnostics at the right line, the last good post kept but marked stale.
  await editor.fill('{\n  "text": "hi",\n  "username": bad\n}');
  await page.waitForFunction(() => document.querySelector('#slack').report.status === 400);
  assert.match(await page.locator('#slack').locator('[part="verdict"]').textContent(), /400.*web\.incoming_webhook\.decode\.app_error/s);
  const diag = page.locator('#slack').locator('.diagnostic--error .diagnostic__pos').first();
  assert.match(await diag.textContent(), /^3:/);
  assert.equal(await page.locator('#slack').locator('.mme-preview--stale').count(), 1);
  assert.match(await page.locator('#slack').locator('[part="preview"]').textContent(), /abcd/);
  await diag.click();
  const caret = await page.evaluate(() => document.querySelector('#slack').shadowRoot.querySelector('textarea').selectionStart);
  assert.equal(caret, await page.evaluate(() => document.querySelector('#slack').report.diagnostics.find((d) => d.severity === 'error').offset));
  // Changing the payload attribute from outside replaces the edit.
  await page.evaluate(() => document.querySelector('#slack').setAttribute('payload', '{"text": "from the attribute"}'));
  await page.waitForFunction(() => /from the attribute/.test(document.querySelector('#slack').shadowRoot.querySelector('[part="preview"]').textContent));
  assert.equal(await editor.inputValue(), '{"text": "from the attribute"}');
  await close();
});

test('slack-diff marks the translated spans of the text and attachment texts', async () => {
  const { page, close } = await open(`${base}embed/example.html#sec-slack`);
  await renderAll(page);
  const marks = await page.evaluate(() => {
    const r = document.querySelector('#slack').shadowRoot;
    const texts = (sel) => [...r.querySelectorAll(sel)].map((m) => m.textContent);
    return { before: texts('.mme-diff__mark--before'), after: texts('.mme-diff__mark--after'),
      labels: texts('.mme-diff__label'), same: texts('.mme-diff__same').length };
  });
  for (const s of ['<!channel>', '<https://git.example.com/shop/commit/9f2c|9f2c>', '<https://docs.example.com/releases/2.3|the changelog>', '<!here>',
    '<mailto:ops@example.com|ops team>']) assert.ok(marks.before.includes(s), `marked in the original: ${s} (${marks.before.join(' ¦ ')})`);
  for (const s of ['@channel', '[9f2c](https://git.example.com/shop/commit/9f2c)', '[the changelog](https://docs.example.com/releases/2.3)', '@here',
    '[ops team](mailto:ops@example.com)']) assert.ok(marks.after.includes(s), `marked in the stored text: ${s} (${marks.after.join(' ¦ ')})`);
  // Slack user ids stay literally: not marked.
  assert.ok(!marks.before.some((m) => m.includes('U024BE7LH')));
  assert.deepEqual(marks.labels, ['text', 'attachments[0].pretext', 'attachments[0].title', 'attachments[0].text',
    'attachments[0].fields[0].value', 'attachments[0].fields[1].value']);
  assert.equal(marks.same, 2);   // the title and the numeric field are unchanged
  await page.locator('#slack').locator('[part="slack-diff"]').screenshot({ path: path.join(ARTIFACTS, 'embed-slack-diff.png') });
  await close();
});

test('the command view uses webhook-url, or the docs placeholder by default, and follows the shell', async () => {
  const { page, close } = await open(`${base}embed/example.html`);
  await renderAll(page);
  const alert = await shadowText(page, '#alert', '[part="command"] code');
  assert.match(alert, /curl/);
  assert.match(alert, /https:\/\/chat\.example\.com\/hooks\/alerts-key/);
  const slack = await shadowText(page, '#slack', '[part="command"] code');
  assert.match(slack, /https:\/\/your-mattermost-server\.com\/hooks\/xxx-generatedkey-xxx/);
  await page.locator('#alert').locator('[part="command"] select').selectOption('powershell');
  assert.match(await shadowText(page, '#alert', '[part="command"] code'), /\$body = @'/);
  // The shell menu offers the core's list (shells.def): every target, in order, with its label.
  const options = await page.locator('#alert').locator('[part="command"] select option')
    .evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options, (await shells()).map((s) => [s.id, s.label]));
  // Views not asked for are absent.
  assert.equal(await shadowText(page, '#priority', '[part="command"]'), null);
  assert.equal(await shadowText(page, '#priority', '[part="diagnostics"]'), null);
  await close();
});

test('host-page CSS does not change the preview; CSS custom properties and ::part do', async () => {
  const { page, close } = await open(`${base}embed/example.html`);
  await renderAll(page);
  const probe = () => page.evaluate(() => {
    const out = {};
    for (const id of ['alert', 'slack']) {
      const r = document.querySelector('#' + id).shadowRoot;
      for (const sel of ['.mme', '.mm-post__name', '.mm-post__body p', '.mm-attachment__title', '.verdict', '.diagnostic__msg', 'code']) {
        const el = r.querySelector(sel);
        if (!el) continue;
        const cs = getComputedStyle(el);
        out[`${id} ${sel}`] = [cs.color, cs.fontFamily, cs.fontSize, cs.letterSpacing, cs.textTransform, cs.backgroundColor, cs.lineHeight].join(' | ');
      }
    }
    return out;
  });
  const before = await probe();
  await page.addStyleTag({ content: '* { color: red !important; font-family: serif !important; letter-spacing: 3px !important; ' +
    'text-transform: uppercase !important; line-height: 3 !important; font-size: 22px !important; } p, div, span { background: yellow !important; }' });
  const after = await probe();
  assert.deepEqual(after, before);
  // The documented hooks do reach inside.
  await page.addStyleTag({ content: '#alert { --mmhook-center-bg: #fafaf0; --mmhook-link: rgb(1, 2, 3); } #alert::part(verdict) { color: rgb(9, 8, 7); }' });
  const styled = await page.evaluate(() => {
    const r = document.querySelector('#alert').shadowRoot;
    return { bg: getComputedStyle(r.querySelector('.mme')).backgroundColor, link: getComputedStyle(r.querySelector('.markdown__link')).color,
      verdict: getComputedStyle(r.querySelector('[part="verdict"]')).color };
  });
  assert.deepEqual(styled, { bg: 'rgb(250, 250, 240)', link: 'rgb(1, 2, 3)', verdict: 'rgb(9, 8, 7)' });
  await close();
});

test('host-page CSS: the preview is pixel-identical under a hostile stylesheet', async () => {
  const payload = (await readFile(path.join(root, 'web/embed/ci-report.json'), 'utf8')).replace(/'/g, '&#39;');
  const body = `<mmhook-preview id="p" show="verdict diagnostics slack-diff command" payload='${payload}'></mmhook-preview><p>After</p>`;
  const { page, close } = await open(`${base}embed/__t/css.html`, { pages: { 'css.html': page1(body, { head: '<style>body{margin:0}</style>' }) } });
  await renderAll(page);
  await page.evaluate(() => document.fonts.ready);
  const shot = () => page.locator('#p').screenshot({ animations: 'disabled', caret: 'hide' });
  const before = await shot();
  await page.addStyleTag({ content: '* { color: red !important; font-family: serif !important; letter-spacing: 3px !important; ' +
    'text-transform: uppercase !important; line-height: 3 !important; font-size: 22px !important; font-weight: 900 !important; ' +
    'text-align: center !important; white-space: pre !important; visibility: visible !important; } p, div, span { background: yellow !important; }' });
  const after = await shot();
  assert.ok(before.equals(after), 'the preview looks the same under hostile host CSS');
  await close();
});

test('lazy: nothing loads until an element is visible, then one engine serves every element', async () => {
  const body = '<p>Intro</p><div style="height: 3000px"></div>' +
    '<mmhook-preview id="a" payload=\'{"text": "first"}\'></mmhook-preview>' +
    '<mmhook-preview id="b" payload=\'{"text": "second"}\'></mmhook-preview>';
  const { page, problems, close } = await open(`${base}embed/__t/lazy.html`, { pages: { 'lazy.html': page1(body) } });
  await page.waitForFunction(() => customElements.get('mmhook-preview'));
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => customElements.get('mmhook-preview').wasmLoads), 0);
  assert.equal(await page.evaluate(() => document.querySelector('#a').report), null);
  assert.match(await shadowText(page, '#a', '[part="placeholder"]'), /loads when scrolled into view/);
  await page.locator('#a').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#a').report && document.querySelector('#b').report);
  assert.equal(await page.evaluate(() => customElements.get('mmhook-preview').wasmLoads), 1);
  assert.match(await shadowText(page, '#b', '[part="preview"]'), /second/);
  // Elements added later reuse the engine.
  await page.evaluate(() => {
    const e = document.createElement('mmhook-preview');
    e.id = 'c';
    e.setAttribute('payload', '{"text": "added later"}');
    document.body.prepend(e);
  });
  await page.waitForFunction(() => document.querySelector('#c').report);
  assert.equal(await page.evaluate(() => customElements.get('mmhook-preview').wasmLoads), 1);
  assert.deepEqual(problems, []);
  await close();
});

test('the classic-script build and the README snippet work as documented', async () => {
  const marked = /<!-- snippet:start -->\s*```html\n([\s\S]*?)```\s*<!-- snippet:end -->/;
  const embedReadme = marked.exec(await readFile(path.join(root, 'web/embed/README.md'), 'utf8'));
  const m = marked.exec(await readFile(path.join(root, 'README.md'), 'utf8'));
  assert.ok(m, 'the project README has a marked copy-paste snippet');
  assert.ok(embedReadme && embedReadme[1] === m[1], 'web/embed/README.md carries the same snippet');
  const snippet = m[1].replace(/src="[^"]*mmhook-embed\.js"/, 'src="../mmhook-embed.js"');
  assert.notEqual(snippet, m[1], 'the snippet loads mmhook-embed.js');
  const classic = page1('<mmhook-preview id="x" payload=\'{"text": "classic **script**"}\' show="verdict"></mmhook-preview>',
    { script: '<script src="../mmhook-embed.iife.js"></script>' });
  const { page, problems, close } = await open(`${base}embed/__t/snippet.html`,
    { pages: { 'snippet.html': page1(`<h1>Docs</h1>${snippet}`, { script: '' }), 'classic.html': classic } });
  await renderAll(page);
  const r = await page.evaluate(() => { const e = document.querySelector('mmhook-preview'); return { ok: e.report.ok, text: e.shadowRoot.textContent }; });
  assert.equal(r.ok, true);
  assert.match(r.text, /Mattermost would answer 200 ok/);
  await page.goto(`${base}embed/__t/classic.html`);
  await renderAll(page);
  assert.equal(await page.locator('#x').locator('[part="preview"] strong').textContent(), 'script');
  assert.deepEqual(problems, []);
  await close();
});

test('themes: light by default, dark, and auto following the reader\'s colour scheme', async () => {
  const body = '<mmhook-preview id="l" payload=\'{"text": "x"}\'></mmhook-preview><mmhook-preview id="d" theme="dark" payload=\'{"text": "x"}\'></mmhook-preview>' +
    '<mmhook-preview id="a" theme="auto" payload=\'{"text": "x"}\'></mmhook-preview>';
  const { page, close } = await open(`${base}embed/__t/theme.html`, { pages: { 'theme.html': page1(body) }, colorScheme: 'dark' });
  await renderAll(page);
  const bg = () => page.evaluate(() => ['l', 'd', 'a'].map((id) => getComputedStyle(document.querySelector('#' + id).shadowRoot.querySelector('.mme')).backgroundColor));
  assert.deepEqual(await bg(), ['rgb(255, 255, 255)', 'rgb(25, 27, 31)', 'rgb(25, 27, 31)']);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#a').shadowRoot.querySelector('.mme')).backgroundColor === 'rgb(255, 255, 255)');
  await page.evaluate(() => document.querySelector('#l').setAttribute('theme', 'dark'));
  assert.equal((await bg())[0], 'rgb(25, 27, 31)');
  await close();
});

test('content-type and settings attributes reach the check; a cross-origin src is refused without a request', async () => {
  const body = '<mmhook-preview id="form" content-type="application/x-www-form-urlencoded" show="verdict command"' +
    ' payload="payload=%7B%22text%22%3A%22from%20a%20form%22%7D"></mmhook-preview>' +
    '<mmhook-preview id="override" settings=\'{"enablePostUsernameOverride": true}\' payload=\'{"text": "x", "username": "deploy-bot"}\'></mmhook-preview>' +
    '<mmhook-preview id="plain" payload=\'{"text": "x", "username": "deploy-bot"}\'></mmhook-preview>' +
    '<mmhook-preview id="far" src="https://elsewhere.example.com/p.json"></mmhook-preview>' +
    '<mmhook-preview id="badsettings" settings="{nope" payload=\'{"text": "x"}\'></mmhook-preview>';
  const { page, requests, close } = await open(`${base}embed/__t/attrs.html`, { pages: { 'attrs.html': page1(body) } });
  await renderAll(page);
  assert.match(await shadowText(page, '#form', '[part="preview"]'), /from a form/);
  assert.match(await shadowText(page, '#form', '[part="command"] code'), /payload=/);
  assert.match(await shadowText(page, '#override', '.mm-post__name'), /deploy-bot/);
  assert.doesNotMatch(await shadowText(page, '#plain', '.mm-post__name'), /deploy-bot/);
  assert.match(await shadowText(page, '#far', '.mme'), /same-origin/);
  assert.match(await shadowText(page, '#badsettings', '[part="verdict"]'), /settings attribute is not valid JSON/);
  assert.ok(!requests.some((u) => u.includes('elsewhere.example.com')), requests.join(', '));
  await close();
});

test('platform attribute: mobile draws the mobile app\'s dialect at phone width; an unknown value is a warning', async () => {
  const payload = `payload='{"text": "- item\\n  - nested\\ncontinued"}'`;
  const body = `<mmhook-preview id="web" ${payload}></mmhook-preview><mmhook-preview id="mobile" platform="mobile" ${payload}></mmhook-preview>` +
    `<mmhook-preview id="odd" platform="tablet" show="diagnostics" ${payload}></mmhook-preview>`;
  const { page, problems, close } = await open(`${base}embed/__t/platform.html`, { pages: { 'platform.html': page1(body) } });
  await renderAll(page);
  const info = (id) => page.evaluate((i) => {
    const root = document.getElementById(i).shadowRoot;
    const m = root.querySelector('[data-role="message"]');
    return { paragraphs: m.querySelectorAll(':scope > p').length, maxWidth: getComputedStyle(root.querySelector('.mme-preview')).maxWidth,
      fontSize: getComputedStyle(root.querySelector('[data-role="message"] li')).fontSize,
      platform: root.querySelector('.mme').dataset.platform };
  }, id);
  const web = await info('web');
  const mobile = await info('mobile');
  assert.equal(web.paragraphs, 0);
  assert.equal(mobile.paragraphs, 1);
  assert.equal(mobile.platform, 'mobile');
  assert.equal(mobile.maxWidth, '390px');
  assert.equal(web.maxWidth, 'none');
  assert.equal(mobile.fontSize, '16px');
  assert.equal(web.fontSize, '14px');
  assert.equal((await info('odd')).paragraphs, 0);
  assert.ok(await page.evaluate(() => document.getElementById('odd').report.diagnostics.some((d) => d.code === 'options.platform')));
  await page.evaluate(() => document.getElementById('web').setAttribute('platform', 'mobile'));
  await page.waitForFunction(() => document.getElementById('web').shadowRoot.querySelectorAll('[data-role="message"] > p').length === 1);
  assert.deepEqual(problems, []);
  await close();
});

test('hostile payload text never runs script, adds no handler and loads nothing', async () => {
  const evil = JSON.stringify({
    text: '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [x](javascript:window.__pwned=3) ![i](https://img.test/a.png)',
    attachments: [{ title: '<svg onload="window.__pwned=4">', title_link: 'javascript:window.__pwned=5', text: '<a href="javascript:1">y</a>',
      image_url: 'https://img.test/b.png', author_icon: 'https://img.test/c.png' }],
  });
  const body = `<mmhook-preview id="e" show="verdict diagnostics slack-diff command"><script type="application/json">${evil.replace(/</g, '\\u003c')}</script></mmhook-preview>`;
  const { page, requests, close } = await open(`${base}embed/__t/evil.html`, { pages: { 'evil.html': page1(body) } });
  await renderAll(page);
  const e = page.locator('#e');
  for (const img of await e.locator('img').all()) await img.hover({ timeout: 1000 }).catch(() => {});
  await page.waitForTimeout(200);
  const res = await page.evaluate(() => {
    const r = document.querySelector('#e').shadowRoot;
    const handlers = [...r.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name));
    const urls = [...r.querySelectorAll('[href], [src]')].map((el) => el.getAttribute('href') || el.getAttribute('src'));
    return { pwned: window.__pwned, handlers, scripts: r.querySelectorAll('script').length, urls };
  });
  assert.equal(res.pwned, undefined);
  assert.deepEqual(res.handlers, []);
  assert.equal(res.scripts, 0);
  assert.ok(res.urls.every((u) => !/^\s*javascript:/i.test(u)), res.urls.join(', '));
  assert.ok(!requests.some((u) => u.includes('img.test')), 'remote images are off by default');
  await close();
});

test('size budget: mmhook-embed.js (no wasm, no Open Sans) and the offline mmhook-embed.iife.js stay within budget', async () => {
  const sizes = {};
  for (const f of ['mmhook-embed.js', 'mmhook-embed.iife.js']) {
    const data = await readFile(path.join(DIST, 'embed', f));
    sizes[f] = { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  }
  console.log(`# embed sizes: ${JSON.stringify(sizes)}`);
  assert.ok(sizes['mmhook-embed.js'].gzip < GZIP_BUDGET, `mmhook-embed.js gzip ${sizes['mmhook-embed.js'].gzip} >= ${GZIP_BUDGET}`);
  assert.ok(sizes['mmhook-embed.iife.js'].gzip < IIFE_GZIP_BUDGET, `mmhook-embed.iife.js gzip ${sizes['mmhook-embed.iife.js'].gzip} >= ${IIFE_GZIP_BUDGET}`);
  // A rendered element stays compact: the priority example is a single short post.
  const { page, close } = await open(`${base}embed/example.html`);
  await renderAll(page);
  const box = await page.locator('#priority').boundingBox();
  assert.ok(box.height < 200 && box.height > 60, `priority element height ${box.height}`);
  await close();
});

const READ_ONLY_PAGE = page1('<mmhook-preview id="r" payload=\'{"text": "Read **only** text", "attachments": [{"title": "Card", "text": "body"}]}\'></mmhook-preview>');
const readOnlyTransfer = async () => {
  const files = await readOnlyEmbedFiles(path.join(DIST, 'embed'));
  const sizes = await Promise.all(files.map(async (f) => gzipSync(await readFile(path.join(DIST, 'embed', f)), { level: 9 }).length));
  return { files, sizes, total: sizes.reduce((a, b) => a + b, 0) };
};

test('read-only embed: the browser fetches exactly the budgeted files, within budget; the fonts come after the first draw', async () => {
  const fontRequests = [];
  let release;
  const held = new Promise((r) => { release = r; });
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.route(`${base}embed/__t/ro.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: READ_ONLY_PAGE }));
  await page.route(/\/embed\/fonts\/[\w.-]+\.woff2$/, async (route) => { fontRequests.push(new URL(route.request().url()).pathname); await held; await route.continue(); });
  await page.goto(`${base}embed/__t/ro.html`);
  // Drawn while every font file is still held: the first draw does not wait for them.
  await page.waitForFunction(() => document.querySelector('#r').report && document.querySelector('#r').shadowRoot.querySelector('.mm-post'), null, { timeout: 30000 });
  assert.equal(await page.locator('#r').locator('[part="preview"] strong').textContent(), 'only');
  const pending = await page.evaluate(() => [...document.fonts].filter((f) => f.family === 'mmhook Open Sans').map((f) => f.status));
  assert.ok(pending.every((s) => s !== 'loaded'), `Open Sans already loaded before its file was served: ${pending}`);
  release();
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => [...document.fonts].filter((f) => f.family === 'mmhook Open Sans').every((f) => f.status === 'loaded'), null, { timeout: 10000 });
  // The faces are used inside the shadow root: the text is drawn with them (Chromium's own account of the glyphs).
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const used = {};
  for (const [name, expr] of [['regular', "document.querySelector('#r').shadowRoot.querySelector('[part=preview] p')"],
    ['bold', "document.querySelector('#r').shadowRoot.querySelector('[part=preview] strong')"],
    ['icon', "document.querySelector('#r').shadowRoot.querySelector('.mm-post__avatar-placeholder')"]]) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: expr });
    assert.ok(result.objectId, `${name}: ${expr}`);
    const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    used[name] = fonts.map((f) => f.familyName);
  }
  assert.ok(used.regular.some((f) => /Open Sans/.test(f)), `regular text font: ${used.regular}`);
  assert.ok(used.bold.some((f) => /Open Sans/.test(f)), `bold text font: ${used.bold}`);
  assert.ok(used.icon.some((f) => /compass/i.test(f)), `icon font: ${used.icon}`);
  // Exactly the files readOnlyEmbedFiles() counts (no editor, command or slack-diff part, no tools module).
  const { files, sizes, total } = await readOnlyTransfer();
  const fetched = [...new Set(requests.filter((p) => p.startsWith('/embed/') && !p.includes('__t')).map((p) => p.slice('/embed/'.length)))];
  assert.deepEqual(fetched.sort(), [...files].sort());
  assert.deepEqual(fontRequests.sort(), files.filter((f) => f.startsWith('fonts/')).map((f) => `/embed/${f}`).sort());
  console.log(`# read-only embed transfer (gzip -9): ${total} bytes: ${files.map((f, i) => `${f} ${sizes[i]}`).join(', ')}`);
  assert.ok(total <= READ_ONLY_BUDGET, `read-only embed transfer ${total} > ${READ_ONLY_BUDGET}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('read-only embed: the issue 20 goal of 300 KB gzip -9', { todo: 'not reached: mmhook.wasm alone is ~287 KB (README, issue 20)' }, async () => {
  const { total } = await readOnlyTransfer();
  assert.ok(total <= READ_ONLY_GOAL, `read-only embed transfer ${total} bytes`);
});

// The page's iframe embed mode (web/, the page engineer's area): dist/web/index.html?embed=1&readonly=1&hide=…&theme=…#s=<share>.
// Skipped while the page does not mark itself with <html data-embed="true">.
function shareFragment(state) {
  const json = JSON.stringify({ v: 1, body: state.body, contentType: 'application/json', mode: 'json', settings: {} });
  return '#s=' + deflateRawSync(Buffer.from(json, 'utf8')).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

test('iframe embed mode of the main page: read-only, hidden panels, theme from URL flags', async (t) => {
  const frag = shareFragment({ body: '{"text": "Embedded **by iframe**"}' });
  const url = `${base}web/index.html?embed=1&readonly=1&hide=editor,command&theme=dark${frag}`;
  const { page, close } = await open(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 }).catch(() => {});
  const supported = await page.evaluate(() => document.documentElement.dataset.embed === 'true');
  if (!supported) {
    await close();
    t.skip('the page does not support ?embed=1 yet (web/ owner: <html data-embed="true">, readonly, hide, theme flags)');
    return;
  }
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.isVisible('[data-role="editor"]'), false);
  assert.equal(await page.isVisible('[data-role="command"]'), false);
  assert.equal(await page.isVisible('[data-role="preview"]'), true);
  await page.frameLocator('[data-role="preview"] iframe').locator('strong', { hasText: 'by iframe' }).waitFor();
  // Read-only with the editor shown: typing changes nothing.
  await page.goto(`${base}web/index.html?embed=1&readonly=1&theme=light${frag}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await page.click('[data-role="editor"] .cm-content').catch(() => {});
  await page.keyboard.insertText('zzz');
  await page.waitForTimeout(300);
  assert.doesNotMatch(await page.evaluate(() => window.mmhookPage.editor.view.state.doc.toString()), /zzz/);
  await close();
});
