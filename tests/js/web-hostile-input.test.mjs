// Hostile input to the page's own lookup tables and parsers (issue 17): URL flags, multipart field names and share-link
// settings are untrusted; a key such as `constructor` or `__proto__` must never reach an inherited property.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readEmbedFlags } from '../../web/embed-mode.js';
import { jsonToMultipartFields, multipartFieldsToJson } from '../../web/multipart.js';
import { fromRequestSettings, SETTINGS } from '../../web/settings.js';

const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

test('embed flags: prototype keys in hide= are ignored, known panels still hidden', () => {
  for (const k of PROTO_KEYS) {
    const f = readEmbedFlags(`?embed=1&readonly=1&hide=${k},editor`);
    assert.deepEqual([...f.hide], ['editor'], k);
  }
  assert.deepEqual([...readEmbedFlags('?embed=1&hide=constructor').hide], []);
});

test('multipart: prototype keys are never looked up as field names', () => {
  for (const k of PROTO_KEYS) {
    const r = jsonToMultipartFields(JSON.stringify({ [k]: 'x' }));
    assert.ok(r.error, `${k}: ${JSON.stringify(r)}`);
    const p = jsonToMultipartFields(JSON.stringify({ priority: { [k]: 'x' } }));
    assert.ok(p.error, `priority.${k}: ${JSON.stringify(p)}`);
    const back = multipartFieldsToJson([{ name: k, value: 'v' }, { name: `priority.${k}`, value: 'w' }]);
    assert.equal(Object.getPrototypeOf(back), Object.prototype, k);
    assert.deepEqual(Object.keys(back).sort(), [k, 'priority'].sort(), k);
    assert.equal(back[k], 'v');
    assert.deepEqual(Object.keys(back.priority), [k.toLowerCase()]);
    assert.equal(JSON.parse(JSON.stringify(back))[k], 'v');
  }
});

test('share-link settings: out-of-range and wrapping integers fall back to the default and are reported', () => {
  const problems = [];
  const flat = fromRequestSettings({ maxPostSize: 4294967297, maximumPayloadSizeBytes: 4294967396, minimumHashtagLength: -1 }, problems);
  assert.equal(flat.maxPostSize, 16383);
  assert.equal(flat.maximumPayloadSizeBytes, 300000);
  assert.equal(flat.minimumHashtagLength, 3);
  assert.equal(problems.length, 3);
  assert.match(problems.join('\n'), /maxPostSize/);
  const one = [];
  assert.equal(fromRequestSettings({ maxPostSize: 1 }, one).maxPostSize, 16383, 'below the server minimum (4000)');
  assert.equal(one.length, 1);
  assert.equal(fromRequestSettings({ maxPostSize: 4000, maximumPayloadSizeBytes: 1 }).maxPostSize, 4000);
  for (const s of SETTINGS.filter((x) => x.type === 'int')) {
    assert.ok(Number.isSafeInteger(s.min) && Number.isSafeInteger(s.max) && s.max <= 2147483647, s.key);
  }
});
