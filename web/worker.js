// The check worker: runs mmhook.check off the main thread for large payloads. Created from a Blob URL (works from
// file://); receives the wasm bytes from the page (file:// build) or the page's base URL, where it fetches the same
// mmhook.wasm as the page (build-web.mjs defines the glue's import.meta.url as globalThis.__mmhookBase).
import { createMmhook } from '../wasm/mmhook.js';
import { payloadLimits } from './limits.js';

let resolveReady;
const ready = new Promise((r) => { resolveReady = r; });

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === 'init') {
    if (m.base) globalThis.__mmhookBase = m.base;
    resolveReady(await createMmhook(m.wasm ? { wasmBinary: m.wasm } : undefined));
    return;
  }
  if (m.type === 'check') {
    const mm = await ready;
    const t0 = performance.now();
    try {
      const report = mm.check(m.body, m.request);
      const ms = performance.now() - t0;
      // The "Sizes and limits" rows of a large JSON body (m.limits = {settings}): its JSON.parse and counts stay here.
      let limits = null;
      if (m.limits) {
        let json;
        try { json = JSON.parse(m.body); } catch { json = undefined; }
        limits = payloadLimits(m.body, json, m.limits.settings, report);
      }
      self.postMessage({ type: 'report', seq: m.seq, report, ms, limits });
    } catch (err) {
      self.postMessage({ type: 'report', seq: m.seq, error: String(err && err.message ? err.message : err), ms: performance.now() - t0 });
    }
  }
};
