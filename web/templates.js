// Ready-made payloads: each one is valid for a default server and shows a feature of the preview.
const j = (v) => JSON.stringify(v, null, 2);

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
