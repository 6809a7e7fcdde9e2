// The browser suites' setup: Debian's Chromium driven by playwright-core (never a downloaded browser), files served on
// 127.0.0.1 only, a fresh context per test that records what went wrong, and the hooks that catch script execution.
import { chromium } from 'playwright-core';
import { serve } from '../../../scripts/serve.mjs';

/** Headless, and no traffic of Chromium's own (QUIC, sync, component updates, background requests). */
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });

/** Chromium and `dir` served on 127.0.0.1 (a free port): {browser, server, base} (base: the server's URL). */
export async function startBrowser(dir) {
  const browser = await launchChromium();
  const { server, url: base } = await serve({ root: dir, port: 0 });
  return { browser, server, base };
}

export async function stopBrowser(browser, server) {
  await browser?.close();
  server?.close();
}

/**
 * A fresh context and page: {context, page, problems, requests, close()}. problems collects page errors, dialogs
 * (dismissed) and console messages of the types in `console`; requests every URL the context requests. csp: window.__csp
 * lists the CSP violations. context: more newContext options.
 */
export async function openContext(browser, { viewport = { width: 1400, height: 1000 }, colorScheme, context: more = {},
  console: types = ['error', 'warning'], csp = false } = {}) {
  const context = await browser.newContext({ viewport, ...(colorScheme ? { colorScheme } : {}), ...more });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  if (csp) {
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }
  page.on('console', (m) => { if (types.includes(m.type())) problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', (d) => { problems.push(`dialog ${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  context.on('request', (r) => requests.push(r.url()));
  return { context, page, problems, requests, close: () => context.close() };
}

/** Holds the requests `page` makes to `url` (a glob or RegExp) until the returned release() is called. */
export async function holdRoute(page, url) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(url, async (route) => { await held; await route.continue(); });
  return release;
}

/**
 * An init script that records anything looking like script execution in window.__hits: the dialog functions, __xss(),
 * string timers, CSP violations; with `events`, also every submit (and no click follows a link or toggles a control).
 */
export function scriptHooks({ events = false } = {}) {
  return `(() => {
  const hits = [];
  Object.defineProperty(window, '__hits', { value: hits });
  const hit = (what) => hits.push(String(what).slice(0, 300));
  for (const n of ['alert', 'confirm', 'prompt', 'print', 'open']) window[n] = (...a) => hit(n + '(' + a.join(',') + ')');
  window.__xss = (...a) => hit('__xss(' + a.join(',') + ')');
  for (const n of ['setTimeout', 'setInterval']) {
    const orig = window[n];
    window[n] = (fn, ...rest) => (typeof fn === 'string' ? hit(n + '(string)') : orig(fn, ...rest));
  }
  document.addEventListener('securitypolicyviolation', (e) =>
    hit('csp ' + e.effectiveDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')), true);${events ? `
  document.addEventListener('click', (e) => e.preventDefault(), true);
  document.addEventListener('submit', (e) => { hit('submit'); e.preventDefault(); }, true);` : ''}
})();`;
}
