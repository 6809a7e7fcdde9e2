// Issue 20 item 1 in a browser: the library over http fetches mmhook.wasm at createMmhook() and nothing else; the
// tools module (mmhook-tools.wasm) only when mm.loadCommands() is awaited, once. Before it, command() throws an error
// naming loadCommands. 127.0.0.1 only.
import test from 'node:test';
import assert from 'node:assert/strict';
import { dist } from '../js/helpers.mjs';
import { startBrowser, stopBrowser } from './helpers/browser.mjs';

let browser, server, base;
test.before(async () => { ({ browser, server, base } = await startBrowser(dist)); });
test.after(() => stopBrowser(browser, server));

// An empty page served beside dist/ (so '/mmhook.mjs' resolves), with the page errors and the wasm paths it fetches.
async function blankPage(name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  const wasm = [];
  context.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) wasm.push(p); });
  await context.route(`${base}${name}`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title>' }));
  await page.goto(`${base}${name}`);
  return { context, page, problems, wasm };
}

test('browser, default (lean) start: web checks need only mmhook.wasm; mmhook-tools.wasm (commands, the mobile dialect) is fetched by loadCommands(), once', async () => {
  const { context, page, problems, wasm } = await blankPage('__tools.html');
  const before = await page.evaluate(async () => {
    const { createMmhook } = await import('/mmhook.mjs');
    const mm = await createMmhook();
    window.mm = mm;
    const ok = mm.check('{"text":"hi"}', { contentType: 'application/json' }).ok;
    let error = null, mobile = null;
    try { mm.command('{}', { url: 'https://h/hooks/x', shell: 'posix' }); } catch (e) { error = e.message; }
    try { mm.check('{"text":"hi"}', { contentType: 'application/json', platform: 'mobile' }); } catch (e) { mobile = e.message; }
    return { ok, error, mobile };
  });
  assert.equal(before.ok, true);
  assert.match(before.error, /loadCommands/);
  assert.match(before.mobile, /check \(platform "mobile"\).*loadCommands/);
  await page.waitForTimeout(200);
  assert.deepEqual(wasm, ['/mmhook.wasm']);
  const after = await page.evaluate(async () => {
    await window.mm.loadCommands();
    await window.mm.loadCommands();
    return [window.mm.command('{}', { url: 'https://h/hooks/x', shell: 'posix' }),
      window.mm.check('{"text":"- a\\nb"}', { contentType: 'application/json', platform: 'mobile' }).posts[0].html];
  });
  assert.match(after[0], /^curl /);
  assert.match(after[1], /<p>b<\/p>/);
  assert.deepEqual(wasm, ['/mmhook.wasm', '/mmhook-tools.wasm']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('browser, {platforms: [web, mobile]}: createMmhook() has the mobile dialect at once (it fetches both modules)', async () => {
  const { context, page, wasm } = await blankPage('__tools2.html');
  const html = await page.evaluate(async () => {
    const { createMmhook } = await import('/mmhook.mjs');
    const mm = await createMmhook({ platforms: ['web', 'mobile'] });
    return mm.check('{"text":"- a\\nb"}', { contentType: 'application/json', platform: 'mobile' }).posts[0].html;
  });
  assert.match(html, /<p>b<\/p>/);
  assert.deepEqual(wasm.sort(), ['/mmhook-tools.wasm', '/mmhook.wasm']);
  await context.close();
});
