// Benchmark corpus: realistic incoming-webhook payloads (each a full JSON body with attachments), scaling documents,
// and cmark-gfm's pathological patterns. Deterministic (no randomness). Exports the generators; run directly to
// write the bodies to build/bench/corpus/ (NAME.json + NAME.settings.json) for inspection or the native driver.
// Usage: node scripts/bench/corpus.mjs [OUTDIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const link = (i) => `https://github.com/acme/checkout/pull/${4100 + i}`;
const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];

/** ≈ 400 B: an Alertmanager-style alert. */
export function smallAlert() {
  return JSON.stringify({
    username: 'alertmanager',
    icon_emoji: ':rotating_light:',
    text: '#### :rotating_light: [FIRING:1] HighErrorRate on <https://grafana.example.com/d/api|checkout-api>',
    attachments: [{
      fallback: 'HighErrorRate',
      color: '#d24b4e',
      title: '5xx rate above 5% for 10 minutes',
      title_link: 'https://grafana.example.com/d/api?viewPanel=4',
      fields: [{ title: 'Severity', value: 'critical', short: true }, { title: 'Region', value: 'eu-west-1', short: true }],
    }],
  });
}

/** ≈ 3 KB: a CI run report with a Markdown table, fields and buttons. */
export function ciReport() {
  const jobs = ['lint', 'unit (linux)', 'unit (macos)', 'unit (windows)', 'integration', 'e2e (chromium)', 'e2e (firefox)',
    'build image', 'security scan', 'deploy preview', 'docs', 'bundle size', 'license check', 'migrations (postgres)', 'migrations (mysql)'];
  const rows = jobs.map((j, i) => `| ${j} | ${i === 5 ? ':x: failed' : ':white_check_mark: passed'} | ${(37 + i * 13) % 300}s | [logs](https://ci.example.com/run/8812/job/${i}) |`);
  const text = [
    `### CI run [#8812](https://ci.example.com/run/8812) for \`acme/checkout\` on \`main\``,
    `Triggered by @${users[1]} with commit [\`3f2c9e1\`](https://github.com/acme/checkout/commit/3f2c9e1): *Retry payment webhooks with backoff*`,
    '',
    '| Job | Result | Duration | Logs |',
    '|:----|:------:|-------:|------|',
    ...rows,
    '',
    '**1 of 15 jobs failed.** See the failing test below; ~releases is notified. #ci #checkout',
  ].join('\n');
  return JSON.stringify({
    username: 'ci-bot',
    icon_url: 'https://ci.example.com/assets/bot.png',
    text,
    attachments: [{
      fallback: 'e2e (chromium) failed',
      color: 'danger',
      pretext: 'Failing test',
      title: 'checkout.spec.ts › pays with a saved card',
      title_link: 'https://ci.example.com/run/8812/job/5#L412',
      text: '```\nExpected: "Payment accepted"\nReceived: "Card declined (code 51)"\n    at checkout.spec.ts:88:31\n```',
      fields: [
        { title: 'Branch', value: '`main`', short: true },
        { title: 'Duration', value: '14m 2s', short: true },
        { title: 'Author', value: `@${users[1]}`, short: true },
        { title: 'Flaky?', value: 'Failed 2 of last 20 runs', short: true },
      ],
      actions: [
        { id: 'rerun', name: 'Re-run failed jobs', integration: { url: 'https://ci.example.com/hooks/mattermost', context: { action: 'rerun', run: 8812 } } },
        { id: 'ack', name: 'Acknowledge', style: 'primary', integration: { url: 'https://ci.example.com/hooks/mattermost', context: { action: 'ack', run: 8812 } } },
      ],
      footer: 'ci.example.com',
      footer_icon: 'https://ci.example.com/assets/favicon.png',
      ts: 1732700000,
    }],
  });
}

function releaseSection(i) {
  const u = users[i % users.length];
  const kinds = ['Fix', 'Add', 'Improve', 'Remove', 'Refactor'];
  return `- ${kinds[i % 5]} **${['payments', 'cart', 'search', 'auth', 'shipping'][i % 5]}**: ${i % 3 === 0 ? 'handle `null` totals in' : 'faster'} ` +
    `the ${['webhook', 'retry', 'queue', 'cache'][i % 4]} path ([#${4100 + i}](${link(i)})) by @${u} :tada:`;
}

