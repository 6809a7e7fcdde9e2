// Shared by the CLI subcommands: argument parsing, reading input files, settings, HTML escaping.
import { readFile } from 'node:fs/promises';

/** A usage or I/O error: the dispatcher prints its message on one line and exits 2. */
export class UsageError extends Error {}

/** Parses argv against spec {'--name': 'flag' | 'value'}; other words are files. */
export function parseArgs(argv, spec) {
  const out = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) { out.files.push(a); continue; }
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option ${name}`);
    if (kind === 'flag') { out[name] = true; continue; }
    const v = inline !== undefined ? inline : argv[++i];
    if (v === undefined) throw new UsageError(`option ${name} needs a value`);
    out[name] = v;
  }
  return out;
}

export async function readInput(file) {
  try {
    if (file === '-' || file === undefined) {
      const chunks = [];
      for await (const c of process.stdin) chunks.push(c);
      return new Uint8Array(Buffer.concat(chunks));
    }
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new UsageError(`cannot read ${file === '-' || file === undefined ? 'standard input' : file}: ${e.code || e.message}`);
  }
}

export async function readSettings(file) {
  if (!file) return undefined;
  let text;
  try { text = await readFile(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read settings ${file}: ${e.code || e.message}`); }
  try {
    const s = JSON.parse(text);
    if (!s || typeof s !== 'object' || Array.isArray(s)) throw new Error('not an object');
    return s;
  } catch (e) {
    throw new UsageError(`settings ${file} is not a JSON object: ${e.message}`);
  }
}

export function decodeText(bytes) { return new TextDecoder().decode(bytes); }

/** Valid UTF-8 is checked as a string (positions in characters, as editors count); anything else byte for byte. */
export function asBody(bytes) {
  try { return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes); } catch { return bytes; }
}

export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
