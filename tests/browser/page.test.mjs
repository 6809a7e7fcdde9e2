// Browser suite for the previewer page: Debian's Chromium driven by playwright-core (never a downloaded browser),
// pages served on 127.0.0.1 or opened from disk. Screenshots go to build/artifacts/.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { root, shells } from '../js/helpers.mjs';
import { openContext, startBrowser, stopBrowser } from './helpers/browser.mjs';
import { seriousFrameViolations, seriousViolations } from './helpers/axe.mjs';

const WEB = path.join(root, 'dist/web');
const FILE_URL = pathToFileURL(path.join(WEB, 'index.html')).href;
const SINGLE_URL = pathToFileURL(path.join(root, 'dist/mmhook.html')).href;
const ARTIFACTS = path.join(root, 'build/artifacts');
const OWN_FILES = ['', 'index.html', 'style.css', 'app.js', 'mmhook.wasm', 'mmhook-tools.wasm'];

let browser, server, base;
test.before(async () => {
  ({ browser, server, base } = await startBrowser(WEB));
  await mkdir(ARTIFACTS, { recursive: true });
});
test.after(() => stopBrowser(browser, server));

/**
 * A static host with ordinary caching (like GitHub Pages or any CDN): max-age lets a reload take app.js from the
 * memory cache, so the script runs before the preview frame's srcdoc document has replaced its initial blank one.
 */
async function cachingServer(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm', '.woff2': 'font/woff2' };
  const srv = http.createServer(async (req, res) => {
    const name = new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html');
    try {
      const data = await readFile(path.join(dir, path.normalize(name).replace(/^(\.\.[/\\])+/, '')));
      res.writeHead(200, { 'Content-Type': types[path.extname(name)] || 'application/octet-stream', 'Cache-Control': 'max-age=600' }).end(data);
    } catch { res.writeHead(404).end(); }
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return { server: srv, url: `http://127.0.0.1:${srv.address().port}/` };
}

/** Opens the page in a fresh context; records console errors, page errors, CSP violations and every request. */
async function openPage(url = base, { context: ctxOptions = {}, colorScheme = 'light', viewport = { width: 1400, height: 1000 } } = {}) {
  const opened = await openContext(browser, { colorScheme, viewport, context: ctxOptions, csp: true });
  await opened.page.goto(url);
  await opened.page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return opened;
}

const frameOf = (page) => page.frameLocator('[data-role="preview"] iframe');
const verdict = (page) => page.textContent('[data-role="verdict"]');
const revision = (page) => page.evaluate(() => Number(document.body.dataset.revision));
async function setEditor(page, text) {
  await page.evaluate((t) => window.mmhookPage.editor.setText(t), text);
}
async function typeInEditor(page, text) {
  await page.click('[data-role="editor"] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('served over http: renders the example, only its own files, no CSP violation, no console error', async () => {
  const { page, problems, requests, close } = await openPage(base);
  assert.match(await verdict(page), /Mattermost would answer 200 ok/);
  await frameOf(page).locator('.mm-post').first().waitFor();
  assert.match(await frameOf(page).locator('.mmp-post-list').textContent(), /checkout-api/);
  assert.match(await page.textContent('[data-role="versions"]'), /^mmhook \d+\.\d+\.\d+ · cmark-gfm \S+ · simdjson \S+$/);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  // Served by mmhook's own server, the page also opens its inbox stream and pushes its settings (same origin only).
  const api = requests.filter((u) => u.startsWith(`${base}__mmhook/`));
  assert.deepEqual([...new Set(api)].sort(), [`${base}__mmhook/events`, `${base}__mmhook/settings`]);
  const files = requests.filter((u) => !api.includes(u));
  const own = new Set(OWN_FILES.map((f) => base + f));
  const font = (u) => u.startsWith(`${base}fonts/`) && u.endsWith('.woff2');
  // The lazy chunks (CodeMirror after the first preview; highlight.js for a code block): tests/browser/lazy.test.mjs.
  const chunk = (u) => new RegExp(`^${base}(?:editor|highlight)-[0-9a-f]{8}\\.js$`).test(u);
  assert.ok(files.every((u) => own.has(u) || font(u) || chunk(u) || u.startsWith('data:') || u === 'about:srcdoc'), `unexpected requests: ${files.join(', ')}`);
  assert.ok(files.filter((u) => !font(u)).length <= 7, files.join(', '));
  await close();
});

// dist/web/index.html cannot fetch its wasm from disk: it goes to dist/mmhook.html, the single file.
for (const [name, url, files] of [['dist/web/index.html', FILE_URL, ['index.html', 'style.css', 'app.js', 'mmhook.html']], ['dist/mmhook.html', SINGLE_URL, ['mmhook.html']]]) {
  test(`opened from disk (${name}): works with no network and no CSP violation`, async () => {
    const { page, problems, requests, close } = await openPage(url);
    assert.match(await verdict(page), /200 ok/);
    await frameOf(page).locator('.mm-post').first().waitFor();
    await typeInEditor(page, '{"text": "from **disk**"}');
    await frameOf(page).locator('strong', { hasText: 'disk' }).waitFor();
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
    const fileRequests = requests.filter((u) => !u.startsWith('data:') && u !== 'about:srcdoc');
    assert.ok(fileRequests.every((u) => u.startsWith('file:') && files.some((f) => u.endsWith('/' + f))), fileRequests.join(', '));
    await close();
  });
}

test('reloading the same tab 20 times (cached http, npm start and file://) renders a post every time', async () => {
  const cached = await cachingServer(WEB);
  try {
    for (const url of [cached.url, base, FILE_URL]) {
      const { page, problems, close } = await openPage(url);
      const failures = [];
      for (let i = 0; i < 20; i++) {
        await page.reload();
        await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 20000 });
        const ok = await page.waitForFunction(() => document.body.dataset.ready === 'true' &&
          document.querySelector('[data-role="preview"] iframe').contentDocument.querySelectorAll('.mm-post').length > 0, null, { timeout: 5000 })
          .then(() => true, () => false);
        if (!ok) failures.push(`reload ${i + 1}: ${await verdict(page)}`);
      }
      assert.deepEqual(failures, [], `${url}: ${failures.length} of 20 reloads without a post`);
      assert.deepEqual(problems, []);
      await close();
    }
  } finally {
    cached.server.close();
  }
});

