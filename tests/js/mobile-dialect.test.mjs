// Differential test of the mobile dialect: every text of tests/vectors/webapp_formatting.json parsed by the mobile
// app's parser (@mattermost/commonmark, the version mattermost-mobile pins) against mmhook's HTML for
// check(..., {platform: 'mobile'}), compared by block structure. Known differences are data, keyed by `source`,
// in mobile-dialect.divergences.json (each with its reason); a listed case that now agrees fails too.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mmhook, root } from './helpers.mjs';
import { mobileStructure, parseHtml, findByRole, htmlStructure } from './mobile-structure.mjs';

const cases = JSON.parse(readFileSync(path.join(root, 'tests/vectors/webapp_formatting.json'), 'utf8'));
const known = JSON.parse(readFileSync(new URL('./mobile-dialect.divergences.json', import.meta.url), 'utf8'));

function compare(m, c) {
  const attachment = c.input.preset === 'attachment_text';
  const body = JSON.stringify(attachment ? { attachments: [{ text: c.input.text }] } : { text: c.input.text });
  const report = m.check(body, { platform: 'mobile' });
  if (!report.ok || report.posts.length !== 1) return { skip: `no single post (status ${report.status})` };
  const post = report.posts[0];
  // The mobile app parses the stored text (after the server's Slack translation), as the web app does.
  const stored = attachment ? post.props.attachments[0].text : post.message;
  const containers = findByRole(parseHtml(post.html), attachment ? 'attachment-text' : 'message');
  if (containers.length !== 1) return { mobile: mobileStructure(stored), mmhook: `(${containers.length} containers)` };
  return { mobile: mobileStructure(stored), mmhook: htmlStructure(containers[0]) };
}

test('mobile dialect: block structure equals @mattermost/commonmark on the web-app formatting vectors', async () => {
  const m = await mmhook();
  let same = 0;
  let compared = 0;
  const differing = [];
  for (const c of cases) {
    const r = compare(m, c);
    if (r.skip) continue;
    compared++;
    if (r.mobile === r.mmhook) same++;
    else differing.push({ source: c.source, text: c.input.text, mobile: r.mobile, mmhook: r.mmhook });
  }
  const pct = (100 * same) / compared;
  console.log(`mobile dialect block structure: ${same}/${compared} equal (${pct.toFixed(2)}%), ${differing.length} differ`);
  const unlisted = differing.filter((d) => !(d.source in known));
  const stale = Object.keys(known).filter((s) => !differing.some((d) => d.source === s));
  assert.deepEqual(unlisted.map((d) => `${d.source}\n  text ${JSON.stringify(d.text)}\n  mobile ${d.mobile}\n  mmhook ${d.mmhook}`), [],
    'differences not listed in mobile-dialect.divergences.json');
  assert.deepEqual(stale, [], 'listed divergences that now agree: remove them from mobile-dialect.divergences.json');
  for (const [source, v] of Object.entries(known)) assert.ok(typeof v.reason === 'string' && v.reason.length > 10, source);
  assert.ok(compared >= 1600, `only ${compared} cases compared`);
  assert.ok(pct >= 98, `block structure equal for ${pct.toFixed(2)}% (< 98%)`);
});
