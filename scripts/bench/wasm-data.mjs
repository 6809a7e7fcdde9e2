#!/usr/bin/env node
// Size attribution of a wasm module without symbols (issue 20): its sections, its data segments of 1 KB or more
// (raw, gzip -9 alone, first bytes), and the string-literal segment split into diagnostic names/messages by
// core/include/mmhook/codes/*.def family and the other strings.
// Usage: node scripts/bench/wasm-data.mjs [dist/mmhook.wasm] [--strings N (list the N longest other strings)]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith('.wasm')) ?? path.join(root, 'dist/mmhook.wasm');
const listStrings = args.includes('--strings') ? Number(args[args.indexOf('--strings') + 1]) : 0;
const b = fs.readFileSync(file);
const gz = (u) => zlib.gzipSync(u, { level: 9 }).length;
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
const NAMES = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global', 7: 'export',
  8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount' };
const segments = [];
console.log(`${path.relative(process.cwd(), file)}: ${b.length} B, gzip -9 ${gz(b)} B`);
while (p < b.length) {
  const id = b[p++]; const size = leb(); const start = p;
  console.log(`section ${NAMES[id] ?? id}: ${size} B, gzip -9 alone ${gz(b.subarray(start, start + size))} B`);
  if (id === 11) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      const kind = leb();
      if (kind === 2) leb();
      if (kind !== 1) { if (b[p++] !== 0x41) throw new Error('data offset is not i32.const'); leb(); p++; }
      const len = leb(); segments.push(b.subarray(p, p + len)); p += len;
    }
  }
  p = start + size;
}
const printable = (u) => [...u.subarray(0, 48)].map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.')).join('');
console.log(`\n${segments.length} data segments; those of 1 KB or more (raw, gzip -9 alone, first bytes):`);
for (const [i, s] of segments.entries()) if (s.length >= 1024) console.log(`  #${i} ${s.length} ${gz(s)} ${printable(s)}`);

// Diagnostic texts: the .def literals, matched against the NUL-terminated strings of the segment holding them.
const codesDir = path.join(root, 'core/include/mmhook/codes');
const literal = (s) => [...s.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1]}"`)).join('');
const family = new Map();
for (const f of fs.readdirSync(codesDir).filter((f) => f.endsWith('.def') && !/^(all|check|tools)\.def$/.test(f))) {
  const text = fs.readFileSync(path.join(codesDir, f), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const re = /MMHOOK_CODE\(\s*\w+\s*,((?:\s*"(?:[^"\\]|\\.)*")+)\s*,\s*\w+\s*,((?:\s*"(?:[^"\\]|\\.)*")+)/g;
  for (const m of text.matchAll(re)) { family.set(literal(m[1]), f); family.set(literal(m[2]), f); }
}
const strSeg = segments.find((s) => s.includes(Buffer.from('json.syntax\0')));
if (!strSeg) process.exit(0);
const groups = {};
let from = 0;
for (let i = 0; i < strSeg.length; i++) {
  if (strSeg[i] !== 0) continue;
  const s = strSeg.subarray(from, i + 1); const t = s.subarray(0, s.length - 1).toString('utf8');
  const g = family.get(t) ?? (/[a-z]{2}/.test(t) ? 'other strings' : 'other bytes');
  (groups[g] ??= []).push(s); from = i + 1;
}
console.log(`\nstring segment (${strSeg.length} B): diagnostic names + messages by family, the rest (count, raw, gzip -9 alone):`);
for (const [g, list] of Object.entries(groups).sort()) {
  const all = Buffer.concat(list); console.log(`  ${g.padEnd(16)} ${String(list.length).padStart(5)} ${String(all.length).padStart(7)} ${String(gz(all)).padStart(7)}`);
}
if (listStrings) {
  const other = (groups['other strings'] ?? []).map((s) => s.subarray(0, s.length - 1).toString('utf8'));
  for (const s of other.sort((x, y) => y.length - x.length).slice(0, listStrings)) console.log(`  ${s.length}\t${s.slice(0, 120)}`);
}