test('typing a broken payload marks the error at the right line, keeps the preview marked stale, and the list jumps there', async () => {
  const { page, close } = await openPage();
  await typeInEditor(page, '{\n  "text": "hello",\n  "username": bad\n}');
  await page.waitForFunction(() => /400/.test(document.querySelector('[data-role="verdict"]').textContent));
  const v = await verdict(page);
  assert.match(v, /web\.incoming_webhook\.decode\.app_error/);
  const item = page.locator('[data-role="diagnostics"] .diagnostic--error button').first();
  assert.equal(await item.getAttribute('data-line'), '3');
  assert.match(await item.textContent(), /^3:\d+/);
  // The lint marker sits on line 3 of the editor.
  const marked = await page.evaluate(() => {
    const root = document.querySelector('[data-role="editor"]').shadowRoot;
    const mark = root.querySelector('.cm-lintRange-error');
    const lines = [...root.querySelectorAll('.cm-line')];
    return mark ? lines.findIndex((l) => l.contains(mark)) + 1 : 0;
  });
  assert.equal(marked, 3);
  // Stale marker on the last good preview.
  assert.equal(await page.isVisible('[data-role="stale"]'), true);
  assert.match(await frameOf(page).locator('.mmp-post-list').textContent(), /checkout-api/);
  // Hover shows message and code.
  await page.hover('[data-role="editor"] .cm-lintRange-error');
  await page.locator('[data-role="editor"] .cm-tooltip-lint').waitFor();
  assert.match(await page.locator('[data-role="editor"] .cm-tooltip-lint').textContent(), /json\.syntax/);
  // Clicking the diagnostic moves the cursor there.
  await page.click('body', { position: { x: 5, y: 5 } });
  await item.click();
  const sel = await page.evaluate(() => window.mmhookPage.editor.view.state.selection.main.from);
  const offset = Number(await item.getAttribute('data-offset'));
  assert.equal(sel, offset);
  // Fixing it clears the stale marker.
  await typeInEditor(page, '{"text": "fixed"}');
  await page.waitForFunction(() => /200 ok/.test(document.querySelector('[data-role="verdict"]').textContent));
  assert.equal(await page.isVisible('[data-role="stale"]'), false);
  await close();
});

test('every template is accepted and rendered; the long one splits into consecutive posts', async () => {
  const { page, problems, close } = await openPage();
  const ids = await page.$$eval('[data-role="template"] option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 8, ids.join());
  for (const id of ['alert', 'build', 'ticket', 'priority', 'interactive', 'card', 'gitlab-slack', 'long']) assert.ok(ids.includes(id), id);
  for (const id of ids) {
    const before = await revision(page);
    await page.selectOption('[data-role="template"]', id);
    await page.waitForFunction((b) => Number(document.body.dataset.revision) > b, before);
    const report = await page.evaluate(() => window.mmhookPage.report);
    assert.equal(report.ok, true, `${id}: ${JSON.stringify(report.error)}`);
    assert.equal(report.diagnostics.filter((d) => d.severity === 'error').length, 0, id);
    await page.waitForFunction((n) => document.querySelector('[data-role="preview"] iframe').contentDocument
      .querySelectorAll('.mm-post').length === n, report.posts.length);
    if (id === 'long') {
      assert.ok(report.posts.length >= 2, 'long message splits');
      assert.ok(await frameOf(page).locator('.mmp-split').count() >= 2);
    }
    if (id === 'priority') assert.equal(await frameOf(page).locator('.mm-post__priority--urgent').count(), 1);
    if (id === 'interactive') assert.ok(await frameOf(page).locator('.mm-action-button, .mm-action-select').count() >= 3);
    if (id === 'build') assert.ok(await frameOf(page).locator('pre code.hljs').count() >= 1, 'code block highlighted');
  }
  assert.deepEqual(problems, []);
  await close();
});

test('typing updates the preview in place, and the result equals a full rebuild (seeded random edits)', async () => {
  const { page, problems, close } = await openPage();
  const res = await page.evaluate(() => {
    const p = window.mmhookPage;
    const sel = document.querySelector('[data-role="template"]');
    const bodies = [];
    for (const o of sel.querySelectorAll('option')) {
      if (!o.value) continue;
      sel.value = o.value;
      sel.dispatchEvent(new Event('change'));
      bodies.push(p.editor.getText());
    }
    let seed = 12345;
    const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const PIECES = ['x', ' ', '*', '**', '`', '```', '\\n', '\\n\\n', '#', '- ', '1. ', '[a](https://e.com/x)', ':tada:',
      '@user', '<', '>', '&amp;', '|', '~~', '_', '> ', '    ', '![i](https://e.com/i.png)', 'é', '😀', '\\"', 'http://x.y/z'];
    const shown = () => (p.preview.postEls || []).map((e) => e.innerHTML.replace(/<time[^>]*>[^<]*<\/time>/g, '<time/>'));
    const stats0 = { ...p.preview.stats };
    let edits = 0;
    const mismatches = [];
    for (let it = 0; it < 40; it++) {
      let text = bodies[rnd(bodies.length)];
      p.editor.setText(text);
      for (let step = 0; step < 6; step++) {
        const strs = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].filter((m) => m[1].length > 2);
        if (!strs.length) break;
        const m = strs[rnd(strs.length)];
        const at = m.index + 1 + rnd(m[1].length);
        const next = rnd(3) === 0
          ? text.slice(0, at) + text.slice(Math.min(at + 1 + rnd(4), m.index + m[0].length - 1))
          : text.slice(0, at) + PIECES[rnd(PIECES.length)] + text.slice(at);
        try { JSON.parse(next); } catch { continue; }
        text = next;
        p.editor.view.dispatch({ changes: { from: 0, to: p.editor.view.state.doc.length, insert: text } });
        if (!p.report.ok) continue;   // valid JSON the server refuses (e.g. no text left): the preview keeps the last post
        const live = shown();
        p.preview.postEls = null;  // forces the next render to rebuild every post from its HTML
        p.checks.run();
        edits++;
        if (JSON.stringify(live) !== JSON.stringify(shown()) && mismatches.length < 3) mismatches.push(text.slice(0, 200));
      }
    }
    return { edits, mismatches, patched: p.preview.stats.patched - stats0.patched };
  });
  assert.ok(res.edits >= 100, `only ${res.edits} edits`);
  assert.ok(res.patched > 0, 'the in-place path was taken');
  assert.deepEqual(res.mismatches, []);
  assert.deepEqual(problems, []);
  await close();
});

