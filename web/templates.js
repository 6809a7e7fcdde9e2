// Ready-made payloads: each one is valid for a default server and shows a feature of the preview.
const j = (v) => JSON.stringify(v, null, 2);
// The trigger_id mmhook's simulated click sends at `made` ms (a placeholder: not signed, so a real server refuses it);
// a template's dialog gets one made when it loads, so it opens for the next 30 s, as after a real click.
export const simulatedTrigger = (made = Date.now()) =>
  btoa(`mmhooksimulatedtrigger0000:mmhooksimulateduser0000000:${Math.floor(made)}:${btoa('not-signed-by-mmhook')}`);

function longMessage() {
  const lines = ['#### Nightly integration log (truncated by nothing: Mattermost splits it)', '', '```text'];
  let i = 0;
  while (lines.join('\n').length < 17500) {
    i += 1;
    const n = String(i).padStart(4, '0');
    lines.push(`02:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')} step ${n} ok  checkout-api/integration/test_${n} (${(i * 37) % 900 + 100} ms)`);
  }
  lines.push('```', '', 'All steps passed. The server cuts this message every 16383 characters, even inside the code block.');
  return lines.join('\n');
}

export const TEMPLATES = [
  {
    id: 'alert', label: 'Monitoring alert (Prometheus / Datadog)', contentType: 'application/json',
    body: () => j({
      text: '#### :rotating_light: [FIRING:1] HighErrorRate checkout-api\n' +
        'Error rate is **7.3 %** (threshold 5 %) for the last 10 minutes. @oncall please take a look.',
      username: 'Alertmanager',
      icon_emoji: ':bell:',
      attachments: [{
        fallback: '[FIRING:1] HighErrorRate checkout-api 7.3%',
        color: 'danger',
        title: 'HighErrorRate — checkout-api',
        title_link: 'https://prometheus.example.com/alerts?search=HighErrorRate',
        text: 'Summary: 5xx responses above threshold.\nRunbook: [elevated 5xx](https://runbooks.example.com/checkout-api/5xx)',
        fields: [
          { title: 'Severity', value: 'critical', short: true },
          { title: 'Environment', value: 'production', short: true },
          { title: 'Instance', value: 'checkout-api-7d9f (eu-west-1)', short: true },
          { title: 'Value', value: 7.3, short: true },
          { title: 'Labels', value: '`alertname=HighErrorRate` `service=checkout-api` `team=payments`', short: false },
        ],
        footer: 'Prometheus Alertmanager',
      }],
    }),
  },
  {
    id: 'build', label: 'Build and deploy (Jenkins / GitLab CI)', contentType: 'application/json',
    body: () => j({
      text: ':white_check_mark: **Deploy succeeded** — `web-frontend` `v2.14.0` is live on **production**',
      username: 'GitLab CI',
      attachments: [{
        fallback: 'Pipeline #48211 passed: web-frontend v2.14.0 deployed',
        color: 'good',
        author_name: 'Jane Doe',
        author_link: 'https://gitlab.example.com/jdoe',
        title: 'Pipeline #48211 passed in 6 min 12 s',
        title_link: 'https://gitlab.example.com/acme/web-frontend/-/pipelines/48211',
        text: '| Stage | Result | Duration |\n|:--|:--:|--:|\n| build | :white_check_mark: | 1:48 |\n| test | :white_check_mark: | 3:02 |\n| deploy | :white_check_mark: | 1:22 |\n\n' +
          '```bash\nkubectl rollout status deploy/web-frontend -n prod\n# deployment "web-frontend" successfully rolled out\n```',
        fields: [
          { title: 'Branch', value: '`main`', short: true },
          { title: 'Commit', value: '[a1b2c3d](https://gitlab.example.com/acme/web-frontend/-/commit/a1b2c3d) Fix cart badge', short: true },
        ],
        footer: 'GitLab CI · runner shared-4',
      }],
    }),
  },
  {
    id: 'ticket', label: 'Support ticket (Zendesk / ServiceNow)', contentType: 'application/json',
    body: () => j({
      text: 'New **high priority** ticket from ~enterprise-support',
      username: 'Zendesk',
      attachments: [{
        fallback: 'Ticket #90211: Cannot export invoices (high)',
        color: '#F5A623',
        pretext: 'Assigned to the **Billing** queue',
        title: 'Ticket #90211: Cannot export invoices',
        title_link: 'https://support.example.com/agent/tickets/90211',
        text: '> Since this morning the export button returns *"Something went wrong"* for every invoice older than 30 days.\n\nCustomer tried two browsers; HAR file attached to the ticket.',
        fields: [
          { title: 'Requester', value: 'Maria Garcia (Acme GmbH)', short: true },
          { title: 'Priority', value: 'High', short: true },
          { title: 'Plan', value: 'Enterprise', short: true },
          { title: 'SLA', value: 'First reply due in **2 h**', short: true },
        ],
        footer: 'Zendesk · via e-mail',
      }],
    }),
  },
  {
    id: 'priority', label: 'Urgent priority with acknowledgement', contentType: 'application/json',
    body: () => j({
      text: 'Database failover started on **db-primary-2**. @channel please hold deployments until this is acknowledged.',
      username: 'PagerDuty',
      priority: { priority: 'urgent', requested_ack: true },
    }),
  },
  {
    id: 'interactive', label: 'Interactive buttons and menus', contentType: 'application/json',
    body: () => j({
      text: 'Release **v3.2.0** is ready to ship.',
      attachments: [{
        fallback: 'Release v3.2.0 ready: approve or reject',
        color: '#1c58d9',
        title: 'Approve the release',
        text: 'Pick the environment, then approve or reject.',
        actions: [
          { id: 'approve', type: 'button', name: 'Approve', style: 'primary',
            integration: { url: 'https://release-bot.example.com/actions', context: { action: 'approve', release: 'v3.2.0' } } },
          { id: 'reject', type: 'button', name: 'Reject', style: 'danger',
            integration: { url: 'https://release-bot.example.com/actions', context: { action: 'reject', release: 'v3.2.0' } } },
          { id: 'environment', type: 'select', name: 'Environment', default_option: 'staging',
            options: [{ text: 'Staging', value: 'staging' }, { text: 'Production', value: 'production' }],
            integration: { url: 'https://release-bot.example.com/actions', context: { action: 'env' } } },
        ],
      }],
    }),
  },
  {
    // Issue 19: the button's integration answers the click, then opens a dialog with the trigger_id it received.
    id: 'ack-note', label: 'Acknowledge with a note (button → dialog)', contentType: 'application/json',
    body: () => j({
      text: ':warning: Disk 91 % full on **db-3** (`/var/lib/postgresql`).',
      username: 'Ops Monitor',
      attachments: [{
        fallback: 'Disk 91% full on db-3: acknowledge', color: 'warning', title: 'Alert #4711 — disk space',
        actions: [
          { id: 'ack', type: 'button', name: 'Acknowledge…', style: 'primary',
            integration: { url: 'https://ops-bot.example.com/mattermost/actions', context: { action: 'ack', alert: 4711 } } },
          { id: 'silence', type: 'button', name: 'Silence 1 h',
            integration: { url: 'https://ops-bot.example.com/mattermost/actions', context: { action: 'silence', alert: 4711 } } },
        ],
      }],
    }),
    // The integration's answer to the click: keeps the attachment (props.attachments), marks it, opens the dialog after.
    response: () => j({
      update: {
        message: ':warning: Disk 91 % full on **db-3** (`/var/lib/postgresql`).',
        props: { attachments: [{ fallback: 'Acknowledged', color: 'good', title: 'Alert #4711 — acknowledged by @simulated-user' }] },
      },
      ephemeral_text: 'Thanks — add a note in the dialog that opens.',
    }),
    dialog: () => j({
      trigger_id: simulatedTrigger(), url: 'https://ops-bot.example.com/mattermost/dialog',
      dialog: {
        callback_id: 'ack-4711', title: 'Acknowledge alert #4711', state: 'alert-4711', notify_on_cancel: true,
        introduction_text: 'The alert stays **acknowledged** for 4 hours. What are you doing about it?',
        submit_label: 'Acknowledge',
        elements: [
          { display_name: 'Note', name: 'note', type: 'textarea', placeholder: 'e.g. rotating WAL files', max_length: 500,
            help_text: 'Posted in the alert thread.' },
          { display_name: 'Expected fix', name: 'eta', type: 'text', subtype: 'number', optional: true, placeholder: 'minutes' },
          { display_name: 'Page the DBA', name: 'page_dba', type: 'bool', optional: true, placeholder: 'Also page the on-call DBA' },
        ],
      },
    }),
  },
  {
    id: 'assign', label: 'Assign to a user (users menu → dialog)', contentType: 'application/json',
    body: () => j({
      text: 'New ticket **#2318**: _Checkout fails with 502 for EU customers_',
      username: 'Helpdesk',
      attachments: [{
        fallback: 'Ticket #2318: assign it', color: '#1c58d9', title: 'Ticket #2318',
        actions: [
          { id: 'assignee', type: 'select', name: 'Assign to…', data_source: 'users',
            integration: { url: 'https://helpdesk.example.com/mattermost/actions', context: { ticket: 2318 } } },
          { id: 'team', type: 'select', name: 'Team', options: [{ text: 'Payments', value: 'payments' }, { text: 'Platform', value: 'platform' }],
            integration: { url: 'https://helpdesk.example.com/mattermost/actions', context: { ticket: 2318, field: 'team' } } },
          { id: 'details', type: 'button', name: 'Assign with details…',
            integration: { url: 'https://helpdesk.example.com/mattermost/actions', context: { ticket: 2318, action: 'dialog' } } },
        ],
      }],
    }),
    // No update.props: the attachment and its menus stay; update.message replaces the text (omitting it would empty it).
    response: () => j({
      update: { message: 'Ticket **#2318**: _Checkout fails with 502 for EU customers_ — assigned to @simulated-user' },
      ephemeral_text: 'You assigned ticket #2318.',
    }),
    dialog: () => j({
      trigger_id: simulatedTrigger(), url: 'https://helpdesk.example.com/mattermost/dialog',
      dialog: {
        callback_id: 'assign-2318', title: 'Assign ticket #2318', state: '2318', submit_label: 'Assign',
        elements: [
          { display_name: 'Assignee', name: 'assignee', type: 'select', data_source: 'users' },
          { display_name: 'Team', name: 'team', type: 'select', default: 'payments',
            options: [{ text: 'Payments', value: 'payments' }, { text: 'Platform', value: 'platform' }] },
          { display_name: 'Severity', name: 'severity', type: 'radio',
            options: [{ text: 'Low', value: 'low' }, { text: 'High', value: 'high' }] },
          { display_name: 'Due', name: 'due', type: 'date', optional: true },
          { display_name: 'Follow-up channel', name: 'channel', type: 'select', data_source: 'channels', optional: true },
        ],
      },
    }),
  },
  {
    id: 'card', label: 'Card side panel (props.card)', contentType: 'application/json',
    body: () => j({
      text: 'Weekly cost report is ready: **$12,480** (+4 % week over week). Click the info icon for the breakdown.',
      username: 'FinOps',
      props: {
        card: '### Cost breakdown\n\n| Service | Cost | Change |\n|:--|--:|--:|\n| Compute | $7,920 | +6 % |\n| Storage | $2,310 | +1 % |\n| Network | $2,250 | +2 % |\n\n_Generated from the billing export of 2026-11-23._',
      },
    }),
  },
  {
    id: 'gitlab-slack', label: 'Slack-format payload as GitLab sends it', contentType: 'application/json',
    body: () => j({
      text: '[<https://gitlab.example.com/acme/api|acme/api>] Pipeline <https://gitlab.example.com/acme/api/-/pipelines/9912|#9912> of branch <https://gitlab.example.com/acme/api/-/commits/main|main> by Jane Doe (jdoe) has failed in 02:13',
      username: 'GitLab',
      channel: 'town-square',
      attachments: [{
        text: '<https://gitlab.example.com/acme/api/-/jobs/77120|rspec 2/4>: Failed\n<!here> please look at the flaky spec',
        color: '#e05d44',
        fallback: 'Pipeline #9912 failed',
        mrkdwn_in: ['text'],
      }],
    }),
  },
  {
    id: 'long', label: 'Long message that splits into several posts', contentType: 'application/json',
    body: () => j({ text: longMessage(), username: 'Nightly' }),
  },
];
