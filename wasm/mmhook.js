// mmhook JS API (see spec/api.md): one cached async init, then synchronous calls returning plain objects.
// Bodies cross the boundary as UTF-8 bytes written straight into wasm memory; results come back as UTF-8 JSON written
// by the core, positions already in the caller's units (UTF-16 code units for a string, bytes for a Uint8Array).
// Two modules: mmhook.wasm (check) at init; mmhook-tools.wasm (commands, parseCommand, the interactivity simulator,
// the REST follow-up) on first use: mm.loadCommands() (browsers must await it), or synchronously in Node.
import createMmhookModule from 'mmhook:glue';
import createMmhookToolsModule from 'mmhook:tools-glue';
import inlineWasm from 'mmhook:inline-wasm';
import fullModule from 'mmhook:full';  // true: mmhook:glue is the complete module (offline builds), the tools included
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

// The bytes given in options[key], or null; throws a TypeError for anything else.
function givenBytes(options, key) {
  const b = options && options[key];
  if (b === undefined || b === null) return null;
  if (b instanceof Uint8Array) return b;
  if (b instanceof ArrayBuffer) return new Uint8Array(b);
  throw new TypeError(`createMmhook: options.${key} must be an ArrayBuffer or a Uint8Array`);
}

// A module's bytes (given, inlined, or read beside this file in Node) or its URL (a browser streams it).
async function loadWasmBytes(given, inline, file) {
  if (given) return given;
  if (inline) return base64ToBytes(inline);
  const url = new URL(file, import.meta.url);
  if (isNode && url.protocol === 'file:') {
    const fs = await import('node:fs/promises');
    return new Uint8Array(await fs.readFile(url));
  }
  return url; // the browser path streams it
}

// Instantiates an Emscripten module factory from bytes or a URL.
async function instantiateModule(factory, source) {
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  return Promise.race([
    factory({
      instantiateWasm(imports, done) {
        instantiate(source, imports).then((r) => done(r.instance), fail);
        return {};
      },
    }),
    failed,
  ]);
}

// Node only: the module compiled and instantiated synchronously (the glue then runs synchronously too).
function instantiateModuleSync(factory, bytes) {
  const mod = {
    instantiateWasm(imports, done) {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
      done(instance);
      return instance.exports;
    },
  };
  factory(mod);
  if (typeof mod.inputBuffer !== 'function') throw new Error('mmhook: the tools module did not start synchronously');
  return mod;
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
  const own = options && (options.wasmBinary || options.toolsWasmBinary || options.platforms !== undefined);
  if (cached && !own) return cached;
  let toolsBytes, wantsMobile;
  try {
    toolsBytes = givenBytes(options, 'toolsWasmBinary');
    wantsMobile = mobileAtStart(options);
  } catch (e) {
    return Promise.reject(e);
  }
  const p = (async () => {
    const source = await loadWasmBytes(givenBytes(options, 'wasmBinary'), inlineWasm, 'mmhook.wasm');
    const mod = await instantiateModule(createMmhookModule, source);
    // Node reads mmhook-tools.wasm synchronously on the first command(): node:fs is imported now, while async.
    const fs = isNode && !toolsBytes && !fullModule ? await import('node:fs') : null;
    const api = makeApi(mod, { toolsBytes, fs });
    // The mobile dialect lives in the tools module: a browser asked for {platforms: [..., 'mobile']} starts it now, so a
    // mobile check right after createMmhook() works; otherwise it needs loadCommands() (Node: started on that check).
    if (wantsMobile && !isNode) await api.loadCommands();
    return api;
  })();
  if (!own) {
    cached = p;
    p.catch(() => { if (cached === p) cached = null; });
  }
  return p;
}

