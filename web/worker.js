// The check worker: runs mmhook.check off the main thread for large payloads. Created from a Blob URL (works from
// file://); receives the wasm bytes from the page (file:// build) or the page's base URL, where it fetches the same
// mmhook.wasm as the page (build-web.mjs defines the glue's import.meta.url as globalThis.__mmhookBase).
import { createMmhook } from '../wasm/mmhook.js';
import { payloadLimits } from './limits.js';

// Posts the page draws (MAX_DRAWN_POSTS in web/preview.js); later ones cross back as stubs when the limits rows are
// computed here (nothing else on the page reads them): a 5 MB body's ~300 posts were ~12 MB to copy per keystroke.
const DRAWN_POSTS = 100;
let text = '';   // the page's text as of its last check request: a request may carry only the edits since then
let resolveReady;
const ready = new Promise((r) => { resolveReady = r; });

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === 'init') {
    if (m.base) globalThis.__mmhookBase = m.base;
    resolveReady(await createMmhook(m.wasm ? { wasmBinary: m.wasm, platforms: ['web'] } : { platforms: ['web'] }));
    return;
  }
  if (m.type === 'check') {
    const mm = await ready;
    if (m.request && m.request.platform === 'mobile') await mm.loadCommands();  // the mobile dialect: the tools module
    const t0 = performance.now();
    try {
      // edits: [[from, to, inserted], …] in ascending order against the previous text; applied from the last one.
      if (m.edits) for (let i = m.edits.length - 1; i >= 0; i--) { const [from, to, ins] = m.edits[i]; text = text.slice(0, from) + ins + text.slice(to); }
      else text = m.body;
      const report = mm.check(text, m.request);
      const ms = performance.now() - t0;
      // The "Sizes and limits" rows of a large JSON body (m.limits = {settings}): its JSON.parse and counts stay here.
      let limits = null;
      if (m.limits) {
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        limits = payloadLimits(text, json, m.limits.settings, report);
        for (let i = DRAWN_POSTS; i < report.posts.length; i++) report.posts[i] = { ...report.posts[i], message: '', props: {}, html: '', trimmed: true };
      }
      self.postMessage({ type: 'report', seq: m.seq, report, ms, limits });
    } catch (err) {
      self.postMessage({ type: 'report', seq: m.seq, error: String(err && err.message ? err.message : err), ms: performance.now() - t0 });
    }
  }
};