test('the card icon opens the side panel with the card rendered', async () => {
  const { page, close } = await openPage();
  await page.selectOption('[data-role="template"]', 'card');
  const icon = frameOf(page).locator('[data-role="card-toggle"], .mm-post__card-icon, [data-mm-card]').first();
  await icon.click();
  const rhs = frameOf(page).locator('.mmp-rhs');
  await rhs.waitFor({ state: 'visible' });
  assert.match(await rhs.textContent(), /Cost breakdown/);
  await frameOf(page).locator('.mmp-rhs__close').click();
  await rhs.waitFor({ state: 'hidden' });
  await close();
});

test('theme toggle switches Denim and Onyx in the page and the preview; screenshots of both', async () => {
  const { page, close } = await openPage(base, { colorScheme: 'light' });
  await page.selectOption('[data-role="template"]', 'alert');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  const bg = () => frameOf(page).locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await bg(), 'rgb(255, 255, 255)');
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, 'page-light.png') });
  await page.click('[data-role="theme"]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.getAttribute('[data-role="theme"]', 'aria-pressed'), 'true');
  assert.equal(await bg(), 'rgb(25, 27, 31)');
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, 'page-dark.png') });
  await close();
  // The system preference is followed when nothing was chosen.
  const dark = await openPage(base, { colorScheme: 'dark' });
  assert.equal(await dark.page.getAttribute('html', 'data-theme'), 'dark');
  await dark.close();
});

test('command panel: secret URL masked, never stored unless asked, shell tabs, copy with confirmation', async () => {
  const { page, context, close } = await openPage(base, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  const url = page.locator('[data-role="webhook-url"]');
  assert.equal(await url.getAttribute('type'), 'password');
  assert.match(await url.getAttribute('placeholder'), /hooks/);
  const secret = 'https://chat.example.com/hooks/abc123secret';
  await url.fill(secret);
  await page.click('[data-role="reveal-url"]');
  assert.equal(await url.getAttribute('type'), 'text');
  await page.waitForTimeout(300);
  let stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(!stored.includes('abc123secret'), 'not stored without consent');
  // One tab per target of the core's list (shells.def), in its order, with its label.
  const tabs = await page.$$eval('[data-role="shell"] [role="tab"]', (b) => b.map((x) => [x.dataset.shell, x.textContent]));
  assert.deepEqual(tabs, (await shells()).map((s) => [s.id, s.label]));
  const cmd = page.locator('[data-role="command-text"]');
  const available = await page.evaluate(() => typeof window.mmhookPage.mm.command === 'function');
  await page.click('[data-role="shell"] [data-shell="posix"]');
  const text = await cmd.textContent();
  if (available && !/not available/.test(text)) {
    assert.match(text, /curl/);
    assert.ok(text.includes(secret), 'command uses the real URL');
    await page.click('[data-role="shell"] [data-shell="powershell"]');
    assert.match(await cmd.textContent(), /curl\.exe|Invoke-RestMethod/);
    await page.check('input[name="encoding"][value="form"]');
    await page.click('[data-role="copy-command"]');
    await page.locator('[data-role="copy-status"]', { hasText: 'Copied' }).waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, await cmd.textContent());
  } else {
    assert.match(text, /not available/);
  }
  // Remember on this device stores it; unticking forgets it.
  await page.check('[data-role="remember-url"]');
  stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(stored.includes('abc123secret'));
  await page.uncheck('[data-role="remember-url"]');
  stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(!stored.includes('abc123secret'));
  await close();
  void context;
});

