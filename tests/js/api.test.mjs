import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mmhook, dist } from './helpers.mjs';

const SEVERITIES = new Set(['error', 'warning', 'info']);

function assertReportShape(r) {
  assert.equal(typeof r.ok, 'boolean');
  assert.equal(typeof r.status, 'number');
  assert.ok(r.error === null || (typeof r.error.id === 'string' && typeof r.error.message === 'string' &&
    typeof r.error.detailed_error === 'string'));
  assert.ok(Array.isArray(r.diagnostics));
  for (const d of r.diagnostics) {
    assert.ok(SEVERITIES.has(d.severity));
    for (const k of ['code', 'message', 'path']) assert.equal(typeof d[k], 'string');
    for (const k of ['offset', 'line', 'column']) assert.ok(Number.isInteger(d[k]) && d[k] >= 0);
  }
  assert.ok(Array.isArray(r.posts));
  for (const p of r.posts) {
    for (const k of ['channel', 'message', 'type', 'username', 'html']) assert.equal(typeof p[k], 'string');
    assert.equal(typeof p.props, 'object');
    assert.equal(typeof p.botTag, 'boolean');
    assert.ok(p.iconUrl === null || typeof p.iconUrl === 'string');
    assert.ok(p.iconEmoji === null || typeof p.iconEmoji === 'string');
    assert.ok(p.priority === null || typeof p.priority.priority === 'string');
  }
}

test('createMmhook caches one instance and reports versions', async () => {
  const a = await mmhook();
  const b = await mmhook();
  assert.equal(a, b);
  assert.deepEqual(Object.keys(a.version).sort(), ['cmarkGfm', 'mmhook', 'simdjson']);
  assert.equal(a.version.cmarkGfm, '0.29.0.gfm.13');
  assert.equal(a.version.simdjson, '3.9.4');
});

test('check returns the contract Report shape as plain objects', async () => {
  const mm = await mmhook();
  const r = mm.check('{"text": "Hello **world**"}', { contentType: 'application/json' });
  assertReportShape(r);
  assert.equal(r.ok, true);
  assert.equal(r.status, 200);
  assert.equal(r.posts.length, 1);
  assert.match(r.posts[0].html, /<strong>world<\/strong>/);
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  const bad = mm.check('{', { contentType: null });
  assertReportShape(bad);
  assert.equal(bad.ok, false);
  assert.equal(bad.status, 400);
  assert.ok(bad.diagnostics.some((d) => d.severity === 'error'));
  assert.deepEqual(bad.posts, []);
});

test('Uint8Array bodies are accepted and positions are in bytes', async () => {
  const mm = await mmhook();
  const r = mm.check(new TextEncoder().encode('{"text":"ok"}'));
  assert.equal(r.ok, true);
});

test('positions are UTF-16 offsets with 1-based line/column after non-ASCII and astral characters', async () => {
  const mm = await mmhook();
  const body = '{"text": "é😀 x",\n "attachments": [ }';
  const r = mm.check(body, { contentType: 'application/json' });
  const err = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(err, 'a syntax error is reported');
  assert.ok(err.offset <= body.length);
  // The reported line/column must agree with the UTF-16 offset.
  const before = body.slice(0, err.offset);
  const line = before.split('\n').length;
  const column = err.offset - (before.lastIndexOf('\n') + 1) + 1;
  assert.equal(err.line, line);
  assert.equal(err.column, column);
});

test('typed diagnostics point into the body sent, through form encoding and the control-character repair', async () => {
  const mm = await mmhook();
  const mention = (body, contentType) => mm.check(body, { contentType }).diagnostics.find((d) => d.code === 'mention.channel_wide');
  // {"text":"😀 x @here"} form-encoded: the position is the encoded "@" in the body.
  const form = 'payload=%7B%22text%22%3A%22%F0%9F%98%80+x+%40here%22%7D';
  assert.equal(mention(form, 'application/x-www-form-urlencoded')?.offset, form.indexOf('%40here'));
  // Raw LF and TAB before the value: the server escapes them (two characters each) before decoding.
  const json = '{"text":"a\n😀\tb","attachments":[{"text":"x @here"}]}';
  const d = mention(json, 'application/json');
  assert.deepEqual([d?.offset, d?.line, d?.column], [json.indexOf('@here'), 2, json.indexOf('@here') - json.indexOf('\n')]);
});

test('wrong argument types throw TypeError; payload problems never throw', async () => {
  const mm = await mmhook();
  assert.throws(() => mm.check(42), TypeError);
  assert.throws(() => mm.check(null), TypeError);
  assert.throws(() => mm.check('{}', 'json'), TypeError);
  assert.throws(() => mm.check('{}', { contentType: 5 }), TypeError);
  for (const body of ['', '\u0000', '{"text":', '[]', 'null', '\ud800', '{"text": 1e999}']) {
    assertReportShape(mm.check(body));
  }
});

test('the single-file build works without the .wasm file', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.single.mjs'));
  const mm = await createMmhook();
  assert.equal(mm.check('{"text":"x"}').ok, true);
});

test('wasmBinary option is honoured', async () => {
  const { createMmhook } = await import(path.join(dist, 'mmhook.mjs'));
  const bytes = await readFile(path.join(dist, 'mmhook.wasm'));
  const mm = await createMmhook({ wasmBinary: new Uint8Array(bytes) });
  assert.equal(mm.check('{"text":"x"}').ok, true);
  await assert.rejects(createMmhook({ wasmBinary: 'nope' }), TypeError);
});
