// Issue 20 item 5: a check() crosses the wasm boundary once. The request's strings travel in the input buffer beside the
// body (no Embind std::string argument, each of which costs a malloc and a free from JS), and the Report with its first
// posts comes back as one JSON text (one decode, one JSON.parse) plus each post's HTML decoded from the heap.
// The module's exports are captured by wrapping WebAssembly.instantiate before loading: JS-side malloc/free are counted.
import test from 'node:test';
import assert from 'node:assert/strict';

const calls = { malloc: 0, free: 0 };
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...args) {
  const result = await instantiate.apply(this, args);
  const instance = result instanceof WebAssembly.Instance ? result : result.instance;
  const exports = { ...instance.exports };
  for (const k of ['malloc', 'free']) {
    const f = exports[k];
    if (typeof f === 'function') exports[k] = (...a) => { calls[k]++; return f(...a); };
  }
  const wrapped = { exports };
  return result instanceof WebAssembly.Instance ? wrapped : { module: result.module, instance: wrapped };
};
const { mmhook } = await import('./helpers.mjs');
const api = await mmhook();
WebAssembly.instantiate = instantiate;

const alert = JSON.stringify({
  username: 'alertmanager', icon_emoji: ':rotating_light:',
  text: '#### :rotating_light: [FIRING:1] HighErrorRate on <https://grafana.example.com/d/api|checkout-api>',
  attachments: [{ fallback: 'HighErrorRate', color: '#d24b4e', title: '5xx rate above 5% for 10 minutes',
    fields: [{ title: 'Severity', value: 'critical', short: true }] }],
});

// Counts JSON.parse and TextDecoder#decode calls during fn().
function counted(fn) {
  const parse = JSON.parse;
  const decode = TextDecoder.prototype.decode;
  const n = { parse: 0, decode: 0, malloc: calls.malloc, free: calls.free };
  JSON.parse = function (...a) { n.parse++; return parse.apply(this, a); };
  TextDecoder.prototype.decode = function (...a) { n.decode++; return decode.apply(this, a); };
  try {
    return { result: fn(), n };
  } finally {
    JSON.parse = parse;
    TextDecoder.prototype.decode = decode;
    n.malloc = calls.malloc - n.malloc;
    n.free = calls.free - n.free;
  }
}

test('one check() of a small alert: no string marshalling, one JSON text, one decode per post\'s HTML', () => {
  api.check(alert, { contentType: 'application/json' });  // warm: the first call may size the buffers
  for (const request of [
    { contentType: 'application/json' },
    { contentType: 'application/json; charset=utf-8', settings: { enablePostUsernameOverride: true }, query: 'x=1', platform: 'mobile' },
    undefined,
  ]) {
    api.check(alert, request);
    const { result, n } = counted(() => api.check(alert, request));
    assert.ok(result.posts.length >= (request ? 1 : 0));
    assert.equal(n.malloc, 0, `JS called malloc ${n.malloc} times (Embind string arguments)`);
    assert.equal(n.free, 0);
    assert.equal(n.parse, 1, `${n.parse} JSON.parse calls`);
    assert.equal(n.decode, 1 + result.posts.length, `${n.decode} TextDecoder decodes for ${result.posts.length} post(s)`);
  }
});

test('the request strings travel beside the body: non-ASCII content type, settings, query and platform keep their bytes', () => {
  const request = { contentType: 'application/json', settings: { 'naïve☕': 1 }, query: 'q=é☕', platform: 'mobilé😀' };
  for (const body of ['{"text":"é😀 **x**"}', new TextEncoder().encode('{"text":"é😀 **x**"}')]) {
    const r = api.check(body, request);
    assert.equal(r.status, 200, JSON.stringify(r.diagnostics));
    assert.equal(r.posts[0].message, 'é😀 **x**');
    const text = r.diagnostics.map((d) => d.message).join('\n');
    assert.match(text, /`naïve☕`/);
    assert.match(text, /`mobilé😀`/);
    const ct = api.check(body, { ...request, contentType: 'application/json; x=é' });
    assert.equal(ct.status, 400);
    assert.match(ct.diagnostics.map((d) => d.message).join('\n'), /`application\/json; x=é`/);
  }
});

test('a long text\'s posts in several batches: the Report equals the posts joined in order', () => {
  const text = 'call **bold** @user :smile: <!channel> #tag\n'.repeat(12000);
  const r = api.check(JSON.stringify({ text }), { contentType: 'application/json', settings: { maximumPayloadSizeBytes: 2 << 20 } });
  assert.equal(r.status, 200);
  assert.ok(r.posts.length > 20, `${r.posts.length} posts`);
  for (const p of r.posts) {
    assert.equal(Object.keys(p).at(-1), 'html');
    assert.ok(p.html.length > 0);
  }
  const { n } = counted(() => api.check(JSON.stringify({ text }), { contentType: 'application/json', settings: { maximumPayloadSizeBytes: 2 << 20 } }));
  assert.ok(n.parse > 1, 'several batches');
  assert.equal(n.malloc, 0);
});
