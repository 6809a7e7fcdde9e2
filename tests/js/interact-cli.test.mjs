// mmhook action / mmhook dialog: exit codes, terminal-safe text, exact JSON.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

const cli = path.join(root, 'bin/mmhook.mjs');
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 30000 });
const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-interact-'));
const file = (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };

const payload = file('payload.json', JSON.stringify({ text: 'Vote', attachments: [{ actions: [
  { id: 'yes', name: 'Yes\u001b[31m', integration: { url: 'https://example.com/vote', context: { secret: 'e\u001b]0;x\u0007' } } },
  { id: 'menu', name: 'Menu', type: 'select', options: [{ text: 'A', value: 'a' }], integration: { url: 'http://10.0.0.5/x' } },
] }] }));

test('action: prints the request and exits 0; --json is the exact simulation', () => {
  const r = run(['action', payload, '--action', 'yes']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /POST https:\/\/example\.com\/vote/);
  assert.match(r.stdout, /User-Agent: Mattermost-Bot\/1\.1/);
  assert.match(r.stdout, /the click reaches the integration/);
  assert.doesNotMatch(r.stdout, /\u001b/);
  const j = run(['action', payload, '--action', 'yes', '--json']);
  const sim = JSON.parse(j.stdout);
  assert.equal(sim.status, 200);
  assert.equal(JSON.parse(sim.request.body).context.secret, 'e\u001b]0;x\u0007');
  assert.doesNotMatch(j.stdout, /\u001b/);
});

test('action: a refused click exits 1 with the server message; a menu option is sent', () => {
  const r = run(['action', payload, '--action', 'menu', '--option', 'a']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Action integration error\./);
  assert.match(r.stdout, /"selected_option":"a"/);
  const u = run(['action', payload, '--action', 'nope']);
  assert.equal(u.status, 1);
  assert.match(u.stdout, /Invalid action id\./);
  assert.equal(run(['action', payload]).status, 2);
});

test('action --response: the updated post and the ephemeral reply', () => {
  const resp = file('resp.json', '{"update":{"message":"Closed"},"ephemeral_text":"Thanks"}');
  const r = run(['action', payload, '--action', 'yes', '--response', resp]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /message is now: "Closed"/);
  assert.match(r.stdout, /1 attachment\(s\) remain/);
  assert.match(r.stdout, /only the clicking user sees: "Thanks"/);
  const bad = file('bad.json', '{"update":{"message":1}}');
  const b = run(['action', payload, '--action', 'yes', '--response', bad, '--json']);
  assert.equal(b.status, 1);
  assert.equal(JSON.parse(b.stdout).report.status, 400);
});

// Made an hour ahead, so that a slow machine does not see it expire between runs (the server accepts it as well).
const made = Date.now() + 3600000;
const triggerAt = (ms) => Buffer.from(`abcdefghijklmnopqrstuvwxyz:u:${ms}:` + Buffer.from('s').toString('base64')).toString('base64');
const trigger = triggerAt(made);
const openReq = file('open.json', JSON.stringify({ trigger_id: trigger, url: 'https://example.com/submit', dialog: {
  title: 'Order', callback_id: 'cb', elements: [{ display_name: 'Dish', name: 'dish', type: 'text', default: 'pizza' }] } }));
const oldReq = file('old.json', JSON.stringify({ trigger_id: triggerAt(1700000000000), url: 'https://example.com/submit', dialog: {
  title: 'Order', callback_id: 'cb', elements: [] } }));

test('dialog: accepted request, the submission; --json; refused request exits 1', () => {
  const r = run(['dialog', openReq]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /open the dialog/);
  assert.match(r.stdout, /"submission":\{"dish":"pizza"\}/);
  const j = JSON.parse(run(['dialog', openReq, '--json']).stdout);
  assert.equal(j.ok, true);
  assert.match(j.html, /mm-dialog/);
  const expired = run(['dialog', openReq, '--now', String(made + 99000)]);
  assert.equal(expired.status, 1);
  assert.match(expired.stdout, /expired/);
  const resp = file('dresp.json', '{"errors":[{"name":"dish","error":"x"}]}');
  const a = run(['dialog', openReq, '--response', resp]);
  assert.match(a.stdout, /Submission failed/);
  assert.equal(run(['dialog', '-'], '{"url":""}').status, 1);
});

test('dialog: the trigger_id lifetime is checked against now by default (--now off skips it)', () => {
  const r = run(['dialog', oldReq]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Trigger ID for interactive dialog is expired\. Trigger IDs live for a maximum of 30s\./);
  assert.equal(run(['dialog', oldReq, '--now', 'off']).status, 0);
  assert.equal(run(['dialog', oldReq, '--now', 'soon']).status, 2);
});

test('action: the trigger_id carries the click time (--now), so its dialog opens within 30 s', () => {
  const sim = JSON.parse(run(['action', payload, '--action', 'yes', '--json', '--now', '1700000000000']).stdout);
  const parts = Buffer.from(JSON.parse(sim.request.body).trigger_id, 'base64').toString().split(':');
  assert.equal(parts[2], '1700000000000');
  const fresh = JSON.parse(run(['action', payload, '--action', 'yes', '--json']).stdout);
  const t = Number(Buffer.from(JSON.parse(fresh.request.body).trigger_id, 'base64').toString().split(':')[2]);
  assert.ok(Math.abs(t - Date.now()) < 60000, `trigger made at ${t}`);
});

test('action --after: the click goes to the post after the earlier answer', () => {
  const after = file('after.json', JSON.stringify({ update: { message: 'Closed', props: { attachments: [{ actions: [
    { id: 'reopen', name: 'Reopen', integration: { url: 'https://example.com/reopen' } }] }] } } }));
  const r = run(['action', payload, '--action', 'reopen', '--after', after]);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /POST https:\/\/example\.com\/reopen/);
  assert.equal(run(['action', payload, '--action', 'yes', '--after', after]).status, 1);
});

test('dialog --look legacy: the legacy renderer\'s submission and checks', () => {
  const req = file('legacy.json', JSON.stringify({ trigger_id: triggerAt(made), url: 'https://example.com/submit', dialog: {
    title: 'Order', callback_id: 'cb', elements: [{ display_name: 'Note', name: 'note', type: 'text', optional: true }] } }));
  const apps = run(['dialog', req]);
  assert.match(apps.stdout, /"submission":\{\}/);
  const legacy = run(['dialog', req, '--look', 'legacy']);
  assert.equal(legacy.status, 0, legacy.stdout);
  assert.match(legacy.stdout, /legacy dialog/);
  assert.match(legacy.stdout, /"submission":\{"note":""\}/);
  assert.equal(JSON.parse(run(['dialog', req, '--look', 'legacy', '--json']).stdout).html.includes('mm-dialog--legacy'), true);
  assert.equal(run(['dialog', req, '--look', 'old']).status, 2);
});
