// Issue 20 item 1: check() lives in mmhook.wasm, commands and the interactivity simulator in mmhook-tools.wasm, loaded
// on first use. In Node the old synchronous calls keep working (the tools module starts synchronously from the file
// beside the library); mm.loadCommands() is the explicit, awaitable load that browsers need.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist } from './helpers.mjs';

const URL_ = 'https://chat.example.com/hooks/abc';

test('Node: command() and parseCommand() work synchronously right after createMmhook(), without loadCommands()', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  const mm = await createMmhook();
  const cmd = mm.command('{"text":"hi"}', { url: URL_, shell: 'posix' });
  assert.match(cmd, /^curl /);
  assert.equal(mm.parseCommand(cmd).body, '{"text":"hi"}');
  assert.equal(typeof mm.simulateAction('{"text":"x"}', { actionId: 'nope' }).status, 'number');
  assert.equal(typeof mm.loadCommands, 'function');
  const p = mm.loadCommands();
  assert.ok(p instanceof Promise);
  assert.equal(await p, undefined);
});

test('createMmhook({wasmBinary, toolsWasmBinary}): both modules from given bytes', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  const mm = await createMmhook({ wasmBinary: fs.readFileSync(path.join(dist, 'mmhook.wasm')),
    toolsWasmBinary: new Uint8Array(fs.readFileSync(path.join(dist, 'mmhook-tools.wasm'))) });
  await mm.loadCommands();
  assert.match(mm.command('{}', { url: URL_, shell: 'cmd' }), /curl/);
  await assert.rejects(createMmhook({ toolsWasmBinary: 'nope' }), /options\.toolsWasmBinary must be an ArrayBuffer or a Uint8Array/);
});

test('positions are the core\'s, in UTF-16 code units for strings and bytes for Uint8Array (no JS conversion)', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  const mm = await createMmhook();
  const body = '{"text":"😀é",\n "x":}';
  const s = mm.check(body, { contentType: 'application/json' }).diagnostics.find((d) => d.code.startsWith('json'));
  const b = mm.check(new TextEncoder().encode(body), { contentType: 'application/json' }).diagnostics.find((d) => d.code.startsWith('json'));
  assert.equal(body[s.offset], '}');
  assert.equal(s.line, 2);
  assert.equal(s.column, s.offset - body.indexOf('\n'));
  assert.equal(b.offset, s.offset + 3);  // 😀: 4 bytes, 2 units; é: 2 bytes, 1 unit
  assert.equal(b.column, s.column);
  const pasted = "curl -d @file.json 'https://h/é'";
  for (const d of mm.parseCommand(pasted).diagnostics) assert.ok(d.offset <= pasted.length && d.column === d.offset + 1, JSON.stringify(d));
});

test('the JS API carries no position conversion of its own and no outputSize binding', () => {
  const src = fs.readFileSync(path.join(dist, '..', 'wasm', 'mmhook.js'), 'utf8');
  assert.ok(!/convertPositions/.test(src));
  assert.ok(!/outputSize/.test(fs.readFileSync(path.join(dist, '..', 'wasm', 'bindings.cpp'), 'utf8')));
});
