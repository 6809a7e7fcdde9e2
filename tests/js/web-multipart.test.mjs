// The page's multipart/form-data helpers (web/multipart.js): bodies it builds carry a boundary that never occurs in
// a value, read back to the same fields, and convert to and from JSON payloads; the core accepts what they build.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildMultipart, parseMultipart, curlFormFields, bodyBoundary, boundaryParam, withBodyBoundary, jsonToMultipartFields,
  multipartFieldsToJson, isMultipart } from '../../web/multipart.js';
import { mmhook } from './helpers.mjs';

test('build then parse gives the same fields; the boundary is derived from the content and absent from it', () => {
  const fields = [{ name: 'text', value: 'line 1\nline 2 --mmhook-x\n\n**bold**' }, { name: 'username', value: 'bot' },
    { name: 'priority.priority', value: 'urgent' }];
  const a = buildMultipart(fields);
  const b = buildMultipart(fields.map((f) => ({ ...f })));
  assert.equal(a.body, b.body, 'same fields, same body');
  const boundary = boundaryParam(a.contentType);
  assert.ok(boundary && fields.every((f) => !f.value.includes(boundary)));
  assert.equal(bodyBoundary(a.body), boundary);
  assert.deepEqual(parseMultipart(a.body), fields);
  assert.deepEqual(parseMultipart(a.body.replace(/\n/g, '\r\n')).map((f) => f.name), fields.map((f) => f.name));
  // A value holding the first candidate boundary forces another one.
  const tricky = [{ name: 'text', value: a.body }];
  const c = buildMultipart(tricky);
  assert.ok(!a.body.includes(boundaryParam(c.contentType)));
  assert.deepEqual(parseMultipart(c.body), tricky);
});

test('Content-Type helpers: multipart detection, boundary parameter (quoted or not), derived from the body', () => {
  assert.ok(isMultipart('multipart/form-data') && isMultipart('Multipart/Form-Data; boundary=x') && !isMultipart('application/json'));
  assert.equal(boundaryParam('multipart/form-data; boundary="a b"'), 'a b');
  assert.equal(boundaryParam('multipart/form-data;boundary=xyz; charset=utf-8'), 'xyz');
  assert.equal(boundaryParam('multipart/form-data'), null);
  assert.equal(withBodyBoundary('multipart/form-data', '--abc\nContent-Disposition: form-data; name="text"\n\nhi\n--abc--\n'),
    'multipart/form-data; boundary=abc');
  assert.equal(withBodyBoundary('multipart/form-data; boundary=q', '--abc\n'), 'multipart/form-data; boundary=q');
  assert.equal(withBodyBoundary('application/json', '--abc\n'), 'application/json');
});

test('curl -F listings: one field per line, continuation lines, file uploads', () => {
  assert.deepEqual(curlFormFields('text=a\nb\nusername=bot\nfile=@report.txt;type=text/plain'),
    [{ name: 'text', value: 'a\nb' }, { name: 'username', value: 'bot' }, { name: 'file', value: '', filename: 'report.txt' }]);
});

test('JSON <-> multipart fields by Go struct name; what multipart cannot carry is refused with a reason', () => {
  const res = jsonToMultipartFields('{"text": "hi", "icon_url": "https://x/y.png", "channel": "ops", "icon_emoji": ":x:", "priority": {"priority": "urgent", "requested_ack": true}}');
  assert.deepEqual(res.fields.map((f) => f.name), ['text', 'iconurl', 'channelname', 'iconemoji', 'priority.priority', 'priority.requestedack']);
  assert.deepEqual(multipartFieldsToJson(res.fields), { text: 'hi', icon_url: 'https://x/y.png', channel: 'ops', icon_emoji: ':x:',
    priority: { priority: 'urgent', requested_ack: true } });
  assert.match(jsonToMultipartFields('{"text": "x", "attachments": []}').error, /attachments/);
  assert.match(jsonToMultipartFields('{"text": ').error, /not valid JSON/);
});

test('the core accepts the bodies the page builds, with their header', async () => {
  const mm = await mmhook();
  const { fields } = jsonToMultipartFields('{"text": "from **multipart**", "username": "bot", "priority": {"priority": "important"}}');
  const built = buildMultipart(fields);
  const r = mm.check(built.body, { contentType: built.contentType, settings: { enablePostUsernameOverride: true } });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.posts[0].message, 'from **multipart**');
  assert.equal(r.posts[0].username, 'bot');
  const bad = mm.check(built.body, { contentType: 'multipart/form-data' });
  assert.equal(bad.error.id, 'web.incoming_webhook.parse_multipart.app_error');
  assert.equal(mm.check(built.body, { contentType: withBodyBoundary('multipart/form-data', built.body) }).ok, true);
});
