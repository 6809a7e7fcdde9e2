// The interactivity API: simulateAction, applyActionResponse, checkDialog (shapes, positions, errors, safety).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mmhook } from './helpers.mjs';
import { htmlViolation } from '../fuzz/html_check.mjs';

const mm = await mmhook();
const payload = JSON.stringify({
  text: 'Lunch? 😀',
  attachments: [{ text: 'Pick', actions: [
    { id: 'approve', name: 'Approve', integration: { url: 'https://example.com/act', context: { poll: 'lunch' } } },
    { id: 'dish', name: 'Dish', type: 'select', options: [{ text: 'Pizza', value: 'pizza' }],
      integration: { url: 'http://127.0.0.1:9/act' } },
  ] }],
});

test('simulateAction: the request Mattermost sends, with placeholders and the given context', () => {
  const s = mm.simulateAction(payload, { actionId: 'approve', context: { userName: 'alice', teamDomain: 'acme' } });
  assert.equal(s.status, 200);
  assert.equal(s.error, null);
  assert.equal(s.request.method, 'POST');
  assert.equal(s.request.url, 'https://example.com/act');
  assert.equal(s.request.headers['Content-Type'], 'application/json');
  assert.equal(s.request.headers['User-Agent'], 'Mattermost-Bot/1.1');
  const body = JSON.parse(s.request.body);
  assert.deepEqual(Object.keys(body), ['user_id', 'user_name', 'channel_id', 'channel_name', 'team_id', 'team_domain',
    'post_id', 'trigger_id', 'type', 'data_source', 'context']);
  assert.equal(body.user_name, 'alice');
  assert.equal(body.team_domain, 'acme');
  assert.equal(body.user_id, 'mmhooksimulateduser0000000');
  assert.deepEqual(body.context, { poll: 'lunch' });
  assert.equal(Buffer.from(body.trigger_id, 'base64').toString().split(':').length, 4);
  assert.ok(s.diagnostics.some((d) => d.code === 'interact.placeholders'));
});

test('simulateAction: positions are UTF-16 offsets into the body', () => {
  const s = mm.simulateAction(payload, { actionId: 'dish', selectedOption: 'pizza' });
  assert.equal(s.status, 400);
  assert.equal(s.error.message, 'Action integration error.');
  const d = s.diagnostics.find((x) => x.code === 'interact.url_forbidden');
  assert.ok(d);
  assert.equal(d.path, '/attachments/0/actions/1/integration/url');
  assert.equal(payload.slice(d.offset, d.offset + 7), '{"id":"');
  assert.ok(JSON.parse(s.request.body).context.selected_option === 'pizza');
});

test('simulateAction: failures of the click and bad arguments', () => {
  const s = mm.simulateAction(payload, { actionId: 'nope' });
  assert.equal(s.status, 404);
  assert.equal(s.request, null);
  assert.equal(s.error.message, 'Invalid action id.');
  assert.throws(() => mm.simulateAction(payload, {}), TypeError);
  assert.throws(() => mm.simulateAction(payload), TypeError);
  assert.throws(() => mm.simulateAction(null, { actionId: 'a' }), TypeError);
  assert.throws(() => mm.simulateAction(payload, { actionId: 'a', postIndex: -1 }), TypeError);
  assert.throws(() => mm.simulateAction(payload, { actionId: 'a', context: { userid: 'x' } }), TypeError);
});

test('applyActionResponse: a Report of the updated post and the ephemeral reply', () => {
  const response = '{"update":{"props":{}},"ephemeral_text":"Counted <https://e.com|here>"}';
  const r = mm.applyActionResponse(payload, response, { actionId: 'approve' });
  assert.equal(r.ok, true);
  assert.equal(r.posts.length, 2);
  assert.equal(r.posts[0].message, '');
  assert.equal(r.posts[0].props.attachments, undefined);
  assert.equal(r.posts[1].type, 'system_ephemeral');
  assert.equal(r.posts[1].message, 'Counted [here](https://e.com)');
  assert.match(r.posts[1].html, /Only visible to you/);
  const codes = r.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('interact.update_message_omitted'));
  assert.ok(codes.includes('interact.update_props_drop'));
  for (const p of r.posts) assert.equal(htmlViolation(p.html), '');
  const d = r.diagnostics.find((x) => x.code === 'interact.update_message_omitted');
  assert.equal(response.slice(d.offset, d.offset + 1), '{');
});

test('applyActionResponse: without an action id the answer applies to the post; bad answers', () => {
  const r = mm.applyActionResponse(payload, '{"update":{"message":"done"}}');
  assert.equal(r.ok, true);
  assert.equal(r.posts[0].message, 'done');
  assert.match(r.posts[0].html, /mm-action-button/);
  const bad = mm.applyActionResponse(payload, '{"update":[]}');
  assert.equal(bad.status, 400);
  assert.equal(bad.error.id, 'api.post.do_action.action_integration.app_error');
  assert.throws(() => mm.applyActionResponse(payload, {}), TypeError);
});

const trigger = Buffer.from('abcdefghijklmnopqrstuvwxyz:ki6kbqc3jfgd9ywqxwf4u9hbhc:1700000000000:' +
  Buffer.from('sig').toString('base64')).toString('base64');
const open = JSON.stringify({ trigger_id: trigger, url: 'https://example.com/submit', dialog: {
  callback_id: 'c', title: 'Order <b>', introduction_text: '**Pick** <script>alert(1)</script>', elements: [
    { display_name: 'Dish', name: 'dish', type: 'select', options: [{ text: 'Pizza', value: 'pizza' }] },
    { display_name: 'Count', name: 'count', type: 'text', subtype: 'number', default: '2' },
  ] } });

