// Shared by the CLI subcommands: argument parsing, bounded input reading, settings, and output that is safe for a
// terminal (payload text never reaches it raw) or exact (JSON, files).
import { open, readFile } from 'node:fs/promises';

/** A usage or I/O error: the dispatcher prints its message on one line and exits 2. */
export class UsageError extends Error {}

/** The core's analysis cap (kAnalysisCap in core/include/mmhook/check.h): bodies are read up to this + 1 byte. */
export const ANALYSIS_CAP = 16 * 1024 * 1024;

/** Parses argv against spec {'--name': 'flag' | 'value'}; other words are files. */
export function parseArgs(argv, spec) {
  const out = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) { out.files.push(a); continue; }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [name, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option ${name}`);
    if (kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
      out[name] = true;
      continue;
    }
    const v = inline !== undefined ? inline : argv[++i];
    if (v === undefined) throw new UsageError(`option ${name} needs a value`);
    out[name] = v;
  }
  return out;
}

/** --platform web|mobile: whose Markdown dialect the posts' HTML shows (default web). */
export function platformOption(o) {
  const p = o['--platform'] ?? 'web';
  if (p !== 'web' && p !== 'mobile') throw new UsageError(`--platform must be web or mobile, not ${p}`);
  return p;
}

/** The Content-Type header from --content-type TYPE / --no-content-type (null = no header), or `fallback`. */
export function contentTypeOption(o, fallback) {
  if (o['--no-content-type'] && o['--content-type'] !== undefined) {
    throw new UsageError('--content-type and --no-content-type exclude each other');
  }
  if (o['--no-content-type']) return null;
  return o['--content-type'] ?? fallback;
}

const inputName = (file) => (file === '-' || file === undefined ? 'standard input' : file);

/**
 * Reads a file (or standard input for '-') but never more than `limit` bytes: /dev/zero or a huge pipe stops there.
 * Returns {bytes, truncated, stat} (stat: the file's identity, for refusing to overwrite the input).
 */
export async function readInput(file, limit = ANALYSIS_CAP + 1) {
  let handle;
  try {
    const stdin = file === '-' || file === undefined;
    handle = stdin ? null : await open(file, 'r');
    const stat = handle ? await handle.stat() : null;
    if (stat && stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const chunks = [];
    let total = 0;
    let truncated = false;
    const take = (chunk) => {
      if (total + chunk.length > limit) { chunks.push(chunk.subarray(0, limit - total)); total = limit; truncated = true; return false; }
      chunks.push(chunk);
      total += chunk.length;
      return true;
    };
    if (handle) {
      for (;;) {
        const want = Math.min(1 << 20, limit + 1 - total);
        const buf = Buffer.allocUnsafe(want);
        const { bytesRead } = await handle.read(buf, 0, want, null);
        if (bytesRead === 0 || !take(buf.subarray(0, bytesRead))) break;
      }
    } else {
      for await (const c of process.stdin) if (!take(c)) break;
      if (truncated) process.stdin.destroy();
    }
    return { bytes: new Uint8Array(Buffer.concat(chunks, total)), truncated, stat };
  } catch (e) {
    throw new UsageError(`cannot read ${inputName(file)}: ${e.code || e.message}`);
  } finally {
    await handle?.close();
  }
}

/** The read limit for a check: the analysis cap, or the server's own limit when an admin set it higher, + 1 byte. */
export function readLimit(settings) {
  const max = settings && Number.isFinite(settings.maximumPayloadSizeBytes) ? settings.maximumPayloadSizeBytes : 300000;
  return Math.max(ANALYSIS_CAP, max < 0 ? 512 : max + 512) + 1;
}

export async function readSettings(file) {
  if (!file) return undefined;
  let text;
  try { text = await readFile(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read settings ${file}: ${e.code || e.message}`); }
  let s;
  try { s = JSON.parse(text); } catch (e) { throw new UsageError(`settings ${file} is not valid JSON: ${e.message}`); }
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw new UsageError(`settings ${file} is not a JSON object`);
  return s;
}

/** Valid UTF-8 is checked as a string (positions in characters, as editors count); anything else byte for byte. */
export function asBody(bytes) {
  try { return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes); } catch { return bytes; }
}

export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// C0 controls, DEL, C1 controls, and the bidi controls that reorder what a terminal shows (Trojan Source):
// LRM/RLM, ALM, LRE..RLO, LRI..PDI. U+2028/2029 (line and paragraph separators) too.
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const hex = (c, n) => c.codePointAt(0).toString(16).padStart(n, '0');

/** Text for a terminal: every control and bidi character visible as \xHH / \uHHHH (lone surrogates too). */
export function terminalSafe(text) {
  return String(text).replace(TERMINAL_UNSAFE, (c) => (c.charCodeAt(0) < 0x80 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${hex(c, 4)}`);
}

/** True when `text` has a character terminalSafe would change. */
export function hasTerminalUnsafe(text) {
  TERMINAL_UNSAFE.lastIndex = 0;
  return TERMINAL_UNSAFE.test(text);
}

/** JSON that is still exact JSON but has no raw control or bidi character (JSON.stringify leaves C1 and bidi raw). */
export function terminalSafeJson(value) {
  // JSON.stringify escapes C0 inside strings; the raw newlines left are its own indentation.
  return JSON.stringify(value, null, 2).replace(TERMINAL_UNSAFE, (c) => (c === '\n' ? c : `\\u${hex(c, 4)}`));
}

/** Writes lines of display text to standard output, each made terminal-safe. */
export function printLine(text) {
  process.stdout.write(terminalSafe(text) + '\n');
}