test('share link round trip carries payload and settings (never the webhook URL); copy works', async () => {
  const { page, close } = await openPage(base, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  await page.fill('[data-role="webhook-url"]', 'https://chat.example.com/hooks/sharesecret1');
  await page.check('[data-role="remember-url"]');
  await setEditor(page, '{"text": "shared ✓ payload", "username": "bot-x"}');
  await page.click('[role="tab"]#tab-settings');
  await page.check('#setting-enablePostUsernameOverride');
  await page.click('[data-role="share"]');
  await page.waitForFunction(() => document.querySelector('[data-role="share-url"]').value !== '');
  const link = await page.inputValue('[data-role="share-url"]');
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);
  assert.ok(!link.includes('sharesecret1'));
  assert.match(await page.textContent('[data-role="share-length"]'), new RegExp(`${link.length.toLocaleString('en')} characters`));
  await page.click('[data-role="share-copy"]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await close();
  const opened = await openPage(link);
  assert.equal(await opened.page.evaluate(() => window.mmhookPage.editor.getText()), '{"text": "shared ✓ payload", "username": "bot-x"}');
  assert.equal(await opened.page.isChecked('#setting-enablePostUsernameOverride'), true);
  assert.equal(await opened.page.evaluate(() => window.mmhookPage.report.posts[0].username), 'bot-x');
  assert.equal(await opened.page.inputValue('[data-role="webhook-url"]'), '');
  await opened.close();
  // A long payload warns.
  const big = await openPage();
  await big.page.selectOption('[data-role="template"]', 'long');
  await big.page.click('[data-role="share"]');
  await big.page.waitForFunction(() => document.querySelector('[data-role="share-url"]').value !== '');
  assert.match(await big.page.textContent('[data-role="share-length"]'), /longer than/);
  await big.close();
});

test('the Desktop/Mobile toggle switches the Markdown dialect, not just the width; share links keep the choice', async () => {
  // A line right after a list item: the web app keeps it in the item, the mobile app starts a paragraph.
  const paragraphs = (page) => page.evaluate(() => {
    const doc = document.querySelector('[data-role="preview"] iframe').contentDocument;
    const m = doc.querySelector('[data-role="message"]');
    return m ? m.querySelectorAll(':scope > p').length : -1;
  });
  const { page, problems, close } = await openPage();
  await setEditor(page, '{"text": "- item\\n  - nested\\ncontinued"}');
  await page.waitForFunction(() => window.mmhookPage.report.posts[0]?.message === '- item\n  - nested\ncontinued');
  assert.equal(await paragraphs(page), 0);
  assert.equal(await page.evaluate(() => window.mmhookPage.checkRequest().platform), 'web');
  await page.check('input[name="viewport"][value="mobile"]');
  await page.waitForFunction(() => document.querySelector('[data-role="preview"] iframe').contentDocument
    .querySelectorAll('[data-role="message"] > p').length === 1);
  assert.equal(await page.evaluate(() => window.mmhookPage.checkRequest().platform), 'mobile');
  assert.equal(await page.getAttribute('[data-role="preview"]', 'data-platform'), 'mobile');
  assert.ok(await page.evaluate(() => document.querySelector('[data-role="preview"]').classList.contains('preview--mobile')));
  assert.equal(await page.evaluate(() => document.querySelector('[data-role="preview"] iframe').contentDocument.documentElement.dataset.platform), 'mobile');
  assert.equal(await frameOf(page).locator('[data-role="message"] p').evaluate((p) => getComputedStyle(p).fontSize), '16px');
  await page.click('[data-role="share"]');
  await page.waitForFunction(() => document.querySelector('[data-role="share-url"]').value !== '');
  const link = await page.inputValue('[data-role="share-url"]');
  assert.deepEqual(problems, []);
  await close();
  const opened = await openPage(link);
  assert.equal(await opened.page.isChecked('input[name="viewport"][value="mobile"]'), true);
  assert.equal(await paragraphs(opened.page), 1);
  await opened.page.check('input[name="viewport"][value="desktop"]');
  await opened.page.waitForFunction(() => document.querySelector('[data-role="preview"] iframe').contentDocument
    .querySelectorAll('[data-role="message"] > p').length === 0);
  assert.equal(await opened.page.evaluate(() => window.mmhookPage.checkRequest().platform), 'web');
  assert.equal(await frameOf(opened.page).locator('[data-role="message"] li').first().evaluate((p) => getComputedStyle(p).fontSize), '14px');
  await opened.close();
});

test('a share link keeps the reader\'s draft one click away; an unreadable link says so', async () => {
  const { page, close } = await openPage();
  await typeInEditor(page, '{"text": "my own draft"}');
  await page.waitForTimeout(600);
  const frag = await page.evaluate(async () => {
    const raw = JSON.stringify({ v: 1, body: '{"text": "the shared one"}', contentType: 'application/json', mode: 'json', settings: {} });
    const out = new Response(new Blob([new TextEncoder().encode(raw)]).stream().pipeThrough(new CompressionStream('deflate-raw')));
    const bytes = new Uint8Array(await out.arrayBuffer());
    return '#s=' + btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  });
  const text = () => page.evaluate(() => window.mmhookPage.editor.getText());
  await page.goto(base + frag);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await text(), '{"text": "the shared one"}');
  const notice = page.locator('[data-role="notices"] .notice', { hasText: 'Opened a shared payload' });
  await notice.waitFor();
  // Reloading the shared link (nobody changed it) does not overwrite the draft either.
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('[data-role="notices"] button', { hasText: 'Restore your draft' }).click();
  assert.equal(await text(), '{"text": "my own draft"}');
  assert.equal(await page.evaluate(() => location.hash), '');
  // A link cut short by a chat app: said plainly, the draft stays.
  await page.goto(base + frag.slice(0, -12));
  await page.waitForSelector('body[data-ready="true"]');
  const err = page.locator('[data-role="notices"] .notice--error');
  await err.waitFor();
  assert.match(await err.textContent(), /cannot be read/);
  assert.equal(await text(), '{"text": "my own draft"}');
  await page.goto(base + '#s=abc%20def');
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.locator('[data-role="notices"] .notice--error').textContent(), /cannot be read/);
  await close();
});

