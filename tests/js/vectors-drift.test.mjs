// The repository keeps its own copy of the conformance vectors (tests/vectors). When the upstream reference folder
// (../shared/spec/vectors) is beside the clone, every file there must be here with the same bytes: a new or changed
// upstream vector is reported by name instead of being silently missing. Skipped when that folder is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const local = path.join(root, 'tests/vectors');
const upstream = process.env.MMHOOK_UPSTREAM_VECTORS || path.resolve(root, '../shared/spec/vectors');

// mmhook's own vector files: not upstream, so not compared with it.
const OWN = new Set(['interactivity.json', 'rest.json']);
const jsonFiles = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('every vector file the tests read is in the repository', () => {
  const files = jsonFiles(local);
  for (const f of ['validation.json', 'attachments.json', 'splitting.json', 'slack_translation.json',
    'emoticons.json', 'markdown.json', 'webapp_formatting.json', 'interactivity.json']) assert.ok(files.includes(f), `tests/vectors/${f} missing`);
  for (const f of files) assert.ok(Array.isArray(JSON.parse(fs.readFileSync(path.join(local, f), 'utf8'))), `${f} is not an array`);
});

test('the repository copy matches the upstream vectors when they are present', { skip: !fs.existsSync(upstream) && `no ${upstream}` }, () => {
  const ours = new Set(jsonFiles(local).filter((f) => !OWN.has(f)));
  const problems = [];
  for (const f of jsonFiles(upstream)) {
    if (!ours.has(f)) { problems.push(`${f}: new upstream, not in tests/vectors (copy it and give it a driver)`); continue; }
    const a = fs.readFileSync(path.join(upstream, f));
    const b = fs.readFileSync(path.join(local, f));
    if (!a.equals(b)) problems.push(`${f}: differs from upstream (${a.length} vs ${b.length} bytes here)`);
    ours.delete(f);
  }
  for (const f of ours) problems.push(`${f}: in tests/vectors but no longer upstream`);
  assert.deepEqual(problems, [], `tests/vectors differs from ${upstream}:\n  ${problems.join('\n  ')}`);
});
