#!/usr/bin/env node
// Generates the compact C++ emoji tables from the pinned npm package emoji-datasource (the data Mattermost builds its
// system emoji from). Usage: node gen-emoji.mjs EMOJI_JSON OUT_INC
//  * kNames/kNameLen, kTexts/kTextLen: short name -> UTF-8 text, sorted by name (for :shortcode:), packed.
//  * kSeqData: every emoji code point sequence a text can hold (fully qualified and non-qualified forms, skin-tone
//    variants, ZWJ sequences, keycaps, flags), sorted by bytes, for a longest-match scan of Unicode emoji. A sequence
//    is named as the web app's emoji map names it (row of the short name + skin-tone suffix) only when it is the fully
//    qualified form of an emoji Mattermost ships (emoji-datasource 6.1.1 = Emoji 13.0; later ones are "unsupported").
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';

const MATTERMOST_EMOJI_VERSION = 13.0;
const TONES = ['1F3FB', '1F3FC', '1F3FD', '1F3FE', '1F3FF'];

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: gen-emoji.mjs path/to/emoji.json out.inc');
  process.exit(2);
}
const data = JSON.parse(readFileSync(src, 'utf8'));

const bytesOf = (unified) => Buffer.from(String.fromCodePoint(...unified.split('-').map((h) => parseInt(h, 16))), 'utf8');
const chunks = (x, n) => Array.from({length: Math.ceil(x.length / n)}, (_, i) => x.slice(i * n, i * n + n));
const literal = (buf) => Array.from(buf, (b) => '\\x' + b.toString(16).padStart(2, '0')).join('');