test('the draft autosaves and is restored on reload; reset to example is one click', async () => {
  const { page, close } = await openPage();
  await typeInEditor(page, '{"text": "my draft"}');
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.getText()), '{"text": "my draft"}');
  await page.click('[data-role="reset"]');
  assert.match(await page.evaluate(() => window.mmhookPage.editor.getText()), /checkout-api/);
  await close();
});

test('body modes: payload= form, content type none, and curl import', async () => {
  const { page, close } = await openPage();
  await setEditor(page, '{"text": "a+b & 100%"}');
  await page.check('input[name="body-mode"][value="form"]');
  assert.equal(await page.inputValue('[data-role="content-type"]'), 'application/x-www-form-urlencoded');
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.getText()), 'payload={"text": "a%2Bb %26 100%25"}');
  await page.waitForFunction(() => /200 ok/.test(document.querySelector('[data-role="verdict"]').textContent));
  assert.match(await frameOf(page).locator('.mm-post__body').textContent(), /a\+b & 100%/);
  await page.check('input[name="body-mode"][value="json"]');
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.getText()), '{"text": "a+b & 100%"}');
  await page.fill('[data-role="content-type"]', '');
  await page.waitForFunction(() => window.mmhookPage.report && window.mmhookPage.report.ok);
  await page.check('input[name="body-mode"][value="curl"]');
  assert.equal(await page.isVisible('[data-role="curl-text"]'), true);
  const hasParse = await page.evaluate(() => typeof window.mmhookPage.mm.parseCommand === 'function');
  await page.fill('[data-role="curl-text"]', `curl -X POST -H 'Content-Type: application/json' -d '{"text": "from curl"}' https://chat.example.com/hooks/xyz`);
  await page.click('[data-role="curl-load"]');
  if (hasParse) {
    await page.waitForFunction(() => window.mmhookPage.editor.getText() === '{"text": "from curl"}');
    assert.equal(await page.inputValue('[data-role="webhook-url"]'), 'https://chat.example.com/hooks/xyz');
    assert.equal(await page.inputValue('[data-role="content-type"]'), 'application/json');
  } else {
    assert.match(await page.textContent('[data-role="curl-result"]'), /not available/);
  }
  await close();
});

test('Content-Type: any header value; curl -F imports round-trip as multipart with a derived boundary', async () => {
  const { page, problems, close } = await openPage();
  const options = await page.$$eval('#content-types option', (os) => os.map((o) => o.value));
  for (const ct of ['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']) {
    assert.ok(options.includes(ct), ct);
  }
  const status = () => page.evaluate(() => window.mmhookPage.report.status);
  for (const ct of ['application/json; charset=utf-8', 'application/vnd.acme+json', 'text/plain;charset=us-ascii']) {
    await page.fill('[data-role="content-type"]', ct);
    assert.equal(await page.evaluate(() => window.mmhookPage.contentType), ct);
    assert.equal(await status(), 200, ct);
  }
  await page.fill('[data-role="content-type"]', 'application/json; charset');
  assert.equal(await status(), 400);
  assert.match(await verdict(page), /parse_form/);
  // curl -F: the page builds the multipart body with a boundary and the header that names it.
  await page.check('input[name="body-mode"][value="curl"]');
  await page.fill('[data-role="curl-text"]', `curl -F 'text=hello **multipart**\nsecond line' -F username=bot https://chat.example.com/hooks/xyz`);
  await page.click('[data-role="curl-load"]');
  await page.waitForFunction(() => window.mmhookPage.mode === 'multipart');
  const ct = await page.inputValue('[data-role="content-type"]');
  const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(ct)?.[1];
  assert.ok(boundary, ct);
  const body = await page.evaluate(() => window.mmhookPage.editor.getText());
  assert.ok(body.startsWith(`--${boundary}\n`) && body.trimEnd().endsWith(`--${boundary}--`), body);
  assert.equal(await status(), 200, await verdict(page));
  assert.equal(await page.evaluate(() => window.mmhookPage.report.posts[0].message), 'hello **multipart**\nsecond line');
  await frameOf(page).locator('strong', { hasText: 'multipart' }).waitFor();
  assert.equal(await page.isChecked('input[name="body-mode"][value="multipart"]'), true);
  // Without boundary= Mattermost cannot read the parts: 400, and the page offers to add it.
  await page.fill('[data-role="content-type"]', 'multipart/form-data');
  assert.equal(await status(), 400);
  await page.click('[data-role="add-boundary"]');
  assert.equal(await page.inputValue('[data-role="content-type"]'), ct);
  assert.equal(await status(), 200);
  // multipart -> JSON -> multipart keeps the fields.
  await page.check('input[name="body-mode"][value="json"]');
  assert.deepEqual(JSON.parse(await page.evaluate(() => window.mmhookPage.editor.getText())), { text: 'hello **multipart**\nsecond line', username: 'bot' });
  await page.check('input[name="body-mode"][value="multipart"]');
  assert.equal(await page.evaluate(() => window.mmhookPage.editor.getText()), body);
  assert.equal(await status(), 200);
  assert.deepEqual(problems, []);
  await close();
});

