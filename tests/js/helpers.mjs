// Shared helpers for the Node suites: the built library, loaded once.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
export async function mmhook() {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  return createMmhook();
}
