// Shared helpers for the Node suites: the built library, loaded once.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
export async function mmhook() {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  return createMmhook();
}

/** The shell targets of the built library (core/include/mmhook/shells.def, through the JS API's `shells`). */
export async function shells() {
  return (await import(path.join(dist, 'mmhook.mjs'))).shells;
}

/** Compiles `source` (a use.ts beside a copy of dist/mmhook.d.ts) with tsc --strict: {status, output}. */
export function compileAgainstDts(source) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-dts-'));
  copyFileSync(path.join(dist, 'mmhook.d.ts'), path.join(dir, 'mmhook.d.ts'));
  writeFileSync(path.join(dir, 'use.ts'), source);
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2020', '--module', 'es2020',
    '--moduleResolution', 'node', path.join(dir, 'use.ts')], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}
