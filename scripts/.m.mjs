import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const { server, url } = await serve({ root: new URL('../dist/web', import.meta.url).pathname, port: 0 });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await ctx.newPage();
await page.goto(url);
await page.waitForSelector('body[data-ready="true"]');
const r = await page.evaluate(async () => {
  const p = window.mmhookPage; const lines = []; let n = 0;
  for (let i = 0; n < 5_000_000; i++) { const l = `- item **${i}** with \`code\`, a [link](https://example.com/${i}) and :tada: @user${i % 7}`; lines.push(l); n += l.length + 2; }
  const b = JSON.stringify({ text: 'TYPE HERE: ' + lines.join('\n'), username: 'bench' }, null, 2);
  p.schedule = () => {};  // isolate the editor
  p.editor.setText(b); const v = p.editor.view; const pos = b.indexOf('TYPE HERE: ') + 11;
  v.dispatch({ selection: { anchor: pos } }); v.focus();
  await new Promise((r) => setTimeout(r, 1500));
  const out = [];
  for (let k = 0; k < 8; k++) {
    const t = performance.now(); v.dispatch({ changes: { from: pos + k, insert: 'x' }, selection: { anchor: pos + k + 1 }, userEvent: 'input.type' }); out.push(Math.round(performance.now() - t));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
  }
  const line = v.state.doc.lineAt(pos).text; let t = performance.now(); for (let i = 0; i < 10; i++) line.slice(1000 + i); const sl = performance.now() - t;
  return { dispatch: out, slice10: sl, dom: v.contentDOM.textContent.length, gaps: v.contentDOM.querySelectorAll('.cm-gap').length };
});
console.log(JSON.stringify(r));
await browser.close(); server.close();
