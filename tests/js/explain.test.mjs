// The page's error explainer (web/explain.js): every error a v11.6 server answers to an incoming webhook (spec §1.5
// and §3), in every form people paste — the JSON body (current and pre-v10.4 servers), the bare message with and
// without its final period, detailed_error alone, a log line (JSON and console format) and the id alone.
import test from 'node:test';
import assert from 'node:assert/strict';
import { explainError } from '../../web/explain.js';
import { mmhook } from './helpers.mjs';

const HOOK = 'k1ub5rbnqfyx8qjhp4s6t9dmbw';
const GENERAL = 'web.incoming_webhook.general.app_error';
const generalMessage = (media) => `Failed to handle the payload of media type ${media} for incoming webhook ${HOOK}.`;

// outer: answered as the id by current servers; inner: inside detailed_error (answered as the id before v10.4).
// as: the id the explainer names (two inner errors share one message).
const CASES = [
  { id: 'web.incoming_webhook.parse_form.app_error', outer: true, status: 400, message: `Failed to parse form for webhook ${HOOK}.`,
    detail: 'mime: invalid media parameter' },
  { id: 'web.incoming_webhook.media_type.app_error', outer: true, status: 400, message: `Failed to parse media incoming webhook ${HOOK}.`,
    detail: 'mime: expected token after slash' },
  { id: 'web.incoming_webhook.decode.app_error', outer: true, status: 400,
    message: `Failed to decode the payload of media type application/json for incoming webhook ${HOOK}.`,
    detail: 'IncomingWebhookRequestFromJSON: Unable to parse incoming data., unexpected EOF', inner: 'model.incoming_hook.parse_data.app_error' },
  { id: 'web.incoming_webhook.decode.app_error', name: 'decode, no Content-Type', outer: true, status: 400,
    message: `Failed to decode the payload of media type  for incoming webhook ${HOOK}.`, detail: 'invalid character \'p\' looking for beginning of value' },
  { id: 'web.incoming_webhook.parse_multipart.app_error', outer: true, status: 400, message: `Failed to parse multipart form for webhook ${HOOK}.`,
    detail: 'no multipart boundary param in Content-Type' },
  { id: 'api.context.request_body_too_large.app_error', outer: true, status: 413, message: 'Unable to process request. Request body too large.',
    detail: 'Use the setting `MaximumPayloadSizeBytes` in Mattermost config to configure allowed payload limit.' },
  { id: 'model.incoming_hook.parse_data.app_error', status: 400, message: 'Unable to parse incoming data.', where: 'IncomingWebhookRequestFromJSON',
    detail: 'unexpected end of JSON input' },
  { id: 'web.incoming_webhook.parse.app_error', as: 'model.incoming_hook.parse_data.app_error', status: 400, message: 'Unable to parse incoming data.',
    where: 'HandleIncomingWebhook' },
  { id: 'web.incoming_webhook.disabled.app_error', status: 501, message: 'Incoming webhooks have been disabled by the system admin.',
    where: 'HandleIncomingWebhook' },
  { id: 'web.incoming_webhook.text.app_error', status: 400, message: 'No text specified.', where: 'HandleIncomingWebhook' },
  { id: 'web.incoming_webhook.invalid.app_error', status: 400, message: 'Invalid webhook.', where: 'HandleIncomingWebhook', detail: 'err=not found' },
  { id: 'web.incoming_webhook.user.app_error', status: 400, message: 'Couldn\'t find the user jdoe', where: 'HandleIncomingWebhook',
    detail: 'err=resource "User" not found, id: username=jdoe' },
  { id: 'web.incoming_webhook.user.app_error', name: 'user, creator gone', status: 403, message: 'Couldn\'t find the user 9xtq3pfw7bn1mc8zk5rd4ye6ha',
    where: 'HandleIncomingWebhook' },
  { id: 'web.incoming_webhook.channel.app_error', status: 404, message: 'Couldn\'t find the channel.', where: 'HandleIncomingWebhook',
    detail: 'err=resource "Channel" not found, id: name=deploys' },
  { id: 'app.channel.get.existing.app_error', status: 404, message: 'Unable to find the existing channel 4h7mmz5r3jbf3n5w1x8qyzpoee.',
    where: 'GetChannel' },
  { id: 'app.channel.get.find.app_error', status: 500, message: 'We encountered an error finding the channel.', where: 'GetChannel',
    detail: 'failed to find channel: dial tcp: connection refused' },
  { id: 'web.incoming_webhook.channel_locked.app_error', status: 403,
    message: 'This webhook is not permitted to post to the requested channel 4h7mmz5r3jbf3n5w1x8qyzpoee', where: 'HandleIncomingWebhook' },
  { id: 'web.incoming_webhook.permissions.app_error', status: 403,
    message: 'User webhook-owner does not have appropriate permissions to channel ops-private', where: 'HandleIncomingWebhook' },
  { id: 'api.context.invalid_param.app_error', status: 400, message: 'Invalid webhook.priority.priority parameter.', where: 'CreateWebhookPost',
    detail: 'Setting the priority of a post is required to use priority.', hint: /"priority": "important"/ },
  { id: 'api.context.invalid_param.app_error', name: 'invalid post.type', status: 400, message: 'Invalid post.type parameter.',
    where: 'CreateWebhookPost', hint: /system_/ },
  { id: 'web.incoming_webhook.split_props_length.app_error', status: 400, message: 'Unable to split webhook props into 760000 character parts.',
    where: 'SplitWebhookPost' },
  { id: 'api.post.create_webhook_post.creating.app_error', status: 500, message: 'Error creating post.', where: 'CreateWebhookPost',
    detail: 'err=Invalid type.', hint: /custom_/ },
  { id: 'api.post.create_webhook_post.creating.app_error', name: 'creating post, plugin', status: 500, message: 'Error creating post.',
    where: 'CreateWebhookPost', detail: 'err=Post rejected by plugin. spam', hint: /plugin/ },
];

