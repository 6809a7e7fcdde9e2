// Server settings are range-checked wherever they enter (issue 17): a number outside what a Mattermost server accepts
// never wraps modulo 2^32 (the wasm build's size_t) and never reaches the pipeline; the check reports it with a
// settings.* diagnostic and uses the default.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mmhook } from './helpers.mjs';

const body = JSON.stringify({ text: 'a'.repeat(20000) });
const codes = (r) => r.diagnostics.filter((d) => d.code.startsWith('settings.'));

test('integers that wrapped modulo 2^32 are out of range: default used, diagnostic given', async () => {
  const mm = await mmhook();
  const base = mm.check(body);
  assert.equal(base.posts.length, 2);
  for (const settings of [{ maxPostSize: 4294967297 }, { maxPostSize: 1 }, { maxPostSize: -5 }, { maxPostSize: 1e30 }]) {
    const r = mm.check(body, { settings });
    assert.equal(r.posts.length, 2, JSON.stringify(settings));
    assert.deepEqual(codes(r).map((d) => [d.code, d.severity]), [['settings.out_of_range', 'warning']], JSON.stringify(settings));
    assert.match(codes(r)[0].message, /maxPostSize.*16383/);
  }
  // 4294967396 once acted as 100: the 20 000-byte body must pass the default limit.
  const wrapped = mm.check(body, { settings: { maximumPayloadSizeBytes: 4294967396 } });
  assert.equal(wrapped.status, 200);
  assert.equal(codes(wrapped)[0].code, 'settings.out_of_range');
  const hashtags = mm.check(JSON.stringify({ text: '#ab #abcd' }), { settings: { minimumHashtagLength: 4294967298 } });
  assert.equal(codes(hashtags)[0].code, 'settings.out_of_range');
});

test('in-range values work; wrong types and unknown keys are reported, never thrown', async () => {
  const mm = await mmhook();
  const r = mm.check(body, { settings: { maxPostSize: 4000, maximumPayloadSizeBytes: 1, minimumHashtagLength: 0 } });
  assert.deepEqual(codes(r), []);
  assert.equal(r.status, 413 === r.status ? 413 : 400, 'a 1-byte limit refuses the body');
  assert.equal(mm.check(body, { settings: { maxPostSize: 4000 } }).posts.length, 5);
  const bad = mm.check(body, { settings: { maxPostSize: 3.5, minimumHashtagLength: 'x', enableLatex: 1, bogus: true, hook: { nope: 1 } } });
  assert.equal(bad.posts.length, 2);
  assert.deepEqual(codes(bad).map((d) => d.code).sort(),
    ['settings.invalid', 'settings.invalid', 'settings.invalid', 'settings.unknown', 'settings.unknown']);
  // Over the body limit the verdict path keeps the settings diagnostics too.
  const over = mm.check(body, { settings: { maximumPayloadSizeBytes: 100, maxPostSize: 2 } });
  assert.equal(over.status, 400);
  assert.equal(codes(over)[0].code, 'settings.out_of_range');
});
