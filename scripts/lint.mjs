#!/usr/bin/env node
// The lint suite of `npm test` (checks only, never rewrites a file):
//  - C++ format: `clang-format --dry-run --Werror` (.clang-format) on core/, wasm/ and tests/native, except the files
//    in scripts/clang-format-pending.txt (written before .clang-format; a listed file that already matches fails, so
//    the list only shrinks);
//  - JS syntax: `node --check` on every .js/.mjs/.cjs;
//  - JS rules that hold today: no tab, no trailing white space, no CR, a final newline, no `var`, no `debugger`,
//    no `.only(` in tests, no console.log and no eval( in the library and page sources (wasm/, web/, bin/);
//  - no function in core/src longer than 120 lines (scripts/long-functions.mjs).
//  - no hand-kept list of shell targets outside core/include/mmhook/shells.def (scripts/shell-lists.mjs).
// Ends with "N passed, N failed" (one per check).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const SKIP_DIRS = new Set(['node_modules', 'build', 'dist', 'third_party', '.git']);
const rel = (p) => relative(root, p).split('\\').join('/');

function walk(dir, test, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (!SKIP_DIRS.has(name)) walk(p, test, out); } else if (test(name)) out.push(p);
  }
  return out;
}

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) { passed++; console.log(`ok   ${name}`); return; }
  failed++;
  console.log(`FAIL ${name}`);
  for (const p of problems.slice(0, 40)) console.log(`     ${p}`);
  if (problems.length > 40) console.log(`     … and ${problems.length - 40} more`);
}

// ---- C++ format
{
  const pendingFile = join(root, 'scripts/clang-format-pending.txt');
  const pending = new Set(readFileSync(pendingFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  const files = ['core', 'wasm', 'tests/native'].flatMap((d) => walk(join(root, d), (n) => /\.(cpp|cc|h|hpp)$/.test(n))).sort();
  const problems = [];
  const version = spawnSync('clang-format', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    problems.push('clang-format is not installed (scripts/setup.sh installs it: apt-get install clang-format)');
  } else {
    for (const f of files) {
      const r = spawnSync('clang-format', ['--dry-run', '--Werror', f], { cwd: root, encoding: 'utf8' });
      const clean = r.status === 0;
      if (pending.has(rel(f))) { if (clean) problems.push(`${rel(f)} matches .clang-format: remove it from scripts/clang-format-pending.txt`); }
      else if (!clean) problems.push(`${rel(f)} is not formatted (clang-format -i ${rel(f)}):\n       ${r.stderr.split('\n').slice(0, 4).join('\n       ')}`);
    }
    for (const p of pending) if (!files.some((f) => rel(f) === p)) problems.push(`${p} is listed in scripts/clang-format-pending.txt but does not exist`);
  }
  report(`C++ format (${files.length - pending.size} files checked, ${pending.size} pending)`, problems);
}

// ---- JS syntax and rules
{
  const files = walk(root, (n) => /\.(js|mjs|cjs)$/.test(n)).sort();
  const syntax = [];
  for (const f of files) {
    const r = spawnSync(process.execPath, ['--check', f], { encoding: 'utf8' });
    if (r.status !== 0) syntax.push(`${rel(f)}: ${r.stderr.split('\n').slice(0, 5).join(' ')}`);
  }
  report(`JS syntax (node --check, ${files.length} files)`, syntax);

  const rules = [];
  const library = /^(wasm|web|bin)\//;
  for (const f of files) {
    const name = rel(f);
    const text = readFileSync(f, 'utf8');
    if (text.length && !text.endsWith('\n')) rules.push(`${name}: no final newline`);
    if (text.includes('\r')) rules.push(`${name}: carriage return`);
    text.split('\n').forEach((line, i) => {
      const at = `${name}:${i + 1}`;
      if (line.includes('\t')) rules.push(`${at}: tab`);
      if (/\s$/.test(line)) rules.push(`${at}: trailing white space`);
      if (/^\s*var\s/.test(line)) rules.push(`${at}: var (use const or let)`);
      if (/^\s*debugger\s*;?\s*$/.test(line)) rules.push(`${at}: debugger statement`);
      if (/\b(test|it|describe)\.only\(/.test(line)) rules.push(`${at}: .only( leaves the other tests out`);
      if (library.test(name) && /\bconsole\.log\(/.test(line)) rules.push(`${at}: console.log in library or page code`);
      if (library.test(name) && /(^|[^\w$.])eval\(/.test(line)) rules.push(`${at}: eval(`);
    });
  }
  report(`JS rules (${files.length} files)`, rules);
}

// ---- function length
{
  let out = '';
  let ok = true;
  try {
    out = execFileSync(process.execPath, [join(root, 'scripts/long-functions.mjs'), '--max', '120', '--top', '5'], { encoding: 'utf8' });
  } catch (e) {
    ok = false;
    out = String(e.stdout ?? e.message);
  }
  report('no function in core/src longer than 120 lines', ok ? [] : out.trim().split('\n'));
}

// ---- one list of shells
{
  const { findShellLists } = await import('./shell-lists.mjs');
  report('no hand-kept list of shells (core/include/mmhook/shells.def is the one)', findShellLists(root));
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