test('payload tools: Format keeps the meaning, Copy payload, Download; sizes and limits next to the problems', async () => {
  const { page, problems, close } = await openPage(base, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  const text = () => page.evaluate(() => window.mmhookPage.editor.getText());
  // A minified import: every problem is on line 1 until it is formatted.
  const minified = '{"text":"Deploy **done**","username":"ci","attachments":[{"color":"#12345","text":"n","fields":[{"title":"t","value":1.50,"short":"true"}]}],"text":"dup"}';
  await setEditor(page, minified);
  const lines = () => page.$$eval('[data-role="diagnostics"] button[data-line]', (bs) => bs.map((b) => Number(b.dataset.line)));
  assert.ok((await lines()).every((l) => l === 1));
  const before = await page.evaluate(() => JSON.stringify(window.mmhookPage.report.posts.map((p) => [p.message, p.props])));
  await page.click('[data-role="format"]');
  const formatted = await text();
  assert.ok(formatted.split('\n').length > 10, formatted);
  assert.match(formatted, /"value": 1\.50,/);
  assert.equal((formatted.match(/"text": /g) || []).length, 3, 'the duplicate key is kept');
  assert.ok((await lines()).some((l) => l > 1), 'problems now point at their own lines');
  assert.equal(await page.evaluate(() => JSON.stringify(window.mmhookPage.report.posts.map((p) => [p.message, p.props]))), before);
  await page.click('[data-role="format"]');
  assert.match(await page.textContent('[data-role="payload-status"]'), /Already formatted/);
  // Undo brings the minified text back.
  await page.evaluate(() => window.mmhookPage.editor.view.focus());
  await page.keyboard.press('Control+z');
  assert.equal(await text(), minified);
  // A Format straight after another replacement (well within 500 ms) is still an undo step of its own.
  await page.evaluate(() => { window.mmhookPage.editor.setText('{"text":"a"}'); document.querySelector('[data-role="format"]').click(); });
  assert.equal(await text(), '{\n  "text": "a"\n}\n');
  await page.evaluate(() => window.mmhookPage.editor.view.focus());
  await page.keyboard.press('Control+z');
  assert.equal(await text(), '{"text":"a"}');
  // Not JSON: said why, nothing changed.
  await setEditor(page, '{"text": "broken",}');
  await page.click('[data-role="format"]');
  assert.match(await page.textContent('[data-role="payload-status"]'), /Not formatted: .*line 1, column 19/);
  await page.check('input[name="body-mode"][value="form"]');
  await page.click('[data-role="format"]');
  assert.match(await page.textContent('[data-role="payload-status"]'), /payload= form is not JSON/);
  await page.check('input[name="body-mode"][value="json"]');
  // Copy payload and Download.
  await setEditor(page, '{"text": "copy ✓ me"}');
  await page.click('[data-role="copy-payload"]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '{"text": "copy ✓ me"}');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-role="download"]')]);
  assert.equal(download.suggestedFilename(), 'payload.json');
  assert.equal(await readFile(await download.path(), 'utf8'), '{"text": "copy ✓ me"}');
  // Sizes and limits.
  await page.selectOption('[data-role="template"]', 'long');
  const row = (key) => page.locator(`[data-role="limits"] tr[data-field="${key}"]`);
  await row('text').waitFor();
  assert.match(await row('text').textContent(), /\/ 16,383 characters/);
  assert.match(await row('text').getAttribute('class'), /limit--over/);
  assert.match(await row('text').textContent(), /Split into 2 posts/);
  assert.match(await row('body').textContent(), /\/ 300,512 bytes/);
  assert.equal(await row('posts/1/props').count(), 1);
  await setEditor(page, JSON.stringify({ text: 'x', priority: { priority: 'p'.repeat(40) }, attachments: [{ text: 'a', footer: 'f'.repeat(320) }] }));
  assert.match(await row('priority').getAttribute('class'), /limit--over/);
  assert.match(await row('attachments/0/footer').textContent(), /320 \/ 300 characters.*299/);
  assert.deepEqual(problems, []);
  await close();
});

test('server settings: every field with its default; changing one changes the outcome', async () => {
  const { page, close } = await openPage();
  await page.click('#tab-settings');
  const keys = await page.$$eval('[data-setting]', (els) => els.map((e) => e.dataset.setting));
  for (const k of ['enablePostUsernameOverride', 'enablePostIconOverride', 'maxPostSize', 'maximumPayloadSizeBytes', 'enableLatex',
    'enableInlineLatex', 'enableSvgs', 'customUrlSchemes', 'minimumHashtagLength', 'postPriority', 'hook.displayName', 'hook.creator',
    'hook.channel', 'hook.channelLocked', 'hook.username', 'hook.iconUrl']) assert.ok(keys.includes(k), k);
  assert.match(await page.textContent('[data-role="settings-fields"]'), /BOT tag/);
  assert.equal(await page.evaluate(() => window.mmhookPage.report.posts[0].username), 'webhook-owner');
  await page.check('#setting-enablePostUsernameOverride');
  assert.equal(await page.evaluate(() => window.mmhookPage.report.posts[0].username), 'Alertmanager');
  await close();
});

