import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import fs from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const { server, url } = await serve({ root: new URL('../dist/web', import.meta.url).pathname, port: 0 });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await ctx.newPage();
await page.goto(url);
await page.waitForSelector('body[data-ready="true"]');
await page.evaluate(() => {
  const p = window.mmhookPage; const lines = []; let n = 0;
  for (let i = 0; n < 5_000_000; i++) { const l = `- item **${i}** with \`code\`, a [link](https://example.com/${i}) and :tada: @user${i % 7}`; lines.push(l); n += l.length + 2; }
  const b = JSON.stringify({ text: 'TYPE HERE: ' + lines.join('\n'), username: 'bench' }, null, 2);
  p.editor.setText(b); p.editor.view.dispatch({ selection: { anchor: b.indexOf('TYPE HERE: ') + 11 } }); p.editor.view.focus();
});
await page.waitForFunction(() => !window.mmhookPage.checker || window.mmhookPage.checker.idle, null, { timeout: 60000 });
await page.waitForTimeout(4000);
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start');
await browser.startTracing(page, { path: '/tmp/web20/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
await page.evaluate(() => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask' }); });
for (let k = 0; k < 20; k++) { await page.keyboard.press('x'); await page.waitForTimeout(150); }
await page.waitForFunction(() => window.mmhookPage.checker.idle, null, { timeout: 60000 });
await page.waitForTimeout(2500);
await browser.stopTracing();
const { profile } = await cdp.send('Profiler.stop');
fs.writeFileSync('/tmp/web20/prof.json', JSON.stringify(profile));
console.log('long', JSON.stringify(await page.evaluate(() => window.__long)));
// self time by function
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; 
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; self.set(k, (self.get(k) || 0) + (dt[i + 1] || 0) / 1000); });
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n'));
await browser.close(); server.close();
