// mmhook JS API (see spec/api.md): one cached async init, then synchronous calls returning plain objects.
// Bodies cross the boundary as UTF-8 bytes written straight into wasm memory; reports come back as UTF-8 JSON.
// Byte offsets from the core are converted here to the caller's units (UTF-16 code units for strings).
import createMmhookModule from 'mmhook:glue';
import inlineWasm from 'mmhook:inline-wasm';
import { SHELLS, SHELL_NAMES } from './shells.gen.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const htmlDecoder = new TextDecoder('utf-8', { ignoreBOM: true });  // a post's HTML keeps even a leading U+FEFF
let cached = null;
// Bytes of posts per checkNext() batch: small enough that a batch's JSON text and parse are short-lived garbage.
const POST_BATCH = 256 * 1024;

function base64ToBytes(b64) {
  if (typeof atob === 'function') {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

const isNode = typeof process === 'object' && process !== null && !!(process.versions && process.versions.node) &&
  typeof window === 'undefined';

async function loadWasmBytes(options) {
  if (options && options.wasmBinary) {
    const b = options.wasmBinary;
    if (b instanceof Uint8Array) return b;
    if (b instanceof ArrayBuffer) return new Uint8Array(b);
    throw new TypeError('createMmhook: options.wasmBinary must be an ArrayBuffer or a Uint8Array');
  }
  if (inlineWasm) return base64ToBytes(inlineWasm);
  const url = new URL('mmhook.wasm', import.meta.url);
  if (isNode && url.protocol === 'file:') {
    const fs = await import('node:fs/promises');
    return new Uint8Array(await fs.readFile(url));
  }
  return url; // the browser path streams it
}

async function instantiate(source, imports) {
  if (source instanceof URL) {
    const response = fetch(source, { credentials: 'same-origin' });
    if (typeof WebAssembly.instantiateStreaming === 'function') {
      try {
        return await WebAssembly.instantiateStreaming(response, imports);
      } catch (e) {
        // Wrong MIME type from a static host: fall back to bytes.
        const r = await response;
        return WebAssembly.instantiate(await r.arrayBuffer(), imports);
      }
    }
    const r = await response;
    if (!r.ok) throw new Error(`mmhook: cannot load ${source} (${r.status})`);
    return WebAssembly.instantiate(await r.arrayBuffer(), imports);
  }
  return WebAssembly.instantiate(source, imports);
}

/** Creates (once) and returns the mmhook instance. */
export function createMmhook(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    return Promise.reject(new TypeError('createMmhook: options must be an object'));
  }
  if (cached && !(options && options.wasmBinary)) return cached;
  const p = (async () => {
    const source = await loadWasmBytes(options);
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    const mod = await Promise.race([
      createMmhookModule({
        instantiateWasm(imports, done) {
          instantiate(source, imports).then((r) => done(r.instance), fail);
          return {};
        },
      }),
      failed,
    ]);
    return makeApi(mod);
  })();
  if (!(options && options.wasmBinary)) {
    cached = p;
    p.catch(() => { if (cached === p) cached = null; });
  }
  return p;
}

function checkOptions(request) {
  if (request === undefined || request === null) return { hasCt: false, ct: '', settings: '', query: '', platform: '' };
  if (typeof request !== 'object') throw new TypeError('check: request must be an object like {contentType, settings}');
  const ct = request.contentType;
  if (ct !== undefined && ct !== null && typeof ct !== 'string') {
    throw new TypeError('check: request.contentType must be a string, null or undefined');
  }
  const s = request.settings;
  if (s !== undefined && s !== null && typeof s !== 'object') throw new TypeError('check: request.settings must be an object');
  const q = request.query;
  if (q !== undefined && q !== null && typeof q !== 'string') throw new TypeError('check: request.query must be a string');
  // Any platform value goes to the core ('' = default web); an unknown one gets an options.platform diagnostic.
  const p = request.platform;
  const platform = p === undefined || p === null ? '' : typeof p === 'string' ? p : String(JSON.stringify(p));
  return { hasCt: typeof ct === 'string', ct: typeof ct === 'string' ? ct : '', settings: s ? JSON.stringify(s) : '',
    query: typeof q === 'string' ? q : '', platform };
}

// Converts byte offsets (into the UTF-8 encoding of `text`) to UTF-16 offsets and 1-based line/column.
function convertPositions(text, diagnostics) {
  if (diagnostics.length === 0) return;
  const order = diagnostics.map((d, i) => i).sort((a, b) => diagnostics[a].offset - diagnostics[b].offset);
  let bytes = 0;
  let i = 0; // UTF-16 index
  let line = 1;
  let lineStart = 0;
  for (const idx of order) {
    const d = diagnostics[idx];
    while (i < text.length && bytes < d.offset) {
      const c = text.charCodeAt(i);
      if (c < 0x80) { bytes += 1; if (c === 10) { line++; lineStart = i + 1; } i += 1; }
      else if (c < 0x800) { bytes += 2; i += 1; }
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const c2 = text.charCodeAt(i + 1);
        if (c2 >= 0xdc00 && c2 <= 0xdfff) { bytes += 4; i += 2; } else { bytes += 3; i += 1; }
      } else { bytes += 3; i += 1; }
    }
    d.offset = i;
    d.line = line;
    d.column = i - lineStart + 1;
  }
}

