// check(body, {platform}) selects whose view posts[].html shows; the CLI's --platform does the same.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mmhook, root } from './helpers.mjs';
import { parseHtml, findByRole, htmlStructure } from './mobile-structure.mjs';

// An unindented line right after a nested list item: the web app (marked) keeps it in the outer item; the mobile app
// (@mattermost/commonmark) ends the list and starts a paragraph.
const LAZY = JSON.stringify({ text: '- item\n  - nested\ncontinued', attachments: [{ text: '* one\n  * two\nthree' }] });
const WEB = 'ul(li(p(ul(li(p)))))';
const MOBILE = 'ul(li(p ul(li(p)))) p';
const structure = (post, role) => htmlStructure(findByRole(parseHtml(post.html), role)[0]);

test('platform: mobile draws the mobile app\'s block structure; web (the default) the web app\'s', async () => {
  const m = await mmhook();
  const web = m.check(LAZY).posts[0];
  assert.equal(structure(web, 'message'), WEB);
  assert.equal(structure(web, 'attachment-text'), WEB);
  assert.equal(m.check(LAZY, { platform: 'web' }).posts[0].html, web.html);
  assert.equal(m.check(LAZY, { platform: null }).posts[0].html, web.html);
  const mobile = m.check(LAZY, { platform: 'mobile' });
  assert.equal(structure(mobile.posts[0], 'message'), MOBILE);
  assert.equal(structure(mobile.posts[0], 'attachment-text'), MOBILE);
  assert.deepEqual(mobile.diagnostics.filter((d) => d.code === 'options.platform'), []);
  assert.equal(mobile.posts[0].message, web.message);
});

test('platform: an unknown value is an options.platform warning and the web view is shown', async () => {
  const m = await mmhook();
  const web = m.check(LAZY).posts[0].html;
  for (const bad of ['tablet', 'Mobile', 42, { x: 1 }]) {
    const r = m.check(LAZY, { platform: bad });
    assert.equal(r.ok, true);
    const d = r.diagnostics.filter((x) => x.code === 'options.platform');
    assert.equal(d.length, 1, String(bad));
    assert.equal(d[0].severity, 'warning');
    assert.match(d[0].message, /use `web` or `mobile`/);
    assert.equal(r.posts[0].html, web);
  }
  // Also when the body is rejected: the option is still reported.
  assert.ok(m.check('{', { platform: 'x' }).diagnostics.some((d) => d.code === 'options.platform'));
});

test('platform: the mobile view hides nothing of the web app\'s inline formatting', async () => {
  const m = await mmhook();
  const r = m.check(JSON.stringify({ text: '**bold** @alice :smile: ~~gone~~' }), { platform: 'mobile' });
  assert.match(r.posts[0].html, /<strong>bold<\/strong>/);
  assert.match(r.posts[0].html, /data-mention="alice"/);
  assert.match(r.posts[0].html, /<del>gone<\/del>/);
});

const cli = path.join(root, 'bin/mmhook.mjs');
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 30000 });

test('CLI --platform: check --json and render show the chosen view; a bad value is a usage error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-platform-'));
  const file = path.join(dir, 'lazy.json');
  writeFileSync(file, LAZY);
  const web = JSON.parse(run(['check', file, '--json']).stdout);
  const mobile = JSON.parse(run(['check', file, '--json', '--platform', 'mobile']).stdout);
  assert.equal(structure(web.posts[0], 'message'), WEB);
  assert.equal(structure(mobile.posts[0], 'message'), MOBILE);
  const html = run(['render', file, '--platform=mobile']);
  assert.equal(html.status, 0, html.stderr);
  assert.match(html.stdout, /data-platform="mobile"/);
  assert.match(html.stdout, /<\/ul><p>continued<\/p>/);
  const bad = run(['check', file, '--platform', 'tablet']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--platform must be web or mobile/);
});

test('platform mobile: an image size suffix (=WxH) is read as the mobile app reads it', async () => {
  const m = await mmhook();
  const body = JSON.stringify({ text: 'Chart: ![](https://images.example.com/b.png =50x20)' });
  for (const platform of ['web', 'mobile']) {
    const html = m.check(body, { platform }).posts[0].html;
    assert.match(html, /<img src="https:\/\/images\.example\.com\/b\.png" alt="" width="50" height="20"/, platform);
  }
});
