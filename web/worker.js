// The check worker: runs mmhook.check off the main thread for large payloads. Created from a Blob URL (works from
// file://); receives the wasm bytes from the page, never fetches anything.
import { createMmhook } from '../wasm/mmhook.js';

let resolveReady;
const ready = new Promise((r) => { resolveReady = r; });

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === 'init') {
    resolveReady(await createMmhook({ wasmBinary: m.wasm }));
    return;
  }
  if (m.type === 'check') {
    const mm = await ready;
    const t0 = performance.now();
    try {
      const report = mm.check(m.body, m.request);
      self.postMessage({ type: 'report', seq: m.seq, report, ms: performance.now() - t0 });
    } catch (err) {
      self.postMessage({ type: 'report', seq: m.seq, error: String(err && err.message ? err.message : err), ms: performance.now() - t0 });
    }
  }
};
