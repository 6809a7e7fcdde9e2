// The payload JSON Schema the page completes from (web/incoming-webhook.schema.json, shipped as mmhook/schema.json):
// every template and every realistic payload of the tools people connect to Mattermost validates against it, and
// the core accepts each of them (the schema never rejects what Mattermost accepts from these tools).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { TEMPLATES } from '../../web/templates.js';
import { mmhook, root } from './helpers.mjs';

const schema = JSON.parse(readFileSync(path.join(root, 'web/incoming-webhook.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);

// The shapes these tools send by default (as documented by each tool or seen on the wire), with realistic values.
const REAL_WORLD = {
  'Alertmanager (slack_configs)': { channel: '#alerts', username: 'Alertmanager', icon_emoji: ':rotating_light:', icon_url: '',
    attachments: [{ title: '[FIRING:2] HighErrorRate (checkout-api production)', title_link: 'http://alertmanager.example.com:9093/#/alerts?receiver=mattermost',
      pretext: '', text: '*Alert:* HighErrorRate - `critical`\n*Description:* 5xx above 5% for 10m\n*Details:*\n  • *alertname:* `HighErrorRate`',
      fallback: '[FIRING:2] HighErrorRate | http://alertmanager.example.com:9093/#/alerts', callback_id: '', footer: '', color: 'danger',
      mrkdwn_in: ['fallback', 'pretext', 'text'] }] },
  'Grafana (Slack-compatible contact point)': { channel: '', username: 'Grafana', icon_emoji: '', icon_url: 'https://grafana.com/static/assets/img/fav32.png',
    attachments: [{ color: '#D63232', title: '[FIRING:1] HighCPU (instance=web-1)', title_link: 'https://grafana.example.com/alerting/list',
      text: '**Firing**\n\nValue: B=97.3\nLabels:\n - alertname = HighCPU\n - instance = web-1\n',
      fallback: '[FIRING:1] HighCPU', footer: 'Grafana v10.4.1', footer_icon: 'https://grafana.com/static/assets/img/fav32.png', ts: 1717171717,
      image_url: 'https://grafana.example.com/render/d-solo/abc/cpu.png', mrkdwn_in: ['pretext'] }], blocks: null },
  'GitLab (Mattermost notifications, push)': { username: 'GitLab', channel: 'dev-notifications',
    text: 'Jane Doe pushed to branch <https://gitlab.example.com/shop/api/commits/main|main> of <https://gitlab.example.com/shop/api|shop/api> (<https://gitlab.example.com/shop/api/compare/1a2b...3c4d|Compare changes>)',
    attachments: [{ text: '<https://gitlab.example.com/shop/api/commit/3c4d5e6f|3c4d5e6f>: Fix rounding of totals - Jane Doe', color: '#345' }] },
  'GitLab (pipeline)': { username: 'GitLab', text: '',
    attachments: [{ fallback: 'shop/api: Pipeline #4211 of branch main by Jane Doe passed in 03:12', color: 'good',
      text: '<https://gitlab.example.com/shop/api|shop/api>: Pipeline <https://gitlab.example.com/shop/api/-/pipelines/4211|#4211> of branch <https://gitlab.example.com/shop/api/-/commits/main|main> by Jane Doe passed in 03:12',
      mrkdwn_in: ['text'] }] },
  'Jenkins (mattermost-plugin)': { channel: 'builds', username: 'jenkins', icon_url: 'https://www.jenkins.io/images/logos/jenkins/jenkins.png',
    text: 'checkout-api - #1234 Back to normal after 3 min (<https://ci.example.com/job/checkout-api/1234/|Open>)',
    attachments: [{ fallback: 'checkout-api - #1234 Back to normal', color: '#36a64f', text: 'Changes: fix flaky test', fields: [
      { title: 'Duration', value: '3 min 12 sec', short: true }, { title: 'Tests', value: 312, short: true }] }] },
  'Apprise (mmost://)': { text: '**Backup finished**\r\nAll 14 volumes copied to s3://backups (2.3 GiB).',
    icon_url: 'https://github.com/caronc/apprise/raw/master/apprise/assets/themes/default/apprise-info-72x72.png', username: 'Apprise', channel: 'ops' },
  'slack-notifier (Ruby gem)': { text: 'Deploy of *shop* to production finished', channel: '#deploys', username: 'notifier', icon_emoji: ':ghost:',
    link_names: 1, unfurl_links: true, mrkdwn: true,
    attachments: [{ fallback: 'Deploy finished', color: 'good', pretext: 'Release 2.3.0', text: 'All hosts healthy', mrkdwn_in: ['text', 'pretext'],
      fields: [{ title: 'Priority', value: 'High', short: false }, { title: 'Hosts', value: '12', short: 'true' }], ts: '1717171717.000200' }] },
  'Uptime Kuma / generic monitor': { username: 'Uptime Kuma', icon_emoji: ':red_circle:', text: '[checkout-api] [🔴 Down] Connection refused',
    attachments: [{ color: '#ff0000', fields: [{ title: 'Service', value: 'checkout-api', short: true }, { title: 'Time (UTC)', value: '2026-01-20 10:00:00', short: true }] }] },
  'Mattermost extras (priority, props card, interactive)': { text: '#### Database failover', priority: { priority: 'urgent', requested_ack: true },
    props: { card: '**Runbook**: https://wiki.example.com/failover' },
    attachments: [{ text: 'Approve the failover?', actions: [{ id: 'approve', name: 'Approve', style: 'good',
      integration: { url: 'https://ops.example.com/hooks/approve', context: { ticket: 42 } } },
    { id: 'region', name: 'Region', type: 'select', options: [{ text: 'eu-west-1', value: 'eu' }, { text: 'us-east-1', value: 'us' }],
      integration: { url: 'https://ops.example.com/hooks/region' } }] }] },
  'minimal': { text: 'hello' },
  'with a $schema key for editors': { $schema: './node_modules/mmhook/dist/incoming-webhook.schema.json', text: 'hello' },
  'attachments only': { attachments: [{ text: 'only an attachment', color: 'warning' }] },
  'null payload': null,
};

const errorsOf = () => (validate.errors || []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

test('every template validates against the schema and is accepted by the core', async () => {
  const mm = await mmhook();
  for (const t of TEMPLATES) {
    const body = t.body();
    assert.ok(validate(JSON.parse(body)), `${t.id}: ${errorsOf()}`);
    const r = mm.check(body, { contentType: t.contentType });
    assert.equal(r.ok, true, `${t.id}: ${JSON.stringify(r.error)}`);
  }
});

for (const [name, payload] of Object.entries(REAL_WORLD)) {
  test(`real-world payload validates and is accepted: ${name}`, async () => {
    const mm = await mmhook();
    const r = mm.check(JSON.stringify(payload));
    if (name === 'null payload') assert.equal(r.status, 400, 'null decodes to an empty request: "No text specified"');
    else assert.equal(r.ok, true, `the core accepts it: ${JSON.stringify(r.error)}`);
    assert.ok(validate(payload), `${name}: ${errorsOf()}`);
  });
}

test('the schema still flags shapes Mattermost refuses to decode', () => {
  for (const bad of [{ text: 5 }, { attachments: {} }, { priority: 'urgent' }, { attachments: [{ fields: [{ short: null }] }] },
    { attachments: [{ id: 'x' }] }, { props: [] }, [], 'text']) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
  }
});

test('the package ships the schema as mmhook/schema.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.exports['./schema.json'], './dist/incoming-webhook.schema.json');
  assert.ok(pkg.files.includes('dist/incoming-webhook.schema.json'));
  assert.deepEqual(JSON.parse(readFileSync(path.join(root, 'dist/incoming-webhook.schema.json'), 'utf8')), schema);
});
