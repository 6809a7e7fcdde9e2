// mm.restFollowUp: the REST API request for a webhook post, its command, and the differences (shapes, errors, safety).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mmhook, shells, compileAgainstDts } from './helpers.mjs';

const mm = await mmhook();
const CH = 'abcdefghijklmnopqrstuvwxyz';
const payload = JSON.stringify({
  text: 'Deploy of **api** finished 😀', channel: 'alerts', username: 'Deploy Bot',
  priority: { priority: 'important' },
  attachments: [{ text: 'Pick', actions: [{ id: 'ack', name: 'Acknowledge',
    integration: { url: 'https://example.com/ack', context: { run: 42 } } }] }],
});

test('restFollowUp: request, command, diagnostics, notes as plain objects', () => {
  const r = mm.restFollowUp(payload, { serverUrl: 'https://chat.example.com', channelId: CH });
  assert.deepEqual(Object.keys(r), ['request', 'command', 'diagnostics', 'notes']);
  assert.equal(r.request.method, 'POST');
  assert.equal(r.request.url, 'https://chat.example.com/api/v4/posts');
  assert.deepEqual(r.request.headers, { Authorization: 'Bearer $MM_TOKEN', 'Content-Type': 'application/json' });
  const body = JSON.parse(r.request.body);
  assert.equal(body.channel_id, CH);
  assert.equal(body.message, 'Deploy of **api** finished 😀');
  assert.equal(body.type, 'slack_attachment');
  assert.equal(body.props.attachments[0].actions[0].integration.url, 'https://example.com/ack');
  assert.equal(body.props.from_webhook, undefined);
  assert.deepEqual(body.metadata, { priority: { priority: 'important' } });
  assert.equal(body.channel, undefined);
  assert.equal(body.username, undefined);
  const codes = r.diagnostics.map((d) => d.code);
  for (const c of ['rest.channel_name', 'rest.username_ignored', 'rest.priority_metadata', 'rest.webhook_props_dropped']) {
    assert.ok(codes.includes(c), `${c} in ${codes}`);
  }
  assert.match(r.command, /^curl -sS --fail-with-body/);
  assert.match(r.command, /"Authorization: Bearer \$\{MM_TOKEN:\?set MM_TOKEN to the access token\}"/);
  assert.ok(r.notes.length >= 4 && r.notes.every((n) => typeof n === 'string'));
});

test('restFollowUp: positions are in UTF-16 units of the string body', () => {
  const body = '{"text":"😀😀","username":"x"}';
  const d = mm.restFollowUp(body, { serverUrl: 'https://c.example', channelId: CH }).diagnostics
    .find((x) => x.code === 'rest.username_ignored');
  assert.equal(d.path, '/username');
  assert.equal(d.offset, body.indexOf('"x"'));
  assert.equal(d.column, body.indexOf('"x"') + 1);
});

test('restFollowUp: every shell of the command panel gets a command with the header', async () => {
  for (const { id: shell } of await shells()) {
    const r = mm.restFollowUp(payload, { serverUrl: 'https://chat.example.com', channelId: CH, shell });
    assert.match(r.command, /Authorization/, shell);
    assert.match(r.command, /MM_TOKEN/, shell);
    assert.match(r.command, /https:\/\/chat\.example\.com\/api\/v4\/posts/, shell);
  }
});

