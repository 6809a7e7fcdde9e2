#!/usr/bin/env node
// Lists the longest functions in core/src (a rough scan: a top-level `{ ... }` block whose opening line looks like a
// function head, matched by braces outside strings, chars and comments; lambdas count inside their function).
// Usage: node scripts/long-functions.mjs [--max N] [--top K] [dir]. With --max, exits 1 when a function is longer,
// apart from the files listed in EXEMPT (owned by another change; reported, not failed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = args[i + 1];
  args.splice(i, 2);
  return Number(v);
};
const max = opt('--max', 0);
const top = opt('--top', 10);
const dir = join(root, args[0] ?? 'core/src');
const EXEMPT = new Set();

function files(d) {
  const out = [];
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(cpp|h|cc|hpp)$/.test(name)) out.push(p);
  }
  return out;
}

// Replaces comments, string and char literals (raw strings too) by spaces, keeping newlines.
function strip(src) {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    const rest2 = src.slice(i, i + 2);
    if (rest2 === '//') {
      while (i < src.length && src[i] !== '\n') { out += ' '; i++; }
    } else if (rest2 === '/*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === 'R' && src[i + 1] === '"' && !/\w/.test(src[i - 1] ?? '')) {
      const open = src.indexOf('(', i);
      const delim = src.slice(i + 2, open);
      const end = src.indexOf(')' + delim + '"', open);
      const stop = end < 0 ? src.length : end + delim.length + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || (c === "'" && !/[0-9a-fA-F]/.test(src[i - 1] ?? ''))) {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      out += ' '.repeat(j + 1 - i);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// A block opens a function when the text before its `{` (back to the previous `;`, `{` or `}`) ends with `)`
// plus qualifiers, and is not a control statement or a type/namespace body.
function isFunctionHead(head) {
  const h = head.replace(/\s+/g, ' ').trim();
  if (/^(namespace|struct|class|union|enum|extern)\b/.test(h) || /\b(struct|class|enum|union)\s+\w+(\s*:[^()]*)?$/.test(h)) return false;
  if (/^(if|for|while|switch|catch|else|do)\b/.test(h)) return false;
  if (/=\s*$/.test(h) || /=\s*\[/.test(h)) return false;
  return /\)\s*(const|noexcept|override|final|mutable|->\s*[\w:<>,*& ]+|\s)*$/.test(h) || /\)\s*:\s*\w/.test(h);
}

const found = [];
for (const file of files(dir)) {
  const text = strip(readFileSync(file, 'utf8'));
  const rel = relative(root, file);
  let depth = 0;
  let last = 0; // index after the previous ; { or } at the current scan point
  const stack = []; // { fn: bool, line, name }
  let line = 1;
  let inFn = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === '{') {
      const head = text.slice(last, i);
      const isFn = inFn === 0 && isFunctionHead(head);
      const name = isFn ? (head.match(/([\w:~<>=!+\-*/\[\]]+)\s*\([^]*\)[^()]*$/)?.[1] ?? '?') : '';
      stack.push({ fn: isFn, line, name });
      if (isFn) inFn++;
      depth++;
      last = i + 1;
    } else if (c === '}') {
      const b = stack.pop();
      depth--;
      if (b && b.fn) {
        inFn--;
        found.push({ file: rel, name: b.name, start: b.line, lines: line - b.line + 1 });
      }
      last = i + 1;
    } else if (c === ';') {
      last = i + 1;
    } else if (c === '#' && /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, i - 80), i))) {
      while (i < text.length && text[i] !== '\n') i += text[i] === '\\' && text[i + 1] === '\n' ? 2 : 1;
      i--;
      last = i + 1;
    }
  }
}

found.sort((a, b) => b.lines - a.lines);
for (const f of found.slice(0, top))
  console.log(`${String(f.lines).padStart(5)}  ${f.file}:${f.start}  ${f.name}${EXEMPT.has(f.file) ? '  (exempt)' : ''}`);
if (max > 0) {
  const over = found.filter((f) => f.lines > max && !EXEMPT.has(f.file));
  const exempt = found.filter((f) => f.lines > max && EXEMPT.has(f.file));
  if (exempt.length) console.log(`${exempt.length} exempt function(s) longer than ${max} lines`);
  if (over.length) {
    console.log(`${over.length} function(s) longer than ${max} lines:`);
    for (const f of over) console.log(`  ${f.file}:${f.start} ${f.name} (${f.lines} lines)`);
    process.exit(1);
  }
  console.log(`no function longer than ${max} lines`);
}