function makeApi(mod) {
  const versions = Object.freeze(JSON.parse(mod.versions()));

  // Writes the body's UTF-8 into the module's input buffer, sized exactly for ASCII and grown only past it.
  function writeBody(body) {
    if (typeof body === 'string') {
      const n = body.length;
      let ptr = mod.inputBuffer(n);
      const { read, written } = encoder.encodeInto(body, mod.HEAPU8.subarray(ptr, ptr + n));
      if (read === n) return written;
      const max = written + (n - read) * 3;
      ptr = mod.inputBuffer(max);
      return written + encoder.encodeInto(body.slice(read), mod.HEAPU8.subarray(ptr + written, ptr + max)).written;
    }
    const n = body.length;
    const ptr = mod.inputBuffer(n);
    mod.HEAPU8.set(body, ptr);
    return n;
  }

  function readOutput(n) {
    const ptr = mod.outputData();
    return decoder.decode(mod.HEAPU8.subarray(ptr, ptr + n));
  }

  function check(body, request) {
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError(`check: body must be a string or a Uint8Array, got ${body === null ? 'null' : typeof body}`);
    }
    const opts = checkOptions(request);
    const len = writeBody(body);
    const report = JSON.parse(readOutput(mod.check(len, opts.hasCt, opts.ct, opts.settings, opts.query, opts.platform)));
    // Posts arrive in batches of about POST_BATCH bytes, each rendered just before: neither side ever holds all posts
    // as one text. The HTML, the bulk of it, is decoded straight from the heap into each post's (last) "html" key.
    for (let n; (n = mod.checkNext(POST_BATCH)) > 0;) {
      const [sizes, posts] = JSON.parse(readOutput(n));
      let at = mod.htmlData();
      for (let i = 0; i < posts.length; i++) {
        posts[i].html = htmlDecoder.decode(mod.HEAPU8.subarray(at, at + sizes[i]));
        at += sizes[i];
        report.posts.push(posts[i]);
      }
    }
    if (typeof body === 'string') convertPositions(body, report.diagnostics);
    return report;
  }

  function commandDetails(body, options) {
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError(`command: body must be a string or a Uint8Array, got ${body === null ? 'null' : typeof body}`);
    }
    if (!options || typeof options !== 'object') throw new TypeError('command: options {url, shell, encoding?} are required');
    const { url, shell, encoding = 'json', contentType } = options;
    if (typeof url !== 'string') throw new TypeError('command: options.url must be a string');
    if (typeof shell !== 'string' || !SHELL_NAMES.includes(shell)) {
      throw new TypeError(`command: options.shell must be one of ${SHELL_NAMES.join(', ')}`);
    }
    if (encoding !== 'json' && encoding !== 'form') throw new TypeError('command: options.encoding must be "json" or "form"');
    if (contentType !== undefined && contentType !== null && typeof contentType !== 'string') {
      throw new TypeError('command: options.contentType must be a string, null (no header) or undefined');
    }
    const ctMode = contentType === undefined ? 0 : contentType === null || contentType === '' ? 2 : 1;
    const len = writeBody(body);
    const out = JSON.parse(readOutput(mod.command(len, url, shell, encoding, ctMode, ctMode === 1 ? contentType : '')));
    if (!out.ok) throw new TypeError(`command: unsupported shell ${shell} or encoding ${encoding}`);
    if (typeof body === 'string') convertPositions(body, out.diagnostics);
    return { command: out.command, diagnostics: out.diagnostics };
  }

  function command(body, options) {
    return commandDetails(body, options).command;
  }

  function parseCommand(text) {
    if (typeof text !== 'string') throw new TypeError(`parseCommand: text must be a string, got ${text === null ? 'null' : typeof text}`);
    const len = writeBody(text);
    const out = JSON.parse(readOutput(mod.parseCommand(len)));
    convertPositions(text, out.diagnostics);
    return out;
  }

  const CONTEXT_KEYS = new Set(['userId', 'userName', 'channelId', 'channelName', 'teamId', 'teamDomain', 'postId', 'siteUrl',
    'allowedUntrustedInternalConnections', 'outgoingTimeoutSeconds']);

  function simContext(fn, context) {
    if (context === undefined || context === null) return undefined;
    if (typeof context !== 'object' || Array.isArray(context)) throw new TypeError(`${fn}: options.context must be an object`);
    for (const [k, v] of Object.entries(context)) {
      if (!CONTEXT_KEYS.has(k)) throw new TypeError(`${fn}: unknown options.context key ${k}`);
      if (k === 'outgoingTimeoutSeconds' ? typeof v !== 'number' : typeof v !== 'string') {
        throw new TypeError(`${fn}: options.context.${k} must be a ${k === 'outgoingTimeoutSeconds' ? 'number' : 'string'}`);
      }
    }
    return context;
  }

  function clickOptions(fn, options, needAction) {
    if (options === undefined || options === null) {
      if (needAction) throw new TypeError(`${fn}: options {actionId, postIndex?, selectedOption?, context?} are required`);
      options = {};
    }
    if (typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`);
    const { postIndex = 0, actionId, selectedOption, context } = options;
    if (!Number.isInteger(postIndex) || postIndex < 0) throw new TypeError(`${fn}: options.postIndex must be a non-negative integer`);
    if (needAction ? typeof actionId !== 'string' : actionId !== undefined && typeof actionId !== 'string') {
      throw new TypeError(`${fn}: options.actionId must be a string`);
    }
    if (selectedOption !== undefined && selectedOption !== null && typeof selectedOption !== 'string') {
      throw new TypeError(`${fn}: options.selectedOption must be a string`);
    }
    const click = { postIndex, actionId: actionId ?? '', context: simContext(fn, context) };
    if (typeof selectedOption === 'string') click.selectedOption = selectedOption;
    const req = checkOptions({ contentType: options.contentType === undefined ? 'application/json' : options.contentType,
      settings: options.settings, query: options.query });
    return { click: JSON.stringify(click), req };
  }

  function bodyArg(fn, body) {
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError(`${fn}: body must be a string or a Uint8Array, got ${body === null ? 'null' : typeof body}`);
    }
  }

  function simulateAction(body, options) {
    bodyArg('simulateAction', body);
    const { click, req } = clickOptions('simulateAction', options, true);
    const len = writeBody(body);
    const out = JSON.parse(readOutput(mod.simulateAction(len, req.hasCt, req.ct, req.settings, req.query, click)));
    if (typeof body === 'string') convertPositions(body, out.diagnostics);
    return out;
  }

  function applyActionResponse(body, responseJson, options) {
    bodyArg('applyActionResponse', body);
    if (typeof responseJson !== 'string') throw new TypeError('applyActionResponse: responseJson must be a string (the integration\'s HTTP body)');
    const { click, req } = clickOptions('applyActionResponse', options, false);
    const len = writeBody(body);
    const report = JSON.parse(readOutput(mod.applyActionResponse(len, req.hasCt, req.ct, req.settings, req.query, click, responseJson)));
    convertPositions(responseJson, report.diagnostics);
    return report;
  }

  function checkDialog(openRequestJson, options) {
    if (typeof openRequestJson !== 'string') throw new TypeError('checkDialog: openRequestJson must be a string');
    if (options !== undefined && options !== null && typeof options !== 'object') throw new TypeError('checkDialog: options must be an object');
    const o = options || {};
    if (o.response !== undefined && o.response !== null && typeof o.response !== 'string') {
      throw new TypeError('checkDialog: options.response must be a string (the integration\'s HTTP body)');
    }
    if (o.nowMillis !== undefined && o.nowMillis !== null && !Number.isFinite(o.nowMillis)) {
      throw new TypeError('checkDialog: options.nowMillis must be a number');
    }
    if (o.values !== undefined && o.values !== null && (typeof o.values !== 'object' || Array.isArray(o.values))) {
      throw new TypeError('checkDialog: options.values must be an object of element name to value');
    }
    const opts = JSON.stringify({ values: o.values ?? undefined, response: o.response ?? undefined,
      nowMillis: o.nowMillis ?? undefined, context: simContext('checkDialog', o.context) });
    const len = writeBody(openRequestJson);
    const out = JSON.parse(readOutput(mod.checkDialog(len, opts)));
    convertPositions(openRequestJson, out.diagnostics);
    return out;
  }

  const REST_KEYS = new Set(['serverUrl', 'token', 'tokenEnv', 'channelId', 'rootId', 'shell', 'postIndex', 'keepWebhookProps',
    'contentType', 'settings', 'query']);

  function restFollowUp(body, options) {
    bodyArg('restFollowUp', body);
    if (options === undefined || options === null) options = {};
    if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError('restFollowUp: options must be an object');
    for (const k of Object.keys(options)) if (!REST_KEYS.has(k)) throw new TypeError(`restFollowUp: unknown option ${k}`);
    const { postIndex = 0, shell = 'posix', keepWebhookProps = false } = options;
    if (!Number.isInteger(postIndex) || postIndex < 0) throw new TypeError('restFollowUp: options.postIndex must be a non-negative integer');
    for (const k of ['serverUrl', 'token', 'tokenEnv', 'channelId', 'rootId']) {
      if (options[k] !== undefined && options[k] !== null && typeof options[k] !== 'string') {
        throw new TypeError(`restFollowUp: options.${k} must be a string`);
      }
    }
    if (typeof shell !== 'string' || !SHELL_NAMES.includes(shell)) {
      throw new TypeError(`restFollowUp: options.shell must be one of ${SHELL_NAMES.join(', ')}`);
    }
    if (typeof keepWebhookProps !== 'boolean') throw new TypeError('restFollowUp: options.keepWebhookProps must be a boolean');
    const opts = JSON.stringify({ postIndex, shell, keepWebhookProps, serverUrl: options.serverUrl ?? undefined,
      token: options.token ?? undefined, tokenEnv: options.tokenEnv ?? undefined, channelId: options.channelId ?? undefined,
      rootId: options.rootId ?? undefined });
    const req = checkOptions({ contentType: options.contentType === undefined ? 'application/json' : options.contentType,
      settings: options.settings, query: options.query });
    const len = writeBody(body);
    const out = JSON.parse(readOutput(mod.restFollowUp(len, req.hasCt, req.ct, req.settings, req.query, opts)));
    if (typeof body === 'string') convertPositions(body, out.diagnostics);
    return out;
  }

  return Object.freeze({ version: versions, check, command, commandDetails, parseCommand, simulateAction, applyActionResponse,
    checkDialog, restFollowUp });
}

/** make_command's targets (core/include/mmhook/shells.def), usable before createMmhook(). */
export { SHELLS as shells };
export default createMmhook;