const strip = (m) => m.replace(/\.$/, '');
const jsonLog = (msg, status, error) => JSON.stringify({ timestamp: '2026-01-20 10:00:00.000 Z', level: status >= 500 && status !== 501 ? 'error' : 'debug',
  msg, caller: 'web/context.go:117', path: `/hooks/${HOOK}`, request_id: 'ne6tzn7wi3nw9yq1n8pq3c4m3o', ip_addr: '10.0.0.7', user_id: '',
  method: 'POST', err_where: 'incomingWebhook', http_code: status, error });
const textLog = (msg, status, error) => `debug [2026-01-20 10:00:00.000 Z] ${msg} caller="web/context.go:117" path=/hooks/${HOOK} ` +
  `request_id=ne6tzn7wi3nw9yq1n8pq3c4m3o ip_addr=10.0.0.7 user_id= method=POST err_where=incomingWebhook http_code=${status} error=${JSON.stringify(error)}`;

/** Every pasted form of one case: [form name, text, the ids expected in order (first = the answered one)]. */
function forms(c) {
  const own = c.as || c.id;
  const out = [];
  if (c.outer) {
    const error = `incomingWebhook: ${c.message}${c.detail ? `, ${c.detail}` : ''}`;
    out.push(['JSON body', JSON.stringify({ id: c.id, message: c.message, detailed_error: '', request_id: 'ne6tzn7wi3nw9yq1n8pq3c4m3o', status_code: c.status }), [own]]);
    const withDetail = c.inner ? [own, c.inner] : [own];
    out.push(['JSON body with detailed_error', JSON.stringify({ id: c.id, message: c.message, detailed_error: c.detail || '', status_code: c.status }), withDetail]);
    out.push(['JSON log line', jsonLog(c.message, c.status, error), withDetail]);
    out.push(['console log line', textLog(c.message, c.status, error), withDetail]);
  } else {
    const detailed = `${c.where}: ${c.message}${c.detail ? `, ${c.detail}` : ''}`;
    const error = `incomingWebhook: ${generalMessage('application/json')}, ${detailed}`;
    out.push(['JSON body (developer mode)', JSON.stringify({ id: GENERAL, message: generalMessage('application/json'), detailed_error: detailed,
      request_id: 'ne6tzn7wi3nw9yq1n8pq3c4m3o', status_code: c.status }), [GENERAL, own]]);
    out.push(['JSON body of a server before v10.4', JSON.stringify({ id: c.id, message: c.message, detailed_error: '', status_code: c.status }), [own]]);
    out.push(['detailed_error alone', detailed, [own]]);
    out.push(['JSON log line', jsonLog(generalMessage('application/json'), c.status, error), [GENERAL, own]]);
    out.push(['console log line', textLog(generalMessage('application/json'), c.status, error), [GENERAL, own]]);
  }
  out.push(['bare message', c.message, [own]]);
  out.push(['bare message without its final period', strip(c.message), [own]]);
  out.push(['bare message, trailing newline and spaces', `  ${c.message}\n`, [own]]);
  out.push(['id alone', c.id, [own]]);
  return out;
}