test('restFollowUp: the token is written only when given, and only when it is a plain token', () => {
  const tok = '1a2b3c4d5e6f7g8h9i0j1k2l3m';
  const r = mm.restFollowUp(payload, { serverUrl: 'https://chat.example.com', channelId: CH, token: tok });
  assert.equal(r.request.headers.Authorization, `Bearer ${tok}`);
  assert.match(r.command, new RegExp(`'Authorization: Bearer ${tok}'`));
  assert.ok(r.diagnostics.some((d) => d.code === 'rest.token_inline'));
  const bad = mm.restFollowUp(payload, { serverUrl: 'https://chat.example.com', channelId: CH, token: "x'; id #" });
  assert.ok(bad.diagnostics.some((d) => d.code === 'rest.token_invalid' && d.severity === 'error'));
  assert.doesNotMatch(bad.command, /; id #/);
  assert.doesNotMatch(JSON.stringify(bad), /; id #/);
  const env = mm.restFollowUp(payload, { serverUrl: 'https://chat.example.com', channelId: CH, tokenEnv: 'BOT_TOKEN', shell: 'powershell' });
  assert.match(env.command, /\$env:BOT_TOKEN/);
});

test('restFollowUp: bad input is a diagnostic, never a broken command', () => {
  const none = mm.restFollowUp('{"text": ', { serverUrl: 'https://chat.example.com', channelId: CH });
  assert.equal(none.request, null);
  assert.equal(none.command, '');
  assert.ok(none.diagnostics.some((d) => d.code === 'rest.no_post'));
  const missing = mm.restFollowUp('{"text":"x"}', {});
  assert.equal(JSON.parse(missing.request.body).channel_id, 'mmhookchannelidplaceholder');
  assert.equal(missing.request.url, 'https://mattermost.example.com/api/v4/posts');
  assert.ok(missing.diagnostics.some((d) => d.code === 'rest.channel_id_missing'));
  assert.ok(missing.diagnostics.some((d) => d.code === 'rest.server_url_missing'));
  for (const serverUrl of ['file:///etc/passwd', 'https://x.example\n$(id)', "https://x.example/'`id`'", 'javascript:alert(1)',
    'https://x.example/\u202e']) {
    const r = mm.restFollowUp('{"text":"x"}', { serverUrl, channelId: CH });
    assert.ok(r.diagnostics.some((d) => d.code === 'rest.server_url_invalid'), JSON.stringify(serverUrl));
    assert.equal(r.request.url, 'https://mattermost.example.com/api/v4/posts');
    assert.doesNotMatch(r.command, /id`|\$\(id\)|passwd|javascript|\u202e/);
  }
});

test('restFollowUp: wrong argument types throw TypeError', () => {
  assert.throws(() => mm.restFollowUp(42), TypeError);
  assert.throws(() => mm.restFollowUp('{}', { shell: 'tcsh' }), TypeError);
  assert.throws(() => mm.restFollowUp('{}', { postIndex: -1 }), TypeError);
  assert.throws(() => mm.restFollowUp('{}', { channelId: 5 }), TypeError);
  assert.throws(() => mm.restFollowUp('{}', { keepWebhookProps: 'yes' }), TypeError);
  assert.throws(() => mm.restFollowUp('{}', { url: 'https://x' }), TypeError);
});

test('restFollowUp: keepWebhookProps sends the override props the webhook stored', () => {
  const r = mm.restFollowUp(payload, { serverUrl: 'https://chat.example.com', channelId: CH, keepWebhookProps: true,
    settings: { enablePostUsernameOverride: true } });
  const props = JSON.parse(r.request.body).props;
  assert.equal(props.from_webhook, 'true');
  assert.equal(props.override_username, 'Deploy Bot');
  assert.ok(r.diagnostics.some((d) => d.code === 'rest.webhook_props_kept'));
});

test('dist/mmhook.d.ts: restFollowUp compiles in a strict consumer', () => {
  const r = compileAgainstDts(`
import { createMmhook, type RestFollowUp, type RestFollowUpOptions, type HttpRequest } from './mmhook';
async function main(): Promise<number> {
  const mm = await createMmhook();
  const o: RestFollowUpOptions = { serverUrl: 'https://c.example', channelId: 'x', shell: 'powershell', postIndex: 0,
    tokenEnv: 'T', keepWebhookProps: true, settings: { postPriority: false }, contentType: null };
  const r: RestFollowUp = mm.restFollowUp('{}', o);
  const r2: RestFollowUp = mm.restFollowUp(new Uint8Array(0));
  const req: HttpRequest | null = r.request;
  const auth: string | undefined = req?.headers['Authorization'];
  const n: string[] = r.notes;
  return r.command.length + r.diagnostics.length + n.length + String(auth).length + r2.command.length;
}
void main;
`);
  assert.equal(r.status, 0, r.output);
});
