// One list of shells (issue 15): core/include/mmhook/shells.def is read by the core, generated into wasm/shells.gen.js
// for the JS API, the CLI, the page and the embed, and checked against mmhook.d.ts; nobody keeps a list of their own.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mmhook, root, shells, compileAgainstDts } from './helpers.mjs';
import { readShells, apiNames, shellsModule, OUT } from '../../scripts/gen-shells.mjs';
import { findShellLists, shellListsIn } from '../../scripts/shell-lists.mjs';

const def = readShells();
const names = apiNames(def);

test('shells: the JS API exports the .def list (ids, labels, API aliases, in order); the generated module is fresh', async () => {
  assert.deepEqual((await shells()).map((s) => ({ ...s, aliases: [...s.aliases] })),
    def.map((s) => ({ id: s.id, label: s.label, aliases: s.aliases.filter((a) => a.api).map((a) => a.name) })));
  assert.equal(readFileSync(OUT, 'utf8'), shellsModule(def), 'wasm/shells.gen.js is stale: node scripts/gen-shells.mjs');
  assert.ok(Object.isFrozen(await shells()));
});

test('shells: command() and restFollowUp() accept every name of the list and no other', async () => {
  const mm = await mmhook();
  for (const shell of names) {
    assert.match(mm.command('{}', { url: 'https://chat.example.com/hooks/abc', shell }), /\n$/, shell);
    assert.equal(typeof mm.restFollowUp('{"text":"x"}', { shell }).command, 'string', shell);
  }
  const coreOnly = def.flatMap((s) => s.aliases.filter((a) => !a.api).map((a) => a.name));
  assert.ok(coreOnly.length > 0);
  for (const shell of [...coreOnly, 'fish', 'POSIX', '']) {
    assert.throws(() => mm.command('{}', { url: 'https://chat.example.com/hooks/abc', shell }), TypeError, shell);
    assert.throws(() => mm.restFollowUp('{}', { shell }), TypeError, shell);
  }
});

test('shells: mmhook.d.ts types ShellId, Shell and shells as the .def says', () => {
  const union = (xs) => xs.map((x) => JSON.stringify(x)).join(' | ');
  const r = compileAgainstDts(`
import { shells, type Shell, type ShellId, type CommandOptions, type RestFollowUpOptions } from './mmhook';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const ids: Same<ShellId, ${union(def.map((s) => s.id))}> = true;
const all: Same<Shell, ${union(names)}> = true;
const option: Same<CommandOptions['shell'], Shell> = true;
const rest: Same<RestFollowUpOptions['shell'], Shell | undefined> = true;
const first: ShellId = shells[0].id;
const label: string = shells[0].label;
const alias: Shell | undefined = shells[0].aliases[0];
void [ids, all, option, rest, first, label, alias];
`);
  assert.equal(r.status, 0, r.output);
});

test('shells: no hand-kept list of shells outside shells.def (the page, the embed, the CLI, the JS API, tests)', () => {
  assert.deepEqual(findShellLists(root), []);
  // The checker finds what the consumers used to keep.
  assert.equal(shellListsIn('a.js', "const SHELLS = [['posix', 'bash / zsh'], ['powershell', 'PowerShell'],\n  ['cmd', 'cmd.exe']];", def).length, 1);
  assert.equal(shellListsIn('a.mjs', "const usage = 'mmhook curl [--shell posix|powershell|cmd]';", def).length, 1);
  assert.equal(shellListsIn('a.ts', "shell: 'posix' | 'powershell' | 'cmd';", def).length, 1);
  const every = def.map((s) => `Shell::${s.enumerator}`).join(', ');
  assert.equal(shellListsIn('a.cpp', `for (Shell s : {${every}}) f(s);`, def).length, 1);
  // Not lists: one or two names, a switch over the enum, a per-shell table.
  assert.deepEqual(shellListsIn('a.js', "if (shell === 'posix' || shell === 'cmd') x();", def), []);
  assert.deepEqual(shellListsIn('a.cpp', `switch (s) { ${def.map((s) => `case Shell::${s.enumerator}: return 1;`).join(' ')} }`, def), []);
  assert.deepEqual(shellListsIn('a.js', "// per-shell table\nconst t = [['posix', 1], ['wget', 2], ['fetch', 3]];", def), []);
});

test('shells: the .def reader refuses a line it cannot read', () => {
  assert.throws(() => readShells('MMHOOK_SHELL(posix, "posix", "bash / zsh")\n'), /shells\.def:1/);
  assert.throws(() => readShells('MMHOOK_SHELL_ALIAS("bash", posix, true)\n'), /unknown shell/);
  assert.throws(() => readShells('MMHOOK_SHELL(a, "a", "A", "")\nMMHOOK_SHELL(b, "a", "B", "")\n'), /twice/);
});

test('shells: the CLI usage offers every target', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mmhook.mjs'), '--help'], { encoding: 'utf8' });
  const choices = def.map((s) => s.id).join('|');
  assert.ok(r.stdout.includes(`mmhook curl [FILE|-] --url URL [--shell ${choices}]`), r.stdout);
  assert.ok(r.stdout.includes(`[--shell ${choices}] [--post N]`), r.stdout);
});