test('checkDialog: draws the dialog safely and builds the submission', () => {
  const d = mm.checkDialog(open, { values: { dish: 'pizza', count: 3 } });
  assert.equal(d.ok, true);
  assert.equal(htmlViolation(d.html), '');
  assert.doesNotMatch(d.html, /<script|<b>/);
  assert.match(d.html, /<strong>Pick<\/strong>/);
  const body = JSON.parse(d.submission.body);
  assert.deepEqual(body.submission, { count: 3, dish: 'pizza' });
  assert.equal(body.type, 'dialog_submission');
  assert.equal(body.cancelled, false);
  assert.equal(d.outcome, null);
});

test('checkDialog: client checks block, server rules warn, answers are judged', () => {
  const blocked = mm.checkDialog(open);
  assert.equal(blocked.submission, null);
  assert.ok(blocked.diagnostics.some((x) => x.code === 'dialog.client_check' && /This field is required/.test(x.message)));
  const ans = mm.checkDialog(open, { values: { dish: 'pizza' }, response: '{"errors":{"dish":"Sold out"}}' });
  assert.match(ans.outcome, /stays open/);
  assert.match(ans.html, /Sold out/);
  const bad = mm.checkDialog('{"trigger_id":1}');
  assert.equal(bad.ok, false);
  assert.equal(bad.status, 400);
  const d = bad.diagnostics.find((x) => x.code === 'dialog.type');
  assert.equal(d.offset, '{"trigger_id":'.length);
  assert.throws(() => mm.checkDialog({}), TypeError);
  assert.throws(() => mm.checkDialog(open, { values: [] }), TypeError);
});

test('simulateAction: nowMillis is the trigger_id\'s time; afterResponse clicks the updated post', () => {
  const s = mm.simulateAction(payload, { actionId: 'approve', nowMillis: 1700000000123 });
  assert.equal(Buffer.from(JSON.parse(s.request.body).trigger_id, 'base64').toString().split(':')[2], '1700000000123');
  const answer = JSON.stringify({ update: { message: 'Done', props: { attachments: [{ actions: [
    { id: 'undo', name: 'Undo', integration: { url: 'https://example.com/undo' } }] }] } } });
  const after = mm.simulateAction(payload, { actionId: 'undo', afterResponse: answer });
  assert.equal(after.status, 200);
  assert.equal(after.request.url, 'https://example.com/undo');
  assert.equal(mm.simulateAction(payload, { actionId: 'undo' }).status, 404);
  assert.equal(mm.simulateAction(payload, { actionId: 'approve', afterResponse: answer }).status, 404);
  assert.throws(() => mm.simulateAction(payload, { actionId: 'approve', nowMillis: 'now' }), TypeError);
  assert.throws(() => mm.simulateAction(payload, { actionId: 'approve', afterResponse: {} }), TypeError);
});

test('checkDialog: nowMillis enforces the trigger_id lifetime with the server\'s message', () => {
  const ok = mm.checkDialog(open, { values: { dish: 'pizza' }, nowMillis: 1700000030000 });
  assert.equal(ok.status, 200);
  const late = mm.checkDialog(open, { nowMillis: 1700000030001 });
  assert.equal(late.status, 400);
  assert.equal(late.error.id, 'interactive_message.decode_trigger_id.expired');
  assert.equal(late.error.message, 'Trigger ID for interactive dialog is expired. Trigger IDs live for a maximum of 30s.');
});

test('checkDialog look: legacy draws the InteractiveDialog, submits every element; cancel request with notify_on_cancel', () => {
  const req = JSON.stringify({ trigger_id: trigger, url: 'https://example.com/submit', dialog: { callback_id: 'c', title: 'T',
    notify_on_cancel: true, elements: [
      { display_name: 'Note', name: 'note', type: 'text', optional: true, help_text: '**plain**' },
      { display_name: 'Day', name: 'day', type: 'date', optional: true },
    ] } });
  const apps = mm.checkDialog(req);
  assert.deepEqual(JSON.parse(apps.submission.body).submission, {});
  assert.match(apps.html, /<strong>plain<\/strong>/);
  const legacy = mm.checkDialog(req, { look: 'legacy' });
  assert.equal(htmlViolation(legacy.html), '');
  assert.match(legacy.html, /mm-dialog--legacy/);
  assert.match(legacy.html, /\*\*plain\*\*/);
  assert.doesNotMatch(legacy.html, /data-name="day"/);
  assert.deepEqual(JSON.parse(legacy.submission.body).submission, { day: '', note: '' });
  assert.ok(legacy.diagnostics.some((x) => x.code === 'dialog.legacy_note'));
  const cancel = JSON.parse(legacy.cancel.body);
  assert.equal(cancel.cancelled, true);
  assert.deepEqual(cancel.submission, {});
  assert.throws(() => mm.checkDialog(req, { look: 'old' }), TypeError);
});

test('post HTML: action controls carry data-action-ref, the page\'s click mapping', () => {
  const r = mm.check(payload);
  assert.match(r.posts[0].html, /class="mm-action-button" disabled data-action-ref="0:0"/);
  assert.match(r.posts[0].html, /data-action-ref="0:1"/);
  assert.equal(htmlViolation(r.posts[0].html), '');
});
