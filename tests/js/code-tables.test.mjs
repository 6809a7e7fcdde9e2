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

test('each module fills messages from the one table: check() (check codes) and the tools module (tools codes)', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  const mm = await createMmhook();
  await mm.loadCommands();
  const template = new Map([...checkCodes, ...toolsCodes].map((c) => [c.name, c.message]));
  const pattern = (t) => new RegExp(`^${t.split(/\{\d\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  const body = '{"text":"x","username":"u","bogus":1,"attachments":[{"color":"blue","actions":[{"id":"a1","name":"n",' +
    '"type":"bogus","integration":{"url":"ftp://x"}}]}]}';
  const fromCheck = mm.check(body, { contentType: 'application/json' }).diagnostics;
  const fromTools = [...mm.simulateAction(body, { actionId: 'a1' }).diagnostics,
    ...mm.commandDetails('{}', { url: '', shell: 'posix' }).diagnostics,
    ...mm.restFollowUp(body, { serverUrl: 'https://chat.example.com', channelId: 'c'.repeat(26) }).diagnostics];
  assert.ok(fromCheck.length >= 4 && fromTools.length >= 6, JSON.stringify({ fromCheck, fromTools }));
  for (const d of fromCheck) assert.ok(checkCodes.some((c) => c.name === d.code), d.code);
  for (const d of fromTools.filter((x) => toolsCodes.some((c) => c.name === x.code))) {
    assert.match(d.message, pattern(template.get(d.code)), d.code);
  }
  for (const d of fromCheck) assert.match(d.message, pattern(template.get(d.code)), d.code);
  const empty = fromTools.find((d) => d.code === 'command.url_empty');
  assert.equal(empty.message, template.get('command.url_empty'));
});
