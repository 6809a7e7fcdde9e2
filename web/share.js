// Share links (payload + settings deflate-raw compressed, base64url, in the URL fragment) and the local draft.
// The webhook URL is never part of either.
export const SHARE_WARN_LENGTH = 2000;   // many chat clients, mail programs and old browsers cut links beyond ~2 KB
// A link unpacks to at most this many bytes (the core's analysis cap, kAnalysisCap); decompression stops at the
// first chunk past it, so a small link can never inflate to hundreds of megabytes.
export const SHARE_MAX_BYTES = 16 * 1024 * 1024;
const DRAFT_KEY = 'mmhook.draft.v1';
const PREVIOUS_DRAFT_KEY = 'mmhook.draft.beforeShare.v1';   // the reader's draft, kept when a share link replaced it
const URL_KEY = 'mmhook.webhookUrl.v1';
const PREF_KEY = 'mmhook.prefs.v1';

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Inflates deflate-raw `bytes`; null as soon as the output passes `cap` bytes (the rest is never decompressed). */
async function inflateCapped(bytes, cap) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > cap) { reader.cancel().catch(() => {}); return null; }
    chunks.push(value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/** state {body, contentType, mode, settings, platform} -> fragment "#s=…" (platform kept only when not the default web). */
export async function encodeShare(state) {
  const obj = { v: 1, body: state.body, contentType: state.contentType, mode: state.mode, settings: state.settings };
  if (state.platform === 'mobile') obj.platform = 'mobile';
  const json = JSON.stringify(obj);
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return '#s=' + toBase64Url(packed);
}

/**
 * fragment -> {state} for a readable share, {error} for a share link that cannot be read (cut short by the app that
 * carried it, or edited), null when the fragment is no share link at all.
 */
export async function readShare(hash) {
  if (!/^#s=/.test(hash || '')) return null;
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return { error: 'it contains characters a share link never has' };
  try {
    const bytes = await inflateCapped(fromBase64Url(m[1]), SHARE_MAX_BYTES);
    if (!bytes) return { error: `it unpacks to more than ${SHARE_MAX_BYTES / 1048576} MiB, more than the page reads from a link`, tooLarge: true };
    const obj = JSON.parse(new TextDecoder().decode(bytes));
    if (!obj || obj.v !== 1 || typeof obj.body !== 'string') return { error: 'it does not hold a payload' };
    return { state: obj };
  } catch {
    return { error: 'its data is incomplete or damaged' };
  }
}

/** fragment -> state, or null when the fragment holds no (valid) share. */
export async function decodeShare(hash) {
  const r = await readShare(hash);
  return r && r.state ? r.state : null;
}

function storage() {
  try { return window.localStorage; } catch { return null; }
}
// A draft ({v: 1, body, …}) kept under `key`; reading gives null for none, an unreadable one or another version.
function writeDraft(key, draft) {
  try { storage()?.setItem(key, JSON.stringify({ v: 1, ...draft })); } catch { /* quota or disabled storage */ }
}
function readDraft(key) {
  try {
    const obj = JSON.parse(storage()?.getItem(key) || 'null');
    return obj && obj.v === 1 && typeof obj.body === 'string' ? obj : null;
  } catch { return null; }
}
export const saveDraft = (state) => writeDraft(DRAFT_KEY, state);
export const loadDraft = () => readDraft(DRAFT_KEY);
/** Keeps `draft` (the reader's own) aside while a shared payload is open; read back with loadPreviousDraft(). */
export const keepPreviousDraft = (draft) => writeDraft(PREVIOUS_DRAFT_KEY, draft);
export const loadPreviousDraft = () => readDraft(PREVIOUS_DRAFT_KEY);
export function clearDraft() { try { storage()?.removeItem(DRAFT_KEY); } catch { /* ignore */ } }

export function saveWebhookUrl(url) { try { storage()?.setItem(URL_KEY, url); } catch { /* ignore */ } }
export function loadWebhookUrl() { try { return storage()?.getItem(URL_KEY) || ''; } catch { return ''; } }
export function forgetWebhookUrl() { try { storage()?.removeItem(URL_KEY); } catch { /* ignore */ } }

export function loadPrefs() { try { return JSON.parse(storage()?.getItem(PREF_KEY) || '{}') || {}; } catch { return {}; } }
export function savePrefs(p) { try { storage()?.setItem(PREF_KEY, JSON.stringify(p)); } catch { /* ignore */ } }
