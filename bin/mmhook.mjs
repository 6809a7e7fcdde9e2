#!/usr/bin/env node
// mmhook CLI (spec/api.md). Exit 0 = accepted, 1 = rejected, 2 = usage or I/O error: one line on stderr, no stack.
// Adding a subcommand: create bin/cli/<name>.mjs exporting `usage` (its --help line) and `async run(mm, args)`
// returning the exit code (throw UsageError for exit 2; helpers in bin/cli/common.mjs), then list <name> in COMMANDS.
import { UsageError, terminalSafe } from './cli/common.mjs';

const COMMANDS = ['check', 'render', 'curl', 'serve', 'action', 'dialog', 'rest'];

async function loadCommand(name) {
  return import(new URL(`./cli/${name}.mjs`, import.meta.url));
}

async function usage() {
  const lines = [];
  for (const name of COMMANDS) lines.push(`  ${(await loadCommand(name)).usage}`);
  return `usage:\n${lines.join('\n')}\n  mmhook --version | --help`;
}

async function main(argv) {
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') { process.stdout.write(await usage() + '\n'); return 0; }
  if (cmd !== '--version' && !COMMANDS.includes(cmd)) {
    throw new UsageError(cmd === undefined ? 'missing command' : `unknown command ${cmd}`);
  }
  const { createMmhook } = await import('../dist/mmhook.mjs');
  const mm = await createMmhook();
  if (cmd === '--version') {
    process.stdout.write(`mmhook ${mm.version.mmhook} (cmark-gfm ${mm.version.cmarkGfm}, simdjson ${mm.version.simdjson})\n`);
    return 0;
  }
  return (await loadCommand(cmd)).run(mm, rest);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  // Messages quote file names, option values and payload text: terminal-safe, one line.
  if (e instanceof UsageError) process.stderr.write(`mmhook: ${terminalSafe(e.message)} (mmhook --help for usage)\n`);
  else process.stderr.write(`mmhook: ${terminalSafe(e && e.message ? e.message : e)}\n`);
  process.exitCode = 2;
});
