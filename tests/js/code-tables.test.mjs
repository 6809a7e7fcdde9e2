// Issue 20 item 1: one code -> message table (core/include/mmhook/codes/*.def), split in two. The check module
// (mmhook.wasm) links the codes of codes/check.def only; the tools module (mmhook-tools.wasm) links both. Messages
// are the same from either module.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist, root } from './helpers.mjs';

const codesDir = path.join(root, 'core/include/mmhook/codes');
const literal = (s) => [...s.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1]}"`)).join('');
/** The codes a .def holds, following its #includes: [{id, name, message}]. */
function codes(file) {
  const text = fs.readFileSync(path.join(codesDir, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const out = [];
  for (const inc of text.matchAll(/#include "mmhook\/codes\/([a-z_]+\.def)"/g)) out.push(...codes(inc[1]));
  const re = /MMHOOK_CODE\(\s*(\w+)\s*,((?:\s*"(?:[^"\\]|\\.)*")+)\s*,\s*\w+\s*,((?:\s*"(?:[^"\\]|\\.)*")+)/g;
  for (const m of text.matchAll(re)) out.push({ id: m[1], name: literal(m[2]), message: literal(m[3]) });
  return out;
}
const checkCodes = codes('check.def');
const toolsCodes = codes('tools.def');
/** The longest piece of a template between placeholders. */
const longestPiece = (message) => message.split(/\{\d\}/).sort((a, b) => b.length - a.length)[0];
const has = (buf, s) => buf.includes(Buffer.from(s, 'utf8'));

test('codes/all.def is check.def then tools.def, every code in exactly one of them', () => {
  const all = codes('all.def');
  assert.deepEqual(all.map((c) => c.id), [...checkCodes, ...toolsCodes].map((c) => c.id));
  assert.equal(new Set(all.map((c) => c.id)).size, all.length);
  assert.ok(checkCodes.length > 100 && toolsCodes.length > 100, `${checkCodes.length} + ${toolsCodes.length}`);
});

test('the check module holds the check codes\' texts and none of the tools codes\' texts; the tools module holds both', () => {
  const checkWasm = fs.readFileSync(path.join(dist, 'mmhook.wasm'));
  const toolsWasm = fs.readFileSync(path.join(dist, 'mmhook-tools.wasm'));
  const checkText = checkCodes.map((c) => `${c.name}\n${c.message}`).join('\n');
  for (const c of checkCodes) {
    for (const wasm of [checkWasm, toolsWasm]) {
      assert.ok(has(wasm, c.name), c.name);
      assert.ok(has(wasm, longestPiece(c.message)), c.name);
    }
  }
  for (const c of toolsCodes) {
    assert.ok(has(toolsWasm, c.name), c.name);
    assert.ok(has(toolsWasm, longestPiece(c.message)), c.name);
    assert.ok(!has(checkWasm, c.name), `${c.name} is in mmhook.wasm`);
    const piece = longestPiece(c.message);
    if (!checkText.includes(piece)) assert.ok(!has(checkWasm, piece), `${c.name}'s message is in mmhook.wasm`);
  }
});

test('messages are the same from both modules: check() and the tools module\'s restFollowUp() on one body', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  const mm = await createMmhook();
  await mm.loadCommands();
  const body = '{"text":"hi\\n| a |\\n|---|","username":"x","icon_emoji":"nope","bogus":1,"priority":{"priority":"urgent"},' +
    '"attachments":[{"color":"blue","fields":[{"title":"t"}],"actions":[{"name":"n"}]}]}';
  const fromCheck = mm.check(body, { contentType: 'application/json' }).diagnostics;
  const fromTools = mm.restFollowUp(body, { serverUrl: 'https://chat.example.com', channelId: 'c'.repeat(26) }).diagnostics;
  const shared = fromCheck.filter((d) => fromTools.some((t) => t.code === d.code && t.path === d.path));
  assert.ok(shared.length >= 3, JSON.stringify({ fromCheck, fromTools }));
  for (const d of shared) {
    const t = fromTools.find((x) => x.code === d.code && x.path === d.path);
    assert.equal(t.message, d.message, d.code);
  }
  // A tools code's message is its template, from the tools module's own table.
  const empty = mm.commandDetails('{}', { url: '', shell: 'posix' }).diagnostics.find((d) => d.code === 'command.url_empty');
  assert.equal(empty.message, toolsCodes.find((c) => c.name === 'command.url_empty').message);
});