/** ≈ 20 KB: release notes, headings, lists, code, a table and several attachments. */
export function releaseNotes() {
  const parts = ['## :rocket: checkout v4.18.0 is released', '', 'Highlights of this release, with thanks to every contributor. Full changelog: <https://github.com/acme/checkout/releases/tag/v4.18.0|v4.18.0>.', ''];
  let i = 0;
  for (const h of ['Features', 'Fixes', 'Performance', 'Internal']) {
    parts.push(`### ${h}`, '');
    for (let k = 0; k < 28; k++) parts.push(releaseSection(i++));
    parts.push('');
  }
  parts.push('### Upgrade', '', '```bash\nhelm repo update\nhelm upgrade checkout acme/checkout --version 4.18.0 --reuse-values\n```', '',
    '| Component | Old | New |', '|---|---|---|', '| api | 4.17.2 | 4.18.0 |', '| worker | 4.17.2 | 4.18.0 |', '| schema | 112 | 115 |', '',
    '> **Note:** migrations 113-115 run online; expect ~2 min of elevated DB load. Questions in ~releases.');
  const attachments = ['Breaking changes', 'Security fixes', 'Deprecations', 'Known issues'].map((title, a) => ({
    fallback: title,
    color: ['warning', 'danger', '#3f9cd8', 'good'][a],
    title,
    title_link: `https://docs.example.com/checkout/4.18/${a}`,
    text: Array.from({ length: 9 }, (_, k) => releaseSection(200 + a * 10 + k)).join('\n'),
    fields: [{ title: 'Affects', value: 'api, worker', short: true }, { title: 'Action needed', value: a === 0 ? '**yes**' : 'no', short: true }],
  }));
  return JSON.stringify({ username: 'release-bot', icon_emoji: ':rocket:', text: parts.join('\n'), attachments });
}

/** A long Markdown document of about `bytes` bytes as the body (text + two attachments). */
export function document(bytes) {
  const head = '# Incident report archive\n\nGenerated export of every incident since 2019. <https://status.example.com|Status page>.\n\n';
  const chunks = [head];
  let size = head.length + 1200;
  for (let i = 0; size < bytes; i++) {
    const s = [
      `## Incident ${i}: ${['elevated 5xx', 'slow checkout', 'stale cache', 'queue backlog'][i % 4]}`, '',
      `Reported by @${users[i % 7]} in ~incidents at 2024-0${(i % 9) + 1}-1${i % 10} 10:${String(i % 60).padStart(2, '0')} UTC. Tracking: [INC-${1000 + i}](https://jira.example.com/browse/INC-${1000 + i}) #incident`, '',
      `1. Detection: alert *HighErrorRate* fired after **${(i % 13) + 2} minutes** :warning:`,
      `2. Mitigation: rolled back \`checkout-api\` to \`v4.${i % 18}.${i % 5}\``,
      `3. Follow-up: see ${link(i)} and ~~the old runbook~~ the new one`, '',
      '| Metric | Before | During |', '|---|--:|--:|', `| p99 latency | ${120 + i % 50} ms | ${900 + i % 700} ms |`, `| error rate | 0.${i % 9}% | ${(i % 20) + 3}% |`, '',
      '```', `kubectl -n checkout rollout undo deploy/api --to-revision=${i % 40}`, '```', '', '',
    ].join('\n');
    chunks.push(s);
    size += s.length;
  }
  return JSON.stringify({
    username: 'archive',
    text: chunks.join(''),
    attachments: [
      { color: 'good', title: 'Export complete', text: 'All incidents exported :white_check_mark:', fields: [{ title: 'Incidents', value: String(chunks.length - 1), short: true }] },
      { color: '#888888', pretext: 'Source', text: '<https://status.example.com/export|Download CSV>' },
    ],
  });
}

/** ≈ `bytes`: one post of short lines heavy in mentions, emoji, channel links and hashtags (the text passes' worst case). */
export function mentionPost(bytes) {
  const lines = [];
  for (let i = 0, n = 0; n < bytes - 40; i++) {
    const line = `call **bold** @${users[i % users.length]} :smile: <!channel> #tag${i % 50} ~town-square :+1:`;
    lines.push(line);
    n += line.length + 3;
  }
  return JSON.stringify({ username: 'pager', text: lines.join('\n') });
}

