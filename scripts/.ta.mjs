import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const { server, url } = await serve({ root: new URL('../dist/web', import.meta.url).pathname, port: 0 });
for (const mode of ['textarea', 'cm']) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await ctx.newPage();
  if (mode === 'textarea') await page.route(/editor-[0-9a-f]+\.js$/, (r) => new Promise(() => {}));
  await page.goto(url);
  await page.waitForSelector('body[data-preview="true"]');
  if (mode === 'cm') await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => {
    const p = window.mmhookPage; const lines = []; let n = 0;
    for (let i = 0; n < 5_000_000; i++) { const l = `- item **${i}** with \`code\`, a [link](https://example.com/${i}) and :tada: @user${i % 7}`; lines.push(l); n += l.length + 2; }
    const b = JSON.stringify({ text: 'TYPE HERE: ' + lines.join('\n'), username: 'bench' }, null, 2);
    p.schedule = () => {};
    p.editor.setText(b); p.editor.focusAt(b.indexOf('TYPE HERE: ') + 11);
  });
  await page.waitForTimeout(3000);
  await page.evaluate(() => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); });
  for (let k = 0; k < 10; k++) { await page.keyboard.press('x'); await page.waitForTimeout(150); }
  await page.waitForTimeout(1000);
  console.log(mode, JSON.stringify(await page.evaluate(() => [window.__long, window.mmhookPage.editor.getText().slice(0, 40)])));
  await ctx.close();
}
await browser.close(); server.close();
