// Start-up work that begins before the rest of the bundle (CodeMirror and the page modules) is evaluated: app.js
// imports this module first, so the wasm compiles in the background while the page is set up. Over http the glue
// streams mmhook.wasm (compiled while it downloads); the file:// build hands it the inlined bytes instead.
import { createMmhook } from '../wasm/mmhook.js';
import { inlineWasmBytes } from './checker.js';

performance.mark('mmhook:script');
const bytes = inlineWasmBytes();
// dist/web/index.html opened from disk cannot fetch its wasm: go to the single-file page built beside it.
const fromDisk = !bytes && location.protocol === 'file:';
if (fromDisk) location.replace(new URL('../mmhook.html', location.href).href + location.search + location.hash);

/** The page's own mmhook instance (never settles while the disk copy navigates to dist/mmhook.html). */
export const mmReady = fromDisk ? new Promise(() => {}) : createMmhook(bytes ? { wasmBinary: bytes, platforms: ['web'] } : { platforms: ['web'] });
mmReady.then(() => performance.mark('mmhook:wasm'), () => {});