// options.platforms: which platforms' checks must work right after createMmhook(). A browser's start is lean unless it
// names 'mobile' (then the tools module, which holds the mobile dialect, is loaded before createMmhook() resolves).
function mobileAtStart(options) {
  const p = options ? options.platforms : undefined;
  if (p === undefined || p === null) return false;
  if (!Array.isArray(p) || p.some((x) => x !== 'web' && x !== 'mobile')) {
    throw new TypeError("createMmhook: options.platforms must be an array of 'web' and 'mobile'");
  }
  return p.includes('mobile');
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

// Writes the body's UTF-8 into the module's input buffer, sized exactly for ASCII and grown only past it.
function writeBody(mod, body) {
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

// The output buffer's first n bytes as text (JSON written by the core).
function readOutput(mod, n) {
  const ptr = mod.outputData();
  return decoder.decode(mod.HEAPU8.subarray(ptr, ptr + n));
}

// Writes check()'s input: the content type, settings JSON, query and platform (UTF-8, one after another), then the body.
// Returns their byte lengths [ct (-1: none), settings, query, platform, body]. The buffer is sized for the strings at
// 3 bytes a unit plus the body as ASCII, and grown only past that.
function writeCheckInput(mod, body, o) {
  const strs = [o.ct, o.settings, o.query, o.platform];
  const isString = typeof body === 'string';
  const n = body.length;
  let room = 3 * (strs[0].length + strs[1].length + strs[2].length + strs[3].length);
  let ptr = mod.inputBuffer(room + n);
  let heap = mod.HEAPU8;
  const lens = [0, 0, 0, 0, 0];
  let at = 0;
  for (let i = 0; i < 4; i++) {
    if (strs[i].length) at += lens[i] = encoder.encodeInto(strs[i], heap.subarray(ptr + at, ptr + room)).written;
  }
  if (!o.hasCt) lens[0] = -1;
  if (!isString) {
    heap.set(body, ptr + at);
    lens[4] = n;
    return lens;
  }
  const { read, written } = encoder.encodeInto(body, heap.subarray(ptr + at, ptr + at + n));
  lens[4] = written;
  if (read < n) {
    const max = at + written + (n - read) * 3;
    ptr = mod.inputBuffer(max);
    heap = mod.HEAPU8;
    lens[4] += encoder.encodeInto(body.slice(read), heap.subarray(ptr + at + written, ptr + max)).written;
  }
  return lens;
}

// A check()/checkNext() batch at address b (wasm/bindings.cpp's Batch): [x, html sizes] parsed from its JSON, each post
// in `posts` (x's posts or x itself) given its HTML, decoded straight from the heap. Returns [x, more].
function readBatch(mod, b, postsOf) {
  const words = mod.HEAPU32;
  const w = b >>> 2;
  const json = words[w];
  const heap = mod.HEAPU8;
  const [x, sizes] = JSON.parse(decoder.decode(heap.subarray(json, json + words[w + 1])));
  const posts = postsOf(x);
  let at = words[w + 2];
  for (let i = 0; i < sizes.length; i++) {
    posts[i].html = htmlDecoder.decode(heap.subarray(at, at + sizes[i]));
    at += sizes[i];
  }
  return [x, words[w + 4] !== 0];
}

const LOAD_HINT = 'the command module (mmhook-tools.wasm) is not loaded: await mm.loadCommands() first';

function makeApi(mod, { toolsBytes, fs }) {
  const versions = Object.freeze(JSON.parse(mod.versions()));
  let tools = fullModule ? mod : null;  // the tools module once started
  let loading = null;  // loadCommands()'s promise while it runs (and after it succeeded)

  /** Starts mmhook-tools.wasm (bytes given, inlined, beside the library, or fetched); resolves once command() works. */
  function loadCommands() {
    if (tools) return Promise.resolve();
    if (!loading) {
      loading = (async () => {
        const source = await loadWasmBytes(toolsBytes, null, 'mmhook-tools.wasm');
        const m = await instantiateModule(createMmhookToolsModule, source);
        tools = tools || m;
      })();
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  // The tools module for `fn`: in Node started synchronously on first use; in a browser only after loadCommands().
  function toolsFor(fn) {
    if (tools) return tools;
    if (!isNode) throw new Error(`${fn}: ${LOAD_HINT}`);
    let bytes = toolsBytes;
    if (!bytes && fs) bytes = new Uint8Array(fs.readFileSync(new URL('mmhook-tools.wasm', import.meta.url)));
    if (!bytes) throw new Error(`${fn}: ${LOAD_HINT}`);
    tools = instantiateModuleSync(createMmhookToolsModule, bytes);
    return tools;
  }

  function check(body, request) {
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError(`check: body must be a string or a Uint8Array, got ${body === null ? 'null' : typeof body}`);
    }
    const opts = checkOptions(request);
    // The mobile dialect (cmark-gfm) is only in the tools module; mmhook.wasm has the web dialect alone.
    const m = opts.platform === 'mobile' ? toolsFor('check (platform "mobile")') : mod;
    const l = writeCheckInput(m, body, opts);
    // One call gives the Report with its first posts. A long text's posts arrive in further batches of about POST_BATCH
    // bytes, each rendered just before: neither side ever holds all posts as one text. The HTML, the bulk of it, is
    // decoded straight from the heap into each post's (last) "html" key.
    let [report, more] = readBatch(m, m.check(l[0], l[1], l[2], l[3], l[4], typeof body === 'string', POST_BATCH),
      (r) => r.posts);
    while (more) {
      let posts;
      [posts, more] = readBatch(m, m.checkNext(POST_BATCH), (p) => p);
      for (let i = 0; i < posts.length; i++) report.posts.push(posts[i]);
    }
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
    const t = toolsFor('command');
    const len = writeBody(t, body);
    const n = t.command(len, url, shell, encoding, ctMode, ctMode === 1 ? contentType : '', typeof body === 'string');
    if (n === 0) throw new TypeError(`command: unsupported shell ${shell} or encoding ${encoding}`);
    return JSON.parse(readOutput(t, n));
  }

  function command(body, options) {
    return commandDetails(body, options).command;
  }

  function parseCommand(text) {
    if (typeof text !== 'string') throw new TypeError(`parseCommand: text must be a string, got ${text === null ? 'null' : typeof text}`);
    const t = toolsFor('parseCommand');
    return JSON.parse(readOutput(t, t.parseCommand(writeBody(t, text))));
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
    const { nowMillis, afterResponse } = options;
    if (nowMillis !== undefined && nowMillis !== null) {
      if (!Number.isFinite(nowMillis) || nowMillis < 0) throw new TypeError(`${fn}: options.nowMillis must be a non-negative number`);
      click.nowMillis = Math.floor(nowMillis);
    }
    if (afterResponse !== undefined && afterResponse !== null) {
      if (typeof afterResponse !== 'string') throw new TypeError(`${fn}: options.afterResponse must be a string (the integration's earlier HTTP body)`);
      click.afterResponse = afterResponse;
    }
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
    const t = toolsFor('simulateAction');
    const len = writeBody(t, body);
    return JSON.parse(readOutput(t, t.simulateAction(len, req.hasCt, req.ct, req.settings, req.query, click, typeof body === 'string')));
  }

  function applyActionResponse(body, responseJson, options) {
    bodyArg('applyActionResponse', body);
    if (typeof responseJson !== 'string') throw new TypeError('applyActionResponse: responseJson must be a string (the integration\'s HTTP body)');
    const { click, req } = clickOptions('applyActionResponse', options, false);
    const t = toolsFor('applyActionResponse');
    const len = writeBody(t, body);
    return JSON.parse(readOutput(t, t.applyActionResponse(len, req.hasCt, req.ct, req.settings, req.query, click, responseJson)));
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
    if (o.look !== undefined && o.look !== null && o.look !== 'apps' && o.look !== 'legacy') {
      throw new TypeError("checkDialog: options.look must be 'apps' or 'legacy'");
    }
    const opts = JSON.stringify({ values: o.values ?? undefined, response: o.response ?? undefined,
      nowMillis: o.nowMillis ?? undefined, look: o.look ?? undefined, context: simContext('checkDialog', o.context) });
    const t = toolsFor('checkDialog');
    return JSON.parse(readOutput(t, t.checkDialog(writeBody(t, openRequestJson), opts)));
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
    const t = toolsFor('restFollowUp');
    const len = writeBody(t, body);
    return JSON.parse(readOutput(t, t.restFollowUp(len, req.hasCt, req.ct, req.settings, req.query, opts, typeof body === 'string')));
  }

  return Object.freeze({ version: versions, loadCommands, check, command, commandDetails, parseCommand, simulateAction, applyActionResponse,
    checkDialog, restFollowUp });
}

/** make_command's targets (core/include/mmhook/shells.def), usable before createMmhook(). */
export { SHELLS as shells };
export default createMmhook;