test('explain an error: JSON body and plain message', async () => {
  const { page, close } = await openPage();
  await page.click('#tab-explain');
  await page.fill('[data-role="explain-input"]', JSON.stringify({ id: 'web.incoming_webhook.general.app_error',
    message: 'Failed to handle the payload of media type application/json for incoming webhook x.', detailed_error: 'No text specified.', status_code: 400 }));
  await page.click('[data-role="explain-run"]');
  const out = await page.textContent('[data-role="explain-result"]');
  assert.match(out, /web\.incoming_webhook\.text\.app_error/);
  assert.match(out, /Likely causes/);
  await page.fill('[data-role="explain-input"]', "Couldn't find the channel.");
  await page.click('[data-role="explain-run"]');
  assert.match(await page.textContent('[data-role="explain-result"]'), /slug/);
  await close();
});

const IMAGE_PAYLOAD = { text: 'Chart: ![CPU usage for the last 24 hours on checkout-api](https://images.example.com/a.png) and ![](https://images.example.com/b.png =50x20)',
  icon_url: 'https://images.example.com/i.png',
  attachments: [{ text: 'details', image_url: 'https://images.example.com/c.png', thumb_url: 'https://images.example.com/t.png', author_name: 'Grafana',
    author_icon: 'https://images.example.com/ai.png', footer: 'Grafana', footer_icon: 'https://images.example.com/fi.png' }] };

test('remote images are off by default and then nothing leaves 127.0.0.1; the footer says exactly what leaves', async () => {
  const { page, requests, close } = await openPage();
  assert.equal(await page.isChecked('[data-role="remote-images"]'), false);
  const footer = await page.textContent('footer');
  assert.doesNotMatch(footer, /No data leaves/);
  assert.match(footer, /payload and webhook URL never leave this page/);
  assert.match(footer, /Load remote images/);
  const ids = await page.$$eval('[data-role="template"] option', (os) => os.map((o) => o.value).filter(Boolean));
  for (const id of ids) {
    await page.selectOption('[data-role="template"]', id);
    await frameOf(page).locator('.mm-post').first().waitFor();
  }
  await page.click('#tab-settings');
  await page.check('#setting-enablePostIconOverride');
  await setEditor(page, JSON.stringify(IMAGE_PAYLOAD));
  await page.waitForTimeout(400);
  const away = requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && u !== 'about:srcdoc');
  assert.deepEqual(away, []);
  await close();
});

test('with remote images off, each placeholder keeps its text inside its box', async () => {
  const { page, close } = await openPage();
  await page.click('#tab-settings');
  await page.check('#setting-enablePostIconOverride');
  await setEditor(page, JSON.stringify(IMAGE_PAYLOAD));
  await frameOf(page).locator('.mmp-img-blocked').first().waitFor();
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (width < 600) await page.check('input[name="viewport"][value="mobile"]');
    await page.waitForTimeout(200);
    const boxes = await frameOf(page).locator('.mmp-img-blocked').evaluateAll((els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      const t = range.getBoundingClientRect();
      const inside = !el.textContent || (t.left >= r.left - 0.5 && t.right <= r.right + 0.5 && t.top >= r.top - 0.5 && t.bottom <= r.bottom + 0.5);
      return { tag: el.tagName, cls: el.className, text: el.textContent, label: el.getAttribute('aria-label') || el.getAttribute('title') || '',
        inside, fits: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1, w: r.width, h: r.height };
    }));
    assert.equal(boxes.length, 7, JSON.stringify(boxes));
    for (const b of boxes) {
      assert.notEqual(b.tag, 'IMG', `a placeholder is a box, not a broken image: ${JSON.stringify(b)}`);
      assert.ok(b.inside && b.fits, `${width}px: text outside its box: ${JSON.stringify(b)}`);
      assert.ok(b.text || b.label, `says what is missing: ${JSON.stringify(b)}`);
    }
    assert.ok(boxes.some((b) => /CPU usage for the last 24 hours/.test(b.text)), 'the alt text is shown');
  }
  // Turning images on loads them (and says so).
  const { requests } = { requests: [] };
  page.on('request', (r) => requests.push(r.url()));
  await page.route('https://images.example.com/**', (r) => r.fulfill({ status: 200, contentType: 'image/png',
    body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') }));
  await page.check('[data-role="remote-images"]');
  await frameOf(page).locator('img.markdown-inline-img').first().waitFor();
  assert.equal(await frameOf(page).locator('.mmp-img-blocked').count(), 0);
  await close();
});

test('remote images load only when allowed; relative ones never hit the page origin', async () => {
  const { page, requests, close } = await openPage();
  await page.route('https://images.example.com/**', (r) => r.fulfill({ status: 200, contentType: 'image/png',
    body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') }));
  await page.check('[data-role="remote-images"]');
  await setEditor(page, JSON.stringify({ text: 'img ![x](https://images.example.com/a.png) ![y](/static/rel.png)' }));
  await frameOf(page).locator('img').first().waitFor();
  await page.waitForTimeout(300);
  assert.ok(requests.some((u) => u === 'https://images.example.com/a.png'), 'remote image loaded when on');
  assert.ok(!requests.some((u) => u.includes('/static/rel.png')), 'relative image not requested');
  await page.uncheck('[data-role="remote-images"]');
  await setEditor(page, JSON.stringify({ text: 'img ![x](https://images.example.com/b.png)' }));
  await page.waitForTimeout(300);
  assert.ok(!requests.some((u) => u === 'https://images.example.com/b.png'), 'no remote image when off');
  await close();
});

test('schema completion offers payload keys and enum values with docs', async () => {
  const { page, close } = await openPage();
  await typeInEditor(page, '{\n  "attachments": [{"color": ');
  await page.keyboard.press('Control+Space');
  const tip = page.locator('[data-role="editor"] .cm-tooltip-autocomplete');
  await tip.waitFor();
  assert.match(await tip.textContent(), /"danger"/);
  await page.keyboard.press('Escape');
  await typeInEditor(page, '{\n  "ic');
  await page.keyboard.press('Control+Space');
  await tip.waitFor();
  assert.match(await tip.textContent(), /icon_emoji/);
  await page.waitForTimeout(150); // CodeMirror ignores Enter right after the list opens (interactionDelay)
  await page.keyboard.press('Enter');
  assert.match(await page.evaluate(() => window.mmhookPage.editor.getText()), /"icon_(emoji|url)": ""/);
  const schema = JSON.parse(await readFile(path.join(root, 'dist/incoming-webhook.schema.json'), 'utf8'));
  assert.ok(schema.properties.text && schema.definitions.attachment);
  await close();
});

test('keyboard only: skip link, template, editor, diagnostics and tabs are reachable and usable', async () => {
  const { page, close } = await openPage();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.role), 'template');
  const before = await revision(page);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((b) => Number(document.body.dataset.revision) > b, before);
  // Into the editor with Tab, type, leave with Escape + Tab (CodeMirror does not trap Tab without indentWithTab).
  await page.focus('[data-role="reset"]');
  await page.keyboard.press('Enter');
  await page.evaluate(() => window.mmhookPage.editor.view.focus());
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('x');
  await page.waitForFunction(() => /400/.test(document.querySelector('[data-role="verdict"]').textContent));
  // The tools tablist uses arrow keys.
  await page.focus('#tab-command');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-settings');
  assert.equal(await page.isVisible('#panel-settings'), true);
  // A diagnostic is a button that moves focus to the editor.
  await page.focus('[data-role="diagnostics"] .diagnostic--error button');
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => window.mmhookPage.editor.view.hasFocus));
  await close();
});

