// Runs checks in a Web Worker (from a Blob URL: works from file:// too, keeps the page's CSP), one at a time, always the
// newest request: while one check runs, later requests replace each other and only the last is sent next. The worker gets
// the inlined wasm bytes (file:// build) or fetches the page's own mmhook.wasm (http build: a cache revalidation).
// The worker's script: its text (file:// build), or {file} beside the page (http build: fetched on first use).
import workerSource from 'mmhook-web:worker-src';
import inlineWasm from 'mmhook:inline-wasm';

/** The inlined wasm as bytes (native base64 decoding where the browser has it: ~1 MB, on the start-up path). */
export function inlineWasmBytes() {
  if (!inlineWasm) return null;
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(inlineWasm);
  return base64ToBytes(inlineWasm);
}

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let workerSourceText = null;
const workerText = () => (workerSourceText ||= typeof workerSource === 'string' ? Promise.resolve(workerSource)
  : fetch(new URL(workerSource.file, document.baseURI)).then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.text(); }));

export class WorkerChecker {
  static supported() {
    return typeof Worker === 'function' && typeof Blob === 'function' && (!!inlineWasm || /^https?:$/.test(location.protocol));
  }

  /** wasm: the module's bytes (transferred to the worker), or null for the inlined copy or the page's mmhook.wasm URL. */
  constructor(onReport, wasm = null) {
    this.onReport = onReport;   // (job, {report, error, ms}) -> void
    this.busy = null;
    this.next = null;
    this.worker = null;
    this.failed = null;
    workerText().then((text) => {
      const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
      this.worker = new Worker(url);
      URL.revokeObjectURL(url);
      const bytes = wasm || inlineWasmBytes();
      if (bytes) this.worker.postMessage({ type: 'init', wasm: bytes }, [bytes.buffer]);
      else this.worker.postMessage({ type: 'init', base: document.baseURI });
      this.worker.onmessage = (e) => this.done(e.data);
      this.pump();
    }, (err) => { this.failed = `the check worker did not load (${err && err.message ? err.message : err})`; this.pump(); });
  }

  done(res) {
    const job = this.busy;
    this.busy = null;
    if (job) this.onReport(job, res);
    this.pump();
  }

  /**
   * job: {body, request, keyTs, limits?: {settings}} (limits: also compute the limits table rows, res.limits), or
   * {payload(), …} instead of body: called when the job is sent, it returns {body} or {edits} (the changes since the
   * text last sent, [[from, to, inserted], …]). An unsent older job is replaced; its keystroke time is kept.
   */
  request(job) {
    if (this.next && this.next.keyTs !== null && (job.keyTs === null || this.next.keyTs < job.keyTs)) job.keyTs = this.next.keyTs;
    this.next = job;
    this.pump();
  }

  get idle() { return !this.busy && !this.next; }

  pump() {
    if (this.busy || !this.next || (!this.worker && !this.failed)) return;
    this.busy = this.next;
    this.next = null;
    if (this.failed) { this.done({ error: this.failed, ms: 0 }); return; }
    const { body = null, edits = null } = this.busy.payload ? this.busy.payload() : { body: this.busy.body };
    this.busy.body = body;
    this.worker.postMessage({ type: 'check', body, edits, request: this.busy.request, limits: this.busy.limits || null });
  }
}
