// Finds hand-kept lists of shell targets outside the core's one list (core/include/mmhook/shells.def and the module
// generated from it, wasm/shells.gen.js). Used by scripts/lint.mjs and tests/js/shells.test.mjs.
//  - JS/TS: three or more different target ids, each quoted, within three lines, or three joined by | (a usage text);
//    a table that maps targets to something else (an interpreter per target) says "per-shell table" just above it
//    (the 20 lines below are not checked);
//  - C++: a braced list naming every Shell:: enumerator (use mmhook::kShells); a switch's cases are not a list.
// wasm/mmhook.d.ts is left to tests/js/shells.test.mjs, which checks its unions against the .def.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readShells } from './gen-shells.mjs';

const DIRS = ['core', 'wasm', 'web', 'bin', 'scripts', 'tests', 'examples'];
const SKIP = new Set(['node_modules', 'build', 'dist', 'third_party', '.git']);
// The list itself, the d.ts (checked by tests/js/shells.test.mjs) and that test's fixtures.
const ALLOWED = new Set(['wasm/shells.gen.js', 'wasm/mmhook.d.ts', 'tests/js/shells.test.mjs']);

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (!SKIP.has(name)) walk(p, out); } else if (/\.(m?js|cjs|ts|cpp|h)$/.test(name)) out.push(p);
  }
  return out;
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** Problems in `text` (a file named `name`): ["name:line: …"]. `shells`: readShells()'s entries. */
export function shellListsIn(name, text, shells) {
  const ids = shells.map((s) => s.id).sort((a, b) => b.length - a.length).map(esc).join('|');
  const problems = [];
  const lines = text.split('\n');
  if (/\.(cpp|h)$/.test(name)) {
    const all = shells.map((s) => s.enumerator);
    for (const m of text.matchAll(/\{[^{}]*\}/g)) {
      if (/\bcase\b/.test(m[0])) continue;
      const named = new Set([...m[0].matchAll(/\bShell::(\w+)/g)].map((x) => x[1]));
      if (all.every((e) => named.has(e))) {
        problems.push(`${name}:${text.slice(0, m.index).split('\n').length}: a list of every Shell: use mmhook::kShells (shells.def)`);
      }
    }
    return problems;
  }
  const quoted = new RegExp(`(['"\`])(${ids})\\1`, 'g');
  const joined = new RegExp(`(?:^|[^\\w-])(?:${ids})(?:\\|(?:${ids})){2,}(?![\\w-])`);
  let last = -3;
  let exempt = -1;
  lines.forEach((_, i) => {
    const window = lines.slice(i, i + 3).join('\n');
    const found = new Set([...window.matchAll(quoted)].map((m) => m[2]));
    if (lines[i].includes('per-shell table')) exempt = i + 20;
    if (i <= exempt) return;
    if ((found.size >= 3 && i > last + 2 && new RegExp(quoted.source).test(lines[i])) || joined.test(lines[i])) {
      problems.push(`${name}:${i + 1}: a hand-kept list of shells: import SHELLS from wasm/shells.gen.js (or shells ` +
        'from the JS API) instead; the list is core/include/mmhook/shells.def');
      last = i;
    }
  });
  return problems;
}

/** Every hand-kept list of shells in the tree below `root`. */
export function findShellLists(root) {
  const shells = readShells();
  const problems = [];
  for (const f of DIRS.flatMap((d) => walk(join(root, d))).sort()) {
    const name = relative(root, f).split('\\').join('/');
    if (!ALLOWED.has(name)) problems.push(...shellListsIn(name, readFileSync(f, 'utf8'), shells));
  }
  return problems;
}
