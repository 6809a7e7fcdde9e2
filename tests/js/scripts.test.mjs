// The README's entry points set up what a fresh clone lacks before they build (issue 14: `npm run build` failed in a
// fresh clone with "cmark-gfm sources not found"). Checked on a scratch copy whose setup.sh only records that it ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function scratchWithRecordingSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmhook-scripts-'));
  fs.mkdirSync(path.join(dir, 'scripts'));
  for (const f of ['build.sh', 'env.sh', 'start.sh', 'test.sh']) fs.copyFileSync(path.join(root, 'scripts', f), path.join(dir, 'scripts', f));
  fs.writeFileSync(path.join(dir, 'scripts/setup.sh'), 'echo ran >> "$(dirname "$0")/../setup-ran"; exit 1\n');
  return dir;
}

for (const [script, args] of [['build.sh', []], ['build.sh', ['wasm']], ['start.sh', []], ['test.sh', []]]) {
  test(`scripts/${script} ${args.join(' ')} runs set-up first and stops when it fails`, () => {
    const dir = scratchWithRecordingSetup();
    try {
      const r = spawnSync('bash', [path.join(dir, 'scripts', script), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, MMHOOK_ROOT: dir, MMHOOK_SKIP_SETUP: '' } });
      assert.ok(fs.existsSync(path.join(dir, 'setup-ran')), `${script} did not run setup.sh:\n${r.stdout}${r.stderr}`);
      assert.notEqual(r.status, 0, 'a failed set-up must stop the script');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('package.json: npm run build goes through scripts/build.sh', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.match(pkg.scripts.build, /scripts\/build\.sh/);
});
