// Browser part of the benchmark: Debian's Chromium via playwright-core, pages served on 127.0.0.1 only.
// Cold start = in a fresh browser context (empty HTTP and code caches): import dist/mmhook.mjs, createMmhook()
// (fetch + compile + instantiate mmhook.wasm) and the first check() of the small alert. Transfer = bytes the page
// and the library actually download (uncompressed over the local server) and their gzip sizes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { smallAlert, releaseNotes } from './corpus.mjs';
import { pct } from './stats.mjs';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function transfer(context, url, waitFor) {
  const page = await context.newPage();
  const files = [];
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      files.push({ url: r.url(), bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
    } catch { /* redirects and data: URLs have no body */ }
  });
  await page.goto(url);
  if (waitFor) await waitFor(page);
  await page.waitForTimeout(300);
  await page.close();
  return { requests: files.length, bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0), files };
}

// One cold start in a fresh context: import, createMmhook(), the first check() of the alert, then a 20 KB check().
async function coldStart(browser, lib, alert, release) {
  const html = '<!doctype html><meta charset="utf-8"><title>cold start</title><body>';
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${lib.url}cold.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${lib.url}cold.html`);
  const r = await page.evaluate(async ([a, b]) => {
    const t0 = performance.now();
    const { createMmhook } = await import('./mmhook.mjs');
    const t1 = performance.now();
    const mm = await createMmhook();
    const t2 = performance.now();
    const rep = mm.check(a, { contentType: 'application/json' });
    const t3 = performance.now();
    const rep2 = mm.check(b, { contentType: 'application/json' });
    const t4 = performance.now();
    return { import_ms: t1 - t0, create_ms: t2 - t1, first_check_ms: t3 - t2, total_ms: t3 - t0, second_check_20kb_ms: t4 - t3,
      ok: rep.ok && rep2.ok, html: rep.posts[0].html.length };
  }, [alert, release]);
  await context.close();
  if (!r.ok || !r.html) throw new Error('cold start: check() did not render');
  return r;
}

const summary = (samples) => Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, { median: pct(xs, 50), p95: pct(xs, 95), min: Math.min(...xs) }]));

/** Runs the browser benchmark; resolves to {coldStart, transfer} (and baseColdStart: the same for `base`, another
 *  build's dist/, its runs interleaved with this one's). */
export async function browserBench({ root, runs = 10, base = null }) {
  const dist = path.join(root, 'dist');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const lib = await serve({ root: dist, port: 0 });
  const baseLib = base ? await serve({ root: base, port: 0 }) : null;
  const out = { runs, chromium: browser.version() };
  try {
    const alert = smallAlert();
    const release = releaseNotes();
    const html = '<!doctype html><meta charset="utf-8"><title>cold start</title><body>';
    const keys = ['import_ms', 'create_ms', 'first_check_ms', 'total_ms', 'second_check_20kb_ms'];
    const samples = Object.fromEntries(keys.map((k) => [k, []]));
    const baseSamples = Object.fromEntries(keys.map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      const r = await coldStart(browser, lib, alert, release);
      for (const k of keys) samples[k].push(r[k]);
      if (baseLib) {
        const b = await coldStart(browser, baseLib, alert, release);
        for (const k of keys) baseSamples[k].push(b[k]);
      }
    }
    out.coldStart = summary(samples);
    if (baseLib) out.baseColdStart = summary(baseSamples);

    const ctx = await browser.newContext();
    out.transfer = {};
    // The library alone: what an app importing mmhook downloads.
    const libPage = await ctx.newPage();
    const libFiles = [];
    libPage.on('response', async (r) => { try { const b = await r.body(); if (/mmhook\.(mjs|wasm)$/.test(r.url())) libFiles.push({ url: r.url(), bytes: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length }); } catch {} });
    await libPage.route(`${lib.url}cold.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
    await libPage.goto(`${lib.url}cold.html`);
    await libPage.evaluate(async () => { const { createMmhook } = await import('./mmhook.mjs'); await createMmhook(); });
    await libPage.waitForTimeout(300);
    out.transfer.library = { requests: libFiles.length, bytes: libFiles.reduce((n, f) => n + f.bytes, 0), gzip: libFiles.reduce((n, f) => n + f.gzip, 0), files: libFiles };
    await ctx.close();

    const web = path.join(dist, 'web');
    if (fs.existsSync(path.join(web, 'index.html'))) {
      const site = await serve({ root: web, port: 0 });
      const c2 = await browser.newContext();
      out.transfer.page = await transfer(c2, site.url, (p) => p.waitForSelector('body[data-ready="true"]', { timeout: 60000 }));
      await c2.close();
      site.server.close();
    }
  } finally {
    await browser.close();
    lib.server.close();
    if (baseLib) baseLib.server.close();
  }
  return out;
}
