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

test('browser: check() needs only mmhook.wasm; mmhook-tools.wasm is fetched by loadCommands(), once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  const wasm = [];
  context.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) wasm.push(p); });
  await context.route(`${base}__tools.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title>' }));
  await page.goto(`${base}__tools.html`);
  const before = await page.evaluate(async () => {
    const { createMmhook } = await import('/mmhook.mjs');
    const mm = await createMmhook();
    window.mm = mm;
    const ok = mm.check('{"text":"hi"}', { contentType: 'application/json' }).ok;
    let error = null;
    try { mm.command('{}', { url: 'https://h/hooks/x', shell: 'posix' }); } catch (e) { error = e.message; }
    return { ok, error };
  });
  assert.equal(before.ok, true);
  assert.match(before.error, /loadCommands/);
  await page.waitForTimeout(200);
  assert.deepEqual(wasm, ['/mmhook.wasm']);
  const after = await page.evaluate(async () => {
    await window.mm.loadCommands();
    await window.mm.loadCommands();
    return window.mm.command('{}', { url: 'https://h/hooks/x', shell: 'posix' });
  });
  assert.match(after, /^curl /);
  assert.deepEqual(wasm, ['/mmhook.wasm', '/mmhook-tools.wasm']);
  assert.deepEqual(problems, []);
  await context.close();
});
