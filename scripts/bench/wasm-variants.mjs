// Loads the bench-only wasm modules of scripts/bench/build-wasm-variants.sh (build/bench-wasm/) with a minimal wrapper
// that mirrors dist/mmhook.mjs's check() transport (UTF-8 bytes into wasm memory, Report JSON bytes out).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Instantiates build/bench-wasm/mmhook_<variant>.{mjs,wasm}; null when not built. */
export async function loadVariant(root, variant) {
  const dir = path.join(root, 'build/bench-wasm');
  const js = path.join(dir, `mmhook_${variant}.mjs`);
  const wasm = path.join(dir, `mmhook_${variant}.wasm`);
  if (!fs.existsSync(js) || !fs.existsSync(wasm)) return null;
  const { default: create } = await import(pathToFileURL(js).href);
  const bytes = fs.readFileSync(wasm);
  const mod = await create({
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(bytes, imports).then((r) => done(r.instance));
      return {};
    },
  });
  const write = (prefix, body) => {
    const max = (prefix.length + body.length) * 3;
    const ptr = mod.inputBuffer(max);
    const a = encoder.encodeInto(prefix, mod.HEAPU8.subarray(ptr, ptr + max)).written;
    return [a, encoder.encodeInto(body, mod.HEAPU8.subarray(ptr + a, ptr + max)).written];
  };
  const read = (ptr, n) => decoder.decode(mod.HEAPU8.subarray(ptr, ptr + n));
  // A Batch (wasm/bindings.cpp): [x, html sizes] from its JSON, each of x's posts given its HTML; returns [x, more].
  const batch = (b, postsOf) => {
    const w = mod.HEAPU32.subarray(b >>> 2, (b >>> 2) + 5);
    const [x, sizes] = JSON.parse(read(w[0], w[1]));
    let at = w[2];
    postsOf(x).forEach((p, i) => { p.html = read(at, sizes[i]); at += sizes[i]; });
    return [x, w[4] !== 0];
  };
  const api = {
    variant, wasmBytes: bytes.length, mod,
    /** check() through the byte buffers (what the shipped API does, minus argument checks and offset conversion). */
    checkBytes(body, settingsJson) {
      const ct = 'application/json';
      const [a, n] = write(ct + settingsJson, body);
      let [report, more] = batch(mod.check(ct.length, a - ct.length, 0, 0, n, true, 1 << 20), (r) => r.posts);
      while (more) {
        let posts;
        [posts, more] = batch(mod.checkNext(1 << 20), (p) => p);
        report.posts.push(...posts);
      }
      return report;
    },
  };
  if (typeof mod.checkString === 'function') {
    /** check() through Embind std::string in and out. */
    api.checkString = (body, settingsJson) => JSON.parse(mod.checkString(body, true, 'application/json', settingsJson));
    /** No-work round trip through the byte buffers: encode in, copy, decode out. */
    api.echoBytes = (body) => {
      const max = body.length * 3;
      const ptr = mod.benchInput(max);
      const len = encoder.encodeInto(body, mod.HEAPU8.subarray(ptr, ptr + max)).written;
      const n = mod.benchEcho(len);
      return read(mod.benchOutput(), n);
    };
    /** No-work round trip through Embind std::string. */
    api.echoString = (body) => mod.echoString(body);
  }
  return api;
}
