// Issue 20 item 1: cmark-gfm (the mobile dialect's parser) is not in the check module; mobile checks run in the tools
// module. In Node every start checks mobile at once (the tools module starts synchronously); browsers: tests/browser/tools-module.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist } from './helpers.mjs';

const BODY = JSON.stringify({ text: '- item\nnext line\n\n| a | b |\n|---|---|\n| 1 | 2 |' });

test('mmhook.wasm holds no cmark-gfm code or strings; the tools module does', () => {
  const check = fs.readFileSync(path.join(dist, 'mmhook.wasm')).toString('latin1');
  const tools = fs.readFileSync(path.join(dist, 'mmhook-tools.wasm')).toString('latin1');
  // cmark-gfm's extension names and its HTML renderer's node names (compiled in as strings)
  for (const s of ['strikethrough', 'table_header', 'tasklist']) {
    assert.equal(check.includes(s), false, `mmhook.wasm contains "${s}"`);
    assert.ok(tools.includes(s), `mmhook-tools.wasm lacks "${s}"`);
  }
});

test('mobile checks: the default start and the lean start give the same report as before', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  const full = await createMmhook();
  const lean = await createMmhook({ platforms: ['web'] });
  const both = await createMmhook({ platforms: ['web', 'mobile'] });
  const req = { contentType: 'application/json', platform: 'mobile' };
  const a = full.check(BODY, req);
  assert.ok(a.posts[0].html.includes('<table'), a.posts[0].html);
  assert.deepEqual(lean.check(BODY, req), a);
  assert.deepEqual(both.check(BODY, req), a);
  // the web dialect differs on this text (marked keeps the unindented line in the item)
  assert.notDeepEqual(lean.check(BODY, { contentType: 'application/json' }).posts[0].html, a.posts[0].html);
  await assert.rejects(createMmhook({ platforms: 'web' }), /options\.platforms must be an array of 'web' and 'mobile'/);
  await assert.rejects(createMmhook({ platforms: ['ios'] }), /options\.platforms/);
});