/** The realistic cases of the main table. */
export function corpus() {
  const big = { maximumPayloadSizeBytes: 2_000_000, maxPostSize: 2_000_000 };
  return [
    { name: 'alert', label: 'small alert', body: smallAlert(), settings: {} },
    { name: 'ci', label: 'CI report + table', body: ciReport(), settings: {} },
    { name: 'release', label: 'release notes', body: releaseNotes(), settings: {} },
    { name: 'mentions', label: 'mentions + emoji', body: mentionPost(16_000), settings: {} },
    { name: 'doc1mb', label: '1 MB document', body: document(1_000_000), settings: big },
  ];
}

/** Scaling documents: 1, 2, 4 and 8 MB (settings raise both limits so the whole body is rendered into one post). */
export function scalingDocs() {
  const settings = { maximumPayloadSizeBytes: 20_000_000, maxPostSize: 20_000_000 };
  return [1, 2, 4, 8].map((mb) => ({ name: `scale${mb}mb`, label: `${mb} MB document`, mb, body: document(mb * 1_000_000), settings }));
}

const rep = (s, n) => s.repeat(Math.max(1, Math.floor(n / s.length)));
const textBody = (t) => JSON.stringify({ text: t });

/** marked's own slow patterns (deep nesting, long runs, emphasis ladders): name -> (bytes) => text of about that size. */
export const MARKED_PATTERNS = {
  '> run': (n) => '>'.repeat(n) + ' a',
  '> nesting': (n) => '> '.repeat(n / 2) + 'a',
  '> per line, lazy': (n) => rep('> a\nb\n', n),
  'nested lists, one line': (n) => '- '.repeat(n / 2) + 'a',
  'nested lists, indented': (n) => Array.from({ length: Math.max(1, Math.floor(n / 22)) }, (_, i) => ' '.repeat(2 * (i % 16)) + '- item ' + i).join('\n'),
  'list items with text': (n) => rep('- a\nb\n1. c\n', n),
  '[ run': (n) => '['.repeat(n),
  '[ nested': (n) => '['.repeat(n / 2) + 'a' + ']'.repeat(n / 2),
  '[a]( unclosed': (n) => rep('[a](', n),
  '![ run': (n) => rep('![', n),
  '* run': (n) => '*'.repeat(n),
  '_ run': (n) => '_'.repeat(n),
  '~ run': (n) => '~'.repeat(n),
  '| run': (n) => '|'.repeat(n),
  '| table rows': (n) => '|a|b|\n|-|-|\n' + rep('|' + 'x|'.repeat(8) + '\n', n),
  '` ladder': (n) => { let s = ''; for (let k = 1; s.length < n; k++) s += 'e' + '`'.repeat(k); return s; },
  '` run': (n) => '`'.repeat(n),
  '< run': (n) => '<'.repeat(n),
  '& run': (n) => '&'.repeat(n),
  '&# run': (n) => rep('&#', n),
  '<a  unclosed tags': (n) => rep('<a ', n),
  '<!-- unclosed': (n) => rep('<!--', n),
  '<!-- blocks': (n) => rep('<!--\n\n', n),
  '<div> blocks': (n) => rep('<div>\n\n', n),
  '<div " blocks': (n) => rep('<div "\n\n', n),
  '<? run': (n) => rep('<?', n),
  '<![CDATA[ run': (n) => rep('<![CDATA[', n),
  '<a x=" run': (n) => rep('<a x="', n),
  'list, blank lines': (n) => '- a' + '\n'.repeat(n) + 'b',
  '\\ run': (n) => '\\'.repeat(n),
  'emphasis ladder *': (n) => rep('*a **a ***a ', n),
  'emphasis ladder _': (n) => rep('_a __a ___a ', n),
  'unclosed strong **a': (n) => rep('**a ', n),
  'unclosed del ~~a': (n) => rep('~~a ', n),
  'nested strong/em': (n) => rep('*a **a ', n / 2) + 'b' + rep(' a** a*', n / 2),
  'url parens': (n) => rep('http://x.co/(', n),
  'lines of text': (n) => rep('a\n', n),
};