test('axe-core: no serious or critical violation in either theme', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, close } = await openPage(base, { colorScheme: scheme, context: { bypassCSP: true } });
    await page.selectOption('[data-role="template"]', 'interactive');
    const bad = await seriousViolations(page);
    assert.deepEqual(bad, [], `${scheme}: ${JSON.stringify(bad, null, 1)}`);
    // The preview document itself.
    const badInner = await seriousFrameViolations(page, frameOf(page));
    assert.deepEqual(badInner, [], `preview ${scheme}: ${JSON.stringify(badInner, null, 1)}`);
    await close();
  }
});

/** Scrolls the page top to bottom with each tools tab shown; every control whose centre is in view must be hit there. */
async function coveredControls(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const SEL = 'button, input, select, textarea, a[href], [role="tab"], [tabindex="0"]';
    const name = (el) => el.dataset.role || el.id || el.dataset.shell || el.dataset.setting || el.name && `${el.name}=${el.value}` ||
      `${el.tagName.toLowerCase()}.${el.className}` + (el.textContent ? ` "${el.textContent.trim().slice(0, 30)}"` : '');
    const covered = new Map();
    const tabs = [...document.querySelectorAll('.pane--tools > [role="tablist"] [role="tab"]')];
    for (const tab of tabs) {
      tab.click();
      const max = document.documentElement.scrollHeight - innerHeight;
      for (let y = 0; ; y = Math.min(max, y + Math.round(innerHeight / 3))) {
        window.scrollTo(0, y);
        await frame();
        for (const el of document.querySelectorAll(SEL)) {
          if (!el.checkVisibility({ visibilityProperty: true })) continue;
          const r = el.getBoundingClientRect();
          if (r.width < 2 || r.height < 2) continue;
          const x = Math.floor(r.left + r.width / 2);
          const cy = Math.floor(r.top + r.height / 2);
          if (x < 0 || cy < 0 || x >= innerWidth || cy >= innerHeight) continue;
          const hit = document.elementFromPoint(x, cy);
          if (hit && (hit === el || el.contains(hit))) continue;
          const key = `${name(el)} (tab ${tab.id}) under ${hit ? name(hit) : 'nothing'}`;
          if (!covered.has(key)) covered.set(key, y);
        }
        if (y >= max) break;
      }
    }
    tabs[0].click();
    window.scrollTo(0, 0);
    return [...covered].map(([k, y]) => `${k} at scrollY ${y}`);
  });
}

test('no control is covered by another at 1280x800, 1440x900, 1920x1080 and 390x844, scrolled anywhere', async () => {
  for (const [width, height] of [[1280, 800], [1440, 900], [1920, 1080], [390, 844]]) {
    const { page, close } = await openPage(base, { viewport: { width, height } });
    await page.selectOption('[data-role="template"]', 'build');
    await page.waitForFunction(() => document.querySelectorAll('[data-role="diagnostics"] button').length > 0);
    assert.deepEqual(await coveredControls(page), [], `${width}x${height}`);
    if (width < 600) {
      // A phone user sees the verdict without scrolling.
      const box = await page.locator('[data-role="verdict"]').boundingBox();
      assert.ok(box && box.y >= 0 && box.y + Math.min(box.height, 60) <= height, `verdict at y=${box && box.y} on a ${height}px screen`);
    }
    await close();
  }
});

test('mobile width: the page and the preview fit a phone', async () => {
  const { page, close } = await openPage(base, { viewport: { width: 390, height: 844 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`);
  await page.check('input[name="viewport"][value="mobile"]');
  assert.ok(await page.evaluate(() => document.querySelector('[data-role="preview"]').classList.contains('preview--mobile')));
  await close();
});