for (const c of CASES) {
  test(`explains ${c.name || c.id} in every pasted form`, () => {
    for (const [form, text, ids] of forms(c)) {
      const res = explainError(text);
      const got = res.entries.map((e) => e.id);
      assert.equal(res.unknown, false, `${form}: not recognised: ${text}`);
      assert.deepEqual(got, ids, `${form}: ${text}`);
      if (ids.length === 2) assert.equal(res.entries[1].kind, 'inner', `${form}: the inner error is marked as such`);
      if (c.hint && form !== 'id alone' && !form.startsWith('bare') && form !== 'JSON body of a server before v10.4') {
        assert.match((res.entries.at(-1).hints || []).join(' '), c.hint, `${form}: hint`);
      }
    }
  });
}

test('the status and request id are read from every form that has them', () => {
  const c = CASES.find((x) => x.id === 'web.incoming_webhook.text.app_error');
  for (const [form, text] of forms(c)) {
    const { parsed } = explainError(text);
    if (/JSON body|log line/.test(form)) assert.equal(parsed.status_code, 400, form);
    if (/log line/.test(form)) assert.equal(parsed.request_id, 'ne6tzn7wi3nw9yq1n8pq3c4m3o', form);
  }
});

test('hardened mode: an empty id with "Internal Server Error" is explained; unrelated text is not', () => {
  const res = explainError('{"id":"","message":"Internal Server Error","detailed_error":"","request_id":"x","status_code":500}');
  assert.equal(res.entries.length, 1);
  assert.match(res.entries[0].meaning, /hardened/);
  for (const text of ['<html><body><h1>502 Bad Gateway</h1></body></html>', '404 page not found', 'hello', '', '{"ok": true}',
    '500 Internal Server Error']) {
    assert.equal(explainError(text).unknown, true, text);
  }
});

test('similar messages are not confused', () => {
  assert.deepEqual(explainError('Invalid webhook.').entries.map((e) => e.id), ['web.incoming_webhook.invalid.app_error']);
  assert.deepEqual(explainError('Invalid webhook.priority.priority parameter.').entries.map((e) => e.id), ['api.context.invalid_param.app_error']);
  assert.deepEqual(explainError('Couldn’t find the channel').entries.map((e) => e.id), ['web.incoming_webhook.channel.app_error']);
});

test('every error body the core answers is explained with its own id first', async () => {
  const mm = await mmhook();
  const cases = [
    ['{"text": ""}', {}], ['{"text": "x"}', { settings: { enableIncomingWebhooks: false } }], ['{"text": "x", "channel": "other"}',
      { settings: { hook: { channelLocked: true } } }], ['{"text": "x", "priority": {}}', {}], ['{"text": "x", "type": "system_x"}', {}],
    ['{"text": "x", "type": "junk"}', {}], ['{"text": ', {}], ['payload=%7B', { contentType: 'application/x-www-form-urlencoded' }],
    ['--x\r\n', { contentType: 'multipart/form-data' }], ['{}', { contentType: 'application/json; charset' }],
    [`payload=${'a'.repeat(400000)}`, { contentType: 'application/x-www-form-urlencoded' }],
  ];
  for (const [body, req] of cases) {
    const r = mm.check(body, { settings: {}, ...req, settings: { enableDeveloper: true, ...(req.settings || {}) } });
    assert.equal(r.ok, false, body.slice(0, 40));
    const res = explainError(JSON.stringify(r.error));
    assert.equal(res.entries[0]?.id, r.error.id, `${body.slice(0, 40)}: ${JSON.stringify(r.error)}`);
    if (r.error.id === GENERAL) assert.ok(res.entries.length >= 2, `the inner error of ${JSON.stringify(r.error)}`);
  }
});