/** cmark-gfm's pathological inputs (after its test/pathological_tests.py) plus GFM-extension ones: name -> (bytes) => body. */
export const PATHOLOGICAL = {
  'nested strong emph': (n) => textBody(rep('*a **a ', n / 2) + 'b' + rep(' a** a*', n / 2)),
  'many emph closers w/o openers': (n) => textBody(rep('a_ ', n)),
  'many emph openers w/o closers': (n) => textBody(rep('_a ', n)),
  'many link closers w/o openers': (n) => textBody(rep('a]', n)),
  'many link openers w/o closers': (n) => textBody(rep('[a', n)),
  'mismatched openers and closers': (n) => textBody(rep('*a_ ', n)),
  'openers/closers multiple of 3': (n) => textBody('a**b' + rep('c* ', n)),
  'link openers and emph closers': (n) => textBody(rep('[ a_', n)),
  'pattern [ (](': (n) => textBody(rep('[ (](', n)),
  'nested brackets': (n) => textBody('['.repeat(n / 2) + 'a' + ']'.repeat(n / 2)),
  'nested block quotes': (n) => textBody('> '.repeat(n / 2) + 'a'),
  'backticks': (n) => { let s = ''; for (let k = 1; s.length < n; k++) s += 'e' + '`'.repeat(k); return textBody(s); },
  'unclosed links A': (n) => textBody(rep('[a](<b', n)),
  'unclosed links B': (n) => textBody(rep('[a](b', n)),
  'many references': (n) => { const k = Math.floor(n / 16); return textBody(Array.from({ length: k }, (_, i) => `[${i}]: u\n`).join('') + '\n' + rep('[0] ', n / 4)); },
  'table: many rows': (n) => textBody('| a | b |\n|---|---|\n' + rep('| x | y |\n', n)),
  'table: many columns': (n) => textBody('|' + rep('a|', n / 2) + '\n|' + rep('-|', n / 2) + '\n'),
  'autolink underscores': (n) => textBody('www.a' + '_'.repeat(n)),
  'strikethrough tildes': (n) => textBody(rep('~a ', n)),
  // Mattermost's own passes over text (web app formatting): each must stay linear too.
  'mm: at-mentions': (n) => textBody(rep('@user.name-1 @channel @here ', n)),
  'mm: emoji shortcodes': (n) => textBody(rep(':white_check_mark: :tada: :+1: ', n)),
  'mm: emoticons': (n) => textBody(rep(':) ;-) <3 :-/ x-d ', n)),
  'mm: hashtags': (n) => textBody(rep('#release-1 #ci_build ', n)),
  'mm: channel links': (n) => textBody(rep('~town-square ~off-topic ', n)),
  'mm: bare URLs': (n) => textBody(rep('see https://example.com/a_(b) and www.example.org/x. ', n)),
  'mm: nested lists': (n) => textBody(Array.from({ length: Math.max(1, Math.floor(n / 40)) }, (_, i) => ' '.repeat(2 * (i % 30)) + '- item **' + i + '**').join('\n')),
  'mm: & runs in link URLs': (n) => textBody('[a](http://x.y/' + rep('&amp', n) + ') ' + rep('<http://x.y/&&&&> ', n / 4)),
  ...Object.fromEntries(Object.entries(MARKED_PATTERNS).map(([name, gen]) => [`marked: ${name}`, (n) => textBody(gen(n))])),
  'mm: attachment fields': (n) => JSON.stringify({ attachments: [{ fields: Array.from({ length: Math.max(1, Math.floor(n / 45)) }, (_, i) => ({ title: 'T' + i, value: '*v* ' + i, short: i % 2 === 0 })) }] }),
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] || path.join(root, 'build/bench/corpus');
  fs.mkdirSync(out, { recursive: true });
  for (const c of [...corpus(), ...scalingDocs()]) {
    fs.writeFileSync(path.join(out, `${c.name}.json`), c.body);
    fs.writeFileSync(path.join(out, `${c.name}.settings.json`), JSON.stringify(c.settings));
    console.log(`${c.name.padEnd(8)} ${String(Buffer.byteLength(c.body)).padStart(9)} bytes  ${c.label}`);
  }
}
