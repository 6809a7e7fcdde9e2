// The page's Format button (web/format.js) changes only whitespace, and its limits table (web/limits.js) reads the
// limits of the spec.
import test from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, jsonTokens } from '../../web/format.js';
import { payloadLimits } from '../../web/limits.js';
import { mmhook } from './helpers.mjs';

// [name, input, expected output] — every token kept byte for byte.
const KEEPS = [
  ['number text', '{"a":1.0,"b":1e5,"c":-0,"d":12345678901234567890123,"e":1E-7}',
    '{\n  "a": 1.0,\n  "b": 1e5,\n  "c": -0,\n  "d": 12345678901234567890123,\n  "e": 1E-7\n}\n'],
  ['key order (numeric keys too)', '{"b":1,"2":2,"a":3,"1":4}', '{\n  "b": 1,\n  "2": 2,\n  "a": 3,\n  "1": 4\n}\n'],
  ['duplicate keys', '{"text":"first","text":"second","TEXT":"third"}', '{\n  "text": "first",\n  "text": "second",\n  "TEXT": "third"\n}\n'],
  ['string escapes', '{"t":"caf\\u00e9 \\/ \\n \\" \\\\ \\ud83d\\ude00"}', '{\n  "t": "caf\\u00e9 \\/ \\n \\" \\\\ \\ud83d\\ude00"\n}\n'],
  ['raw newline the server repairs', '{"text":"a\nb"}', '{\n  "text": "a\nb"\n}\n'],
  ['empty containers and nesting', '{"a":{},"b":[],"c":[{"d":[1,[2,{}]]}],"e":null,"f":true,"g":false}',
    '{\n  "a": {},\n  "b": [],\n  "c": [\n    {\n      "d": [\n        1,\n        [\n          2,\n          {}\n        ]\n      ]\n    }\n  ],\n  "e": null,\n  "f": true,\n  "g": false\n}\n'],
  ['top-level null', ' null ', 'null\n'],
  ['already formatted', '{\n  "text": "x"\n}\n', '{\n  "text": "x"\n}\n'],
];

for (const [name, input, expected] of KEEPS) {
  test(`format keeps ${name}`, () => {
    const res = formatJson(input);
    assert.equal(res.error, undefined, res.error);
    assert.equal(res.text, expected);
    assert.deepEqual(jsonTokens(res.text), jsonTokens(input));
    assert.equal(formatJson(res.text).text, res.text, 'formatting twice changes nothing');
  });
}

const REFUSES = [
  ['{"text": "x",}', /key .*line 1, column 14/], ['[1,2,]', /value expected/], ['{"a" 1}', /":" expected/], ['{"a": 01}', /"," or "}" expected/],
  ['{"text": "x"} trailing', /text after the JSON value/], ['{"text": "x', /never ends/], ['{"a": [1, 2}', /"," or "]" expected/],
  ['payload=%7B%7D', /value expected/], ['', /ends where a value was expected/], ['\ufeff{}', /byte order mark/], ['{"a": tru}', /value expected/],
];
for (const [input, why] of REFUSES) {
  test(`format refuses ${JSON.stringify(input)} and says why`, () => {
    const res = formatJson(input);
    assert.equal(res.text, undefined);
    assert.match(res.error, why);
  });
}

test('format handles deep nesting without recursion', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  assert.equal(jsonTokens(formatJson(deep).text).length, 10000);
});

test('a formatted payload gets the same verdict and posts from the core', async () => {
  const mm = await mmhook();
  const body = '{"text":"**hi** <!here>","attachments":[{"color":"good","fields":[{"title":"n","value":1e6,"short":"TRUE"}]}],"priority":{"priority":"urgent"}}';
  const a = mm.check(body);
  const b = mm.check(formatJson(body).text);
  assert.equal(b.status, a.status);
  assert.deepEqual(b.posts.map((p) => [p.message, p.props]), a.posts.map((p) => [p.message, p.props]));
});

test('limits: the body, text, stored props per post, footers, priority and hook settings', async () => {
  const mm = await mmhook();
  const settings = { maxPostSize: 16383, maximumPayloadSizeBytes: 300000, 'hook.username': 'x'.repeat(70), 'hook.iconUrl': '' };
  const payload = { text: '😀'.repeat(20000), props: { card: '<b>' }, priority: { priority: 'urgent' },
    attachments: [{ text: 'hello', footer: 'f'.repeat(301) }] };
  const body = JSON.stringify(payload);
  const rows = Object.fromEntries(payloadLimits(body, payload, settings, mm.check(body)).map((r) => [r.key, r]));
  assert.equal(rows.body.size, new TextEncoder().encode(body).length);
  assert.equal(rows.body.limit, 300512);
  assert.deepEqual([rows.text.size, rows.text.limit, rows.text.state], [20000, 16383, 'over']);
  assert.match(rows.text.note, /Split into 2 posts/);
  assert.ok(rows['posts/0/props'] && rows['posts/1/props'], 'one props row per post');
  assert.deepEqual([rows['attachments/0/footer'].size, rows['attachments/0/footer'].state], [301, 'over']);
  assert.equal(rows.priority.state, 'ok');
  const long = { text: 'x', priority: { Priority: 'p'.repeat(33) } };
  assert.equal(payloadLimits(JSON.stringify(long), long, settings, null).find((r) => r.key === 'priority').state, 'over');
  assert.equal(rows['hook.username'].state, 'over');
  assert.equal(rows['hook.iconUrl'], undefined);
  // Not JSON: only the body row.
  assert.deepEqual(payloadLimits('{"text": ', undefined, settings, null).map((r) => r.key), ['body']);
});