const rows = new Map();
for (const e of data) {
  for (const name of e.short_names || [e.short_name]) {
    if (!/^[a-z0-9_+-]+$/i.test(name) || rows.has(name)) continue;
    rows.set(name, bytesOf(e.unified));
  }
}
const names = [...rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const rowIndex = new Map(names.map((n, i) => [n, i]));

// tones code: 0 none, 1..5 one tone, 6..30 two tones (6 + 5 * first + second).
const tonesCode = (key) => {
  if (!key) return 0;
  const t = key.split('-').map((k) => TONES.indexOf(k));
  return t.length === 1 ? 1 + t[0] : 6 + 5 * t[0] + t[1];
};
const seqs = new Map();   // hex bytes -> {buf, row, tones}; row null = matched but unnamed
const add = (unified, row, tones) => {
  if (!unified) return;
  const buf = bytesOf(unified);
  const key = buf.toString('hex');
  if (seqs.get(key)?.row != null) return;
  seqs.set(key, {buf, row, tones});
};
const supported = (v) => parseFloat(v) <= MATTERMOST_EMOJI_VERSION;
for (const e of data) {
  const row = rowIndex.get(e.short_name) ?? null;
  add(e.unified, supported(e.added_in) ? row : null, 0);
  add(e.non_qualified, null, 0);   // e.g. a bare U+2764 without U+FE0F: an emoji, not in the web app's map
  for (const [key, v] of Object.entries(e.skin_variations || {})) {
    add(v.unified, supported(e.added_in) && supported(v.added_in) ? row : null, tonesCode(key));
  }
}
const sorted = [...seqs.values()].sort((a, b) => Buffer.compare(a.buf, b.buf));

// Primary rows (an emoji's short_name, not an alias): the row a sequence's name is derived from at run time.
const primary = new Set();
for (const e of data) if (rowIndex.has(e.short_name)) primary.add(rowIndex.get(e.short_name));
const primaryByText = new Map();
for (const r of primary) primaryByText.set(rows.get(names[r]).toString('hex'), r);
const cpsOf = (buf) => Array.from(buf.toString('utf8'), (c) => c.codePointAt(0));
const TONE_CPS = TONES.map((t) => parseInt(t, 16));
const hexOf = (cps) => Buffer.from(String.fromCodePoint(...cps), 'utf8').toString('hex');
// What emoji.cpp derives: the primary row of the sequence without its skin tones (or with U+FE0F where one was).
const derivedRow = (cps) => {
  const stripped = [];
  const refilled = [];
  cps.forEach((c, i) => {
    if (TONE_CPS.includes(c)) {
      if (cps[i + 1] !== 0xfe0f) refilled.push(0xfe0f);
    } else {
      stripped.push(c);
      refilled.push(c);
    }
  });
  return primaryByText.get(hexOf(stripped)) ?? primaryByText.get(hexOf(refilled));
};

// Code points: 0x01-0x09 common components, 0x0A + byte a tag character (U+E00xx), 0x10-0x1F + byte U+1Fxxx,
// 0x20-0x7E ASCII, 0x80-0xFF + byte U+0000-U+7FFF.
const SPECIAL = [0, 0x200d, 0xfe0f, ...TONE_CPS, 0x20e3];
const encodeCp = (cp) => {
  const k = SPECIAL.indexOf(cp);
  if (k > 0) return [k];
  if (cp >= 0xe0000 && cp <= 0xe00ff) return [0x0a, cp - 0xe0000];
  if (cp >= 0x1f000 && cp <= 0x1ffff) return [0x10 | ((cp - 0x1f000) >> 8), cp & 0xff];
  if (cp >= 0x20 && cp <= 0x7e) return [cp];
  if (cp < 0x8000) return [0x80 | (cp >> 8), cp & 0xff];
  throw new Error(`gen-emoji: cannot encode U+${cp.toString(16)}`);
};

// kSeqData records, prefix-coded against the previous sequence (in code points):
// [named 0x80 | explicit row 0x40 | shared prefix length][new code point count][code points...]
// then, when named, [tones], and with an explicit row [row high][row low].
const bytes = [];
let prev = [];
let explicit = 0;
for (const s of sorted) {
  const cps = cpsOf(s.buf);
  let shared = 0;
  while (shared < cps.length && shared < prev.length && cps[shared] === prev[shared] && shared < 0x3f) ++shared;
  const named = s.row != null;
  const own = named && derivedRow(cps) !== s.row;
  explicit += own;
  bytes.push((named ? 0x80 : 0) | (own ? 0x40 : 0) | shared, cps.length - shared);
  for (const cp of cps.slice(shared)) bytes.push(...encodeCp(cp));
  if (named) bytes.push(s.tones);
  if (own) bytes.push(s.row >> 8, s.row & 0xff);
  prev = cps;
}
const primaryBits = new Array(Math.ceil(names.length / 8)).fill(0);
for (const r of primary) primaryBits[r >> 3] |= 1 << (r & 7);

let body = '// Generated by scripts/gen-emoji.mjs from emoji-datasource; do not edit.\n';
// Rows packed: all names in one string, all texts in another, each row's byte length in both (uint8 lengths gzip to a
// quarter of uint16 end offsets: -6 KB in the wasm module); emoji.cpp sums them into offsets once (no pointers).
const lengths = (parts) => {
  let at = 0;
  return parts.map((p) => {
    at += p.length;
    if (p.length > 0xff) throw new Error('gen-emoji: a row over 255 bytes, widen the lengths');
    if (at > 0xffff) throw new Error('gen-emoji: table over 64 KiB, widen the offsets');
    return p.length;
  });
};
const texts = names.map((n) => rows.get(n));
body += `constexpr std::size_t kRowCount = ${names.length};\n`;
body += `const char kNames[] =\n${chunks(names.join(''), 100).map((c) => `"${c}"`).join('\n')};\n`;
body += `const unsigned char kNameLen[kRowCount] = {${lengths(names).join(',')}};\n`;
body += `const char kTexts[] =\n${chunks(Buffer.concat(texts), 32).map((c) => `"${literal(c)}"`).join('\n')};\n`;
body += `const unsigned char kTextLen[kRowCount] = {${lengths(texts).join(',')}};\n`;
body += `const unsigned char kPrimary[${primaryBits.length}] = {${primaryBits.join(',')}};\n`;
body += `// ${explicit} sequences name their row explicitly.\n`;
body += `constexpr std::size_t kSeqCount = ${sorted.length};\nconst unsigned char kSeqData[${bytes.length}] = {\n`;
for (let i = 0; i < bytes.length; i += 24) body += bytes.slice(i, i + 24).join(',') + ',\n';
body += '};\n';
mkdirSync(dirname(out), {recursive: true});
writeFileSync(out, body);
