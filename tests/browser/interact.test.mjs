// Browser suite for issue 19's page and embed half: click → request, answer → post, Dialog mode, hostile dialogs.
// Debian's Chromium via playwright-core; dist/ served on 127.0.0.1 only.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { root, shells as shellList } from '../js/helpers.mjs';
import { holdRoute, openContext, startBrowser, stopBrowser } from './helpers/browser.mjs';
import { seriousFrameViolations, seriousViolations } from './helpers/axe.mjs';

const DIST = path.join(root, 'dist');

let browser, server, base;
test.before(async () => { ({ browser, server, base } = await startBrowser(DIST)); });
test.after(() => stopBrowser(browser, server));

async function openPage() {
  const { page, problems, requests, close } = await openContext(browser, { console: ['error'], csp: true });
  await page.addInitScript(() => { window.__ran = 0; });
  await page.goto(`${base}web/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { page, problems, requests, close };
}

const frame = (page) => page.frameLocator('[data-role="preview"] iframe');
const text = (page, role) => page.textContent(`[data-role="${role}"]`);
const reqBody = async (page, role = 'action-request') => JSON.parse(await page.textContent(`[data-role="${role}"] [data-role="req-body"]`));

async function loadTemplate(page, id) {
  const rev = await page.evaluate(() => Number(document.body.dataset.revision));
  await page.selectOption('[data-role="template"]', id);
  await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, rev);
}

/** Loads template `id` and clicks its button named `name` (else its first one) until the request it sends is drawn. */
async function clickAction(page, id, name = null) {
  await loadTemplate(page, id);
  const buttons = frame(page).locator('button.mm-action-button', name ? { hasText: name } : {});
  await (name ? buttons : buttons.first()).click();
  await page.waitForSelector('[data-role="req-body"]');
}

/** Nothing ran (window.__ran), no CSP violation, no request but to the page's server and those in `own` (made before). */
async function assertNothingRan(page, requests, own) {
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__ran), 0);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(requests.filter((u) => !own.has(u) && !u.startsWith(base)), []);
}

/** Applies the answer in the Buttons tab until the post after it is drawn. */
async function applyAnswer(page) {
  await page.click('[data-role="apply-response"]');
  await page.waitForSelector('[data-role="after-answer"]:not([hidden])');
}

// Every template with actions: each button and each menu, and the request body it produces.
test('click → request: every button and menu of every template shows the request with the right body', async () => {
  const { page, problems, close } = await openPage();
  const ids = await page.$$eval('[data-role="template"] option', (os) => os.map((o) => o.value).filter(Boolean));
  let clicked = 0;
  for (const id of ids) {
    await loadTemplate(page, id);
    const body = JSON.parse(await page.evaluate(() => window.mmhookPage.editor.getText()));
    const actions = (body.attachments || []).flatMap((a) => a.actions || []);
    for (const a of actions) {
      const f = frame(page);
      if (a.type === 'select' && Array.isArray(a.options) && a.options.length) {
        await f.locator(`select.mm-action-select[aria-label="${a.name}"]`).selectOption(a.options[a.options.length - 1].value);
      } else if (a.type === 'select') {
        await f.locator(`select.mm-action-select[aria-label="${a.name}"]`).click();
      } else {
        await f.locator('button.mm-action-button', { hasText: a.name }).click();
      }
      await page.waitForFunction((n) => document.querySelector('[data-role="action-request"] h4')?.textContent.includes(`action id ${n}`), a.id);
      assert.equal(await page.getAttribute('#tab-actions', 'aria-selected'), 'true');
      const line = await text(page, 'req-line');
      assert.equal(line, `POST ${a.integration.url}`);
      const sent = await reqBody(page);
      assert.deepEqual(Object.keys(sent).slice(0, 10), ['user_id', 'user_name', 'channel_id', 'channel_name', 'team_id', 'team_domain',
        'post_id', 'trigger_id', 'type', 'data_source']);
      assert.equal(sent.user_name, 'simulated-user');
      assert.equal(sent.type, a.type || '', `${id}/${a.id} type`);
      const ctx = { ...(a.integration.context || {}) };
      if (a.type === 'select') ctx.selected_option = a.options && a.options.length ? a.options[a.options.length - 1].value : 'mmhooksimulateduser0000000';
      assert.deepEqual(sent.context, ctx, `${id}/${a.id} context`);
      assert.equal(sent.data_source, a.data_source || '');
      const cmd = await text(page, 'req-command');
      assert.match(cmd, /^curl /);
      assert.ok(cmd.includes(a.integration.url));
      clicked++;
    }
  }
  assert.ok(clicked >= 8, `clicked ${clicked}`);
  // The picker offers every shell of the core's list (shells.def), and each gives a command.
  const shells = await page.$$eval('[data-role="action-request"] [data-role="req-shell"] option', (os) => os.map((o) => o.value));
  assert.deepEqual(shells, (await shellList()).map((s) => s.id));
  for (const s of shells) {
    await page.selectOption('[data-role="action-request"] [data-role="req-shell"]', s);
    assert.ok((await text(page, 'req-command')).includes('helpdesk.example.com'), s);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('click → request: simulated ids are used, kept out of share links; failures show the server message', async () => {
  const { page, problems, close } = await openPage();
  await loadTemplate(page, 'ack-note');
  await page.click('#tab-actions');
  await page.fill('[data-sim="userName"]', 'alice');
  await page.fill('[data-sim="teamDomain"]', 'acme');
  await frame(page).locator('button.mm-action-button', { hasText: 'Acknowledge' }).click();
  await page.waitForSelector('[data-role="req-body"]');
  const sent = await reqBody(page);
  assert.equal(sent.user_name, 'alice');
  assert.equal(sent.team_domain, 'acme');
  assert.match(await text(page, 'action-request'), /interact\.placeholders/);
  // Not in the share link (the share panel encodes payload and settings only).
  const prefs = await page.evaluate(() => localStorage.getItem('mmhook.prefs.v1') || JSON.stringify(Object.entries(localStorage)));
  assert.match(prefs, /alice/);
  // Failures: no integration, a disabled action, a forbidden (loopback) address.
  await page.evaluate(() => window.mmhookPage.editor.setText(JSON.stringify({ text: 'x', attachments: [{ actions: [
    { id: 'none', name: 'No URL' },
    { id: 'off', name: 'Off', disabled: true, integration: { url: 'https://ex.example.com/a' } },
    { id: 'loop', name: 'Loop', integration: { url: 'http://127.0.0.1:8080/a' } },
  ] }] })));
  await page.waitForFunction(() => window.mmhookPage.report && window.mmhookPage.report.posts[0]?.message === 'x');
  const f = frame(page);
  await f.locator('button.mm-action-button', { hasText: 'No URL' }).click();
  await page.waitForFunction(() => /404 Invalid action id\./.test(document.querySelector('[data-role="req-status"]')?.textContent || ''));
  assert.match(await text(page, 'action-request'), /interact\.action_no_integration/);
  await f.locator('button.mm-action-button', { hasText: 'Off' }).click();
  await page.waitForFunction(() => /interact\.action_disabled/.test(document.querySelector('[data-role="action-request"]').textContent));
  await f.locator('button.mm-action-button', { hasText: 'Loop' }).click();
  await page.waitForFunction(() => /400 Action integration error\./.test(document.querySelector('[data-role="req-status"]')?.textContent || ''));
  assert.match(await text(page, 'action-request'), /interact\.url_forbidden/);
  assert.match(await text(page, 'action-request'), /AllowedUntrustedInternalConnections/);
  assert.deepEqual(problems, []);
  await close();
});

test('answer → post: the updated post and the ephemeral reply in the preview, the traps as warnings, and back', async () => {
  const { page, problems, close } = await openPage();
  await clickAction(page, 'ack-note', 'Acknowledge');
  // The template's example answer: keeps the attachment, ephemeral text drawn as "(Only visible to you)".
  assert.match(await page.inputValue('[data-role="action-response"]'), /ephemeral_text/);
  await applyAnswer(page);
  const f = frame(page);
  await f.locator('.mmp-post', { hasText: 'acknowledged by @simulated-user' }).waitFor();
  assert.match(await f.locator('.mmp-post-list').textContent(), /Only visible to you/);
  assert.match(await f.locator('.mmp-post-list').textContent(), /add a note in the dialog/);
  assert.equal(await f.locator('.mmp-split').count(), 0);
  // The traps: update without message empties it; update.props without attachments drops them.
  await page.fill('[data-role="action-response"]', '{"update":{"props":{"k":"v"}}}');
  await page.click('[data-role="apply-response"]');
  await page.waitForFunction(() => /interact\.update_props_drop/.test(document.querySelector('[data-role="action-answer"]').textContent));
  const ans = await text(page, 'action-answer');
  assert.match(ans, /interact\.update_message_omitted/);
  assert.equal(await f.locator('.mm-attachment').count(), 0);
  // A bad answer: the server's error, the preview untouched.
  await page.fill('[data-role="action-response"]', '{"update":[]}');
  await page.click('[data-role="apply-response"]');
  await page.waitForFunction(() => /400 Action integration error\./.test(document.querySelector('[data-role="answer-status"]').textContent));
  await page.click('[data-role="after-back"]');
  assert.equal(await page.isHidden('[data-role="after-answer"]'), true);
  await f.locator('.mm-attachment').first().waitFor();
  assert.match(await f.locator('.mmp-post-list').textContent(), /Disk 91 % full/);
  assert.deepEqual(problems, []);
  await close();
});

// Every element type the core supports: text (and its subtypes), textarea, select static/users/channels, multiselect,
// radio, bool, date, datetime.
// A trigger_id as mmhook's simulated click makes it at `made` ms (the page checks its 30 s lifetime against now).
const triggerAt = (made) => Buffer.from(`mmhooksimulatedtrigger0000:mmhooksimulateduser0000000:${made}:${Buffer.from('not-signed-by-mmhook').toString('base64')}`).toString('base64');
const ALL_TYPES = {
  get trigger_id() { return triggerAt(Date.now()); },
  url: 'https://bot.example.com/dialog',
  dialog: { callback_id: 'all', title: 'Every field', state: 's1', notify_on_cancel: true, elements: [
    { display_name: 'Text', name: 'text', type: 'text' },
    { display_name: 'Area', name: 'area', type: 'textarea' },
    { display_name: 'Number', name: 'num', type: 'text', subtype: 'number' },
    { display_name: 'Email', name: 'mail', type: 'text', subtype: 'email' },
    { display_name: 'Password', name: 'pw', type: 'text', subtype: 'password' },
    { display_name: 'Phone', name: 'tel', type: 'text', subtype: 'tel' },
    { display_name: 'Link', name: 'link', type: 'text', subtype: 'url' },
    { display_name: 'Static', name: 'pick', type: 'select', options: [{ text: 'A', value: 'a' }, { text: 'B', value: 'b' }] },
    { display_name: 'Many', name: 'many', type: 'select', multiselect: true, options: [{ text: 'A', value: 'a' }, { text: 'B', value: 'b' }] },
    { display_name: 'User', name: 'user', type: 'select', data_source: 'users' },
    { display_name: 'Channel', name: 'chan', type: 'select', data_source: 'channels' },
    { display_name: 'Radio', name: 'radio', type: 'radio', options: [{ text: 'X', value: 'x' }, { text: 'Y', value: 'y' }] },
    { display_name: 'Check', name: 'ok', type: 'bool', placeholder: 'Yes please' },
    { display_name: 'Day', name: 'day', type: 'date' },
    { display_name: 'When', name: 'when', type: 'datetime', time_interval: 30 },
  ] },
};

test('Dialog mode: every element type is filled and submitted; the web app\'s messages on the fields; the answer', async () => {
  const { page, problems, close } = await openPage();
  await page.click('#tab-dialog');
  await page.fill('[data-role="dialog-request"]', JSON.stringify(ALL_TYPES, null, 2));
  await page.click('[data-role="dialog-draw"]');
  await page.waitForSelector('[data-role="dialog-verdict"]');
  assert.match(await text(page, 'dialog-verdict'), /^200/);
  const layer = frame(page).locator('[data-role="dialog-layer"]');
  await layer.locator('.mm-dialog__title', { hasText: 'Every field' }).waitFor();
  assert.equal(await layer.locator('.mm-dialog__field-error').count(), 0, 'no errors before Submit');
  // Submit with nothing filled: the web app's messages on the fields, nothing sent.
  await page.click('[data-role="dialog-submit"]');
  await page.waitForSelector('[data-role="dialog-blocked"]');
  assert.match(await page.textContent('[data-field="text"] [data-role="dialog-field-error"]'), /This field is required\./);
  assert.ok(await layer.locator('.mm-dialog__field-error').count() >= 10);
  assert.match(await layer.locator('.mm-dialog__error').textContent(), /Please fix all field errors/);
  // Bad formats.
  const field = (name, sel = 'input, textarea, select') => page.locator(`[data-field="${name}"]`).locator(sel).first();
  await field('mail').fill('nope');
  await field('link').fill('example.com');
  await page.click('[data-role="dialog-submit"]');
  await page.waitForFunction(() => /Must be a valid email address\./.test(document.querySelector('[data-field="mail"] [data-role="dialog-field-error"]').textContent));
  assert.match(await page.textContent('[data-field="link"] [data-role="dialog-field-error"]'), /URL must include http:\/\/ or https:\/\//);
  // Fill everything.
  await field('text').fill('hello');
  await field('area').fill('line 1\nline 2');
  await field('num').fill('42.7');
  await field('mail').fill('a@example.com');
  await field('pw').fill('s3cret');
  await field('tel').fill('+49 30 1234');
  await field('link').fill('https://example.com/x');
  await field('pick', 'select').selectOption('b');
  await field('many', 'select').selectOption(['a', 'b']);
  await field('user').fill('uid123');
  await field('chan').fill('cid456');
  await page.locator('[data-field="radio"] input[value="y"]').check();
  await field('ok').check();
  await field('day').fill('2026-12-24');
  await field('when').fill('2026-12-24T09:30');
  await page.click('[data-role="dialog-submit"]');
  await page.waitForSelector('[data-role="dialog-submission"] [data-role="req-body"]');
  const sub = await reqBody(page, 'dialog-submission');
  assert.equal(sub.type, 'dialog_submission');
  assert.equal(sub.callback_id, 'all');
  assert.equal(sub.state, 's1');
  assert.equal(sub.cancelled, false);
  assert.deepEqual(sub.submission, { area: 'line 1\nline 2', chan: 'cid456', day: '2026-12-24', link: 'https://example.com/x',
    mail: 'a@example.com', many: ['a', 'b'], num: 42, ok: true, pick: 'b', pw: 's3cret', radio: 'y', tel: '+49 30 1234',
    text: 'hello', user: 'uid123', when: '2026-12-24T09:30:00Z' });
  assert.equal(await text(page, 'req-line'), 'POST https://bot.example.com/dialog');
  const types = await text(page, 'dialog-types');
  assert.match(types, /numnumber/);
  assert.match(types, /okboolean/);
  assert.match(types, /manyarray of strings/);
  assert.equal(await layer.locator('.mm-dialog__field-error').count(), 0);
  // The integration's answer: field errors on the fields, the dialog stays open.
  await page.fill('[data-role="dialog-response"]', '{"error":"Could not save.","errors":{"text":"Too friendly."}}');
  await page.click('[data-role="dialog-answer"]');
  await page.waitForFunction(() => /stays open/.test(document.querySelector('[data-role="dialog-outcome"]').textContent));
  assert.match(await page.textContent('[data-field="text"] [data-role="dialog-field-error"]'), /Too friendly\./);
  assert.match(await layer.locator('.mm-dialog__footer').textContent(), /Could not save\./);
  await page.fill('[data-role="dialog-response"]', '{"errors":["slack style"]}');
  await page.click('[data-role="dialog-answer"]');
  await page.waitForFunction(() => /Submission failed/.test(document.querySelector('[data-role="dialog-outcome"]').textContent));
  assert.match(await text(page, 'dialog-status'), /dialog\.response_errors_array/);
  // Cancel with notify_on_cancel.
  await page.click('[data-role="dialog-cancel"]');
  assert.match(await text(page, 'dialog-cancelled'), /notify_on_cancel is true/);
  const cancel = await reqBody(page, 'dialog-submission');
  assert.equal(cancel.cancelled, true);
  assert.deepEqual(cancel.submission, {});
  assert.equal(await layer.count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('Dialog mode: the templates\' dialogs open with the last click\'s trigger_id', async () => {
  const { page, problems, close } = await openPage();
  for (const id of ['ack-note', 'assign']) {
    await clickAction(page, id);
    const trigger = (await reqBody(page)).trigger_id;
    await page.click('#tab-dialog');
    assert.match(await page.inputValue('[data-role="dialog-request"]'), /"callback_id"/);
    await page.click('[data-role="dialog-use-trigger"]');
    assert.equal(JSON.parse(await page.inputValue('[data-role="dialog-request"]')).trigger_id, trigger);
    await page.click('[data-role="dialog-draw"]');
    await page.waitForFunction(() => /^200/.test(document.querySelector('[data-role="dialog-verdict"]')?.textContent || ''));
    assert.match(await text(page, 'dialog'), /30 s/);
    assert.match(await text(page, 'dialog-trigger-expiry'), /expires at .*30 s after the click/);
    await frame(page).locator('[data-role="dialog-layer"] .mm-dialog').waitFor();
  }
  assert.deepEqual(problems, []);
  await close();
});

test('Dialog mode: an expired trigger_id gets the server\'s 400; the use-trigger note says when the click\'s expires', async () => {
  const { page, problems, close } = await openPage();
  await page.click('#tab-dialog');
  await page.fill('[data-role="dialog-request"]', JSON.stringify({ ...ALL_TYPES, trigger_id: triggerAt(Date.now() - 31000) }));
  await page.click('[data-role="dialog-draw"]');
  await page.waitForSelector('[data-role="dialog-verdict"]');
  assert.match(await text(page, 'dialog-verdict'), /^400 Trigger ID for interactive dialog is expired\. Trigger IDs live for a maximum of 30s\./);
  assert.match(await text(page, 'dialog-verdict'), /interactive_message\.decode_trigger_id\.expired/);
  // A click older than 30 s: the note says it has expired.
  await loadTemplate(page, 'ack-note');
  await page.evaluate(() => { const real = Date.now; window.__realNow = real; Date.now = () => real() - 40000; });
  await frame(page).locator('button.mm-action-button').first().click();
  await page.waitForSelector('[data-role="req-body"]');
  await page.evaluate(() => { Date.now = window.__realNow; });
  await page.click('#tab-dialog');
  await page.click('[data-role="dialog-use-trigger"]');
  assert.match(await text(page, 'dialog-trigger-expiry'), /expired at/);
  await page.click('[data-role="dialog-draw"]');
  await page.waitForFunction(() => /^400/.test(document.querySelector('[data-role="dialog-verdict"]')?.textContent || ''));
  assert.deepEqual(problems, []);
  await close();
});

test('Dialog mode: the legacy look toggle draws the InteractiveDialog and submits every element', async () => {
  const { page, problems, close } = await openPage();
  await page.click('#tab-dialog');
  await page.fill('[data-role="dialog-request"]', JSON.stringify(ALL_TYPES));
  await page.click('[data-role="dialog-draw"]');
  const layer = frame(page).locator('[data-role="dialog-layer"]');
  await layer.locator('.mm-dialog[data-modal="appsModal"]').waitFor();
  assert.equal(await layer.locator('[data-name="day"]').count(), 1);
  await page.selectOption('[data-role="dialog-look"]', 'legacy');
  await layer.locator('.mm-dialog--legacy[data-modal="interactiveDialogModal"]').waitFor();
  assert.equal(await layer.locator('[data-name="day"]').count(), 0, 'date is not drawn by the legacy renderer');
  assert.equal(await layer.locator('[data-name="text"]').count(), 1);
  await page.click('[data-role="dialog-submit"]');
  await page.waitForSelector('[data-role="dialog-blocked"]');
  assert.match(await text(page, 'dialog-status'), /dialog\.legacy_check/);
  assert.equal(await layer.locator('.mm-dialog__error').count(), 0, 'no footer message on client errors');
  assert.deepEqual(problems, []);
  await close();
});

test('answer → post: a click on the updated post is simulated on the post after the answer', async () => {
  const { page, problems, close } = await openPage();
  await clickAction(page, 'ack-note', 'Acknowledge');
  await page.fill('[data-role="action-response"]', JSON.stringify({ update: { message: 'Acked', props: { attachments: [
    { text: 'Now', actions: [{ id: 'unack', name: 'Undo', integration: { url: 'https://ops-bot.example.com/undo' } }] }] } } }));
  await applyAnswer(page);
  await frame(page).locator('button.mm-action-button', { hasText: 'Undo' }).click();
  await page.waitForFunction(() => /POST https:\/\/ops-bot\.example\.com\/undo/.test(document.querySelector('[data-role="action-request"] [data-role="req-line"]')?.textContent || ''));
  assert.match(await text(page, 'action-request'), /200: the click reaches the integration/);
  assert.deepEqual(problems, []);
  await close();
});

test('a hostile dialog renders safely and bounded: no script runs, 10,000 options, deep JSON', async () => {
  const { page, problems, requests, close } = await openPage();
  const own = new Set(requests);
  const evil = '<img src=x onerror="window.__ran++"><script>window.__ran++</script>';
  const options = Array.from({ length: 10000 }, (_, i) => ({ text: `opt ${i} ${evil}`, value: `v${i}` }));
  let deep = { leaf: 1 };
  for (let i = 0; i < 2000; i++) deep = { d: deep };
  const open = { trigger_id: ALL_TYPES.trigger_id, url: 'https://bot.example.com/dialog', dialog: {
    callback_id: 'x', title: `T ${evil}`, introduction_text: `**intro** ${evil} [x](javascript:window.__ran++)`, state: JSON.stringify(deep),
    elements: [
      { display_name: `L ${evil}`, name: 'a', type: 'text', help_text: `help ${evil}`, placeholder: evil },
      { display_name: 'Many', name: 'b', type: 'select', options },
      { display_name: 'Radio', name: 'c', type: 'radio', options },
      { display_name: 'Deep', name: 'd', type: 'text', default: JSON.stringify(deep) },
    ] } };
  await page.click('#tab-dialog');
  await page.evaluate((t) => { document.querySelector('[data-role="dialog-request"]').value = t; }, JSON.stringify(open));
  const t0 = Date.now();
  await page.click('[data-role="dialog-draw"]');
  await page.waitForSelector('[data-role="dialog-verdict"]');
  await page.click('[data-role="dialog-submit"]');
  await page.waitForSelector('[data-role="dialog-blocked"], [data-role="dialog-submission"] [data-role="req-body"]');
  assert.ok(Date.now() - t0 < 15000, 'bounded time');
  const layer = frame(page).locator('[data-role="dialog-layer"]');
  assert.ok(await layer.locator('option').count() <= 1100, 'options drawn are bounded');
  assert.ok(await page.locator('[data-field="b"] option').count() <= 502);
  assert.equal(await layer.locator('script, img[onerror], [onerror]').count(), 0);
  assert.match(await layer.locator('.mm-dialog__title').textContent(), /<script>/);
  assert.match(await page.textContent('[data-field="a"] .dlg-form__label'), /<img src=x/);
  await assertNothingRan(page, requests, own);
  assert.deepEqual(problems, []);
  await close();
});

test('editable embed: a click on a button or a menu pick shows the request; read-only embeds stay static', async () => {
  const { context, page, problems } = await openContext(browser, { viewport: { width: 1100, height: 900 }, console: ['error'] });
  const payload = JSON.stringify({ text: 'Ship?', attachments: [{ actions: [
    { id: 'go', name: 'Go', integration: { url: 'https://bot.example.com/act', context: { n: 1 } } },
    { id: 'env', name: 'Env', type: 'select', options: [{ text: 'Prod', value: 'prod' }], integration: { url: 'https://bot.example.com/act' } },
    { id: 'who', name: 'Who', type: 'select', data_source: 'users', integration: { url: 'https://bot.example.com/act' } },
  ] }] }).replace(/'/g, '&#39;');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>
    <script type="module" src="../mmhook-embed.js"></script></head><body>
    <mmhook-preview id="ed" editable payload='${payload}'></mmhook-preview>
    <mmhook-preview id="ro" payload='${payload}'></mmhook-preview></body></html>`;
  await page.route(`${base}embed/__t/click`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(`${base}embed/__t/click`);
  await page.waitForFunction(() => [...document.querySelectorAll('mmhook-preview')].every((e) => e.report));
  await page.locator('#ed').scrollIntoViewIfNeeded();
  await page.locator('#ed .mm-action-button', { hasText: 'Go' }).click();
  const box = page.locator('#ed .mme-action');
  await box.locator('[data-role="req-body"]').waitFor();
  const body = JSON.parse(await box.locator('[data-role="req-body"]').textContent());
  assert.deepEqual(body.context, { n: 1 });
  assert.equal(await box.locator('[data-role="req-line"]').textContent(), 'POST https://bot.example.com/act');
  assert.match(await box.locator('[data-role="req-command"]').textContent(), /^curl .*bot\.example\.com\/act/s);
  await page.locator('#ed select.mm-action-select[aria-label="Env"]').selectOption('prod');
  await page.waitForFunction(() => /"selected_option": "prod"/.test(document.querySelector('#ed').shadowRoot.querySelector('[data-role="req-body"]').textContent));
  await page.locator('#ed select.mm-action-select[aria-label="Who"]').click();
  await page.waitForFunction(() => /"selected_option": "mmhooksimulateduser0000000"/.test(document.querySelector('#ed').shadowRoot.querySelector('[data-role="req-body"]').textContent));
  // The simulated ids panel: an edit re-runs the last click with that id; nothing lands in an attribute.
  await box.locator('.mme-sim summary').click();
  await box.locator('input[data-sim="userId"]').fill('ki6kbqc3jfgd9ywqxwf4u9hbhc');
  await page.waitForFunction(() => /"user_id": "ki6kbqc3jfgd9ywqxwf4u9hbhc"/.test(document.querySelector('#ed').shadowRoot.querySelector('[data-role="req-body"]').textContent));
  await box.locator('input[data-sim="pick"]').fill('pickeduser');
  await page.waitForFunction(() => /"selected_option": "pickeduser"/.test(document.querySelector('#ed').shadowRoot.querySelector('[data-role="req-body"]').textContent));
  assert.doesNotMatch(await page.evaluate(() => document.documentElement.outerHTML), /ki6kbqc3jfgd9ywqxwf4u9hbhc/);
  // The read-only element keeps the static (disabled) controls and has no request view.
  assert.equal(await page.locator('#ro .mm-action-button').first().isDisabled(), true);
  assert.equal(await page.locator('#ro .mme-action').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('served by mmhook serve: the click is sent to a loopback integration only, and its answer applied', async () => {
  const http = await import('node:http');
  const got = [];
  const integration = http.createServer((req, res) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(parts).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(req.url === '/dialog' ? '{"errors":{"note":"Say more."}}'
        : '{"update":{"message":"Done by the local bot"},"ephemeral_text":"ok!"}');
    });
  });
  await new Promise((r) => integration.listen(0, '127.0.0.1', r));
  const intUrl = `http://127.0.0.1:${integration.address().port}/act`;
  const web = await serve({ root: path.join(DIST, 'web'), port: 0 });
  const { context, page, problems } = await openContext(browser, { console: [] });
  await page.goto(web.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.evaluate((u) => window.mmhookPage.editor.setText(JSON.stringify({ text: 'Deploy?', attachments: [{ actions: [
    { id: 'go', name: 'Go', integration: { url: u, context: { k: 'v' } } }] }] })), intUrl);
  await page.waitForFunction(() => window.mmhookPage.report?.posts[0]?.message === 'Deploy?');
  await page.frameLocator('[data-role="preview"] iframe').locator('button.mm-action-button').click();
  await page.waitForSelector('[data-role="req-body"]');
  assert.equal(await page.inputValue('[data-role="local-integration-url"]'), intUrl);
  await page.click('[data-role="local-integration-send"]');
  await page.waitForSelector('[data-role="after-answer"]:not([hidden])');
  assert.match(await page.textContent('[data-role="local-integration-status"]'), /HTTP 200/);
  assert.equal(got.length, 1);
  assert.equal(got[0].headers['user-agent'], 'Mattermost-Bot/1.1');
  assert.deepEqual(JSON.parse(got[0].body).context, { k: 'v' });
  assert.match(await page.frameLocator('[data-role="preview"] iframe').locator('.mmp-post-list').textContent(), /Done by the local bot/);
  // Anything but loopback is refused by the server; nothing is sent.
  await page.fill('[data-role="local-integration-url"]', 'http://example.com/act');
  await page.click('[data-role="local-integration-send"]');
  await page.waitForFunction(() => /Not sent: only a loopback/.test(document.querySelector('[data-role="local-integration-status"]').textContent));
  assert.equal(got.length, 1);
  // The dialog submission goes to a loopback dialog url the same way; its answer is judged.
  await page.click('#tab-dialog');
  await page.fill('[data-role="dialog-request"]', JSON.stringify({ trigger_id: ALL_TYPES.trigger_id, url: intUrl.replace('/act', '/dialog'),
    dialog: { callback_id: 'n', title: 'Note', elements: [{ display_name: 'Note', name: 'note', type: 'textarea' }] } }));
  await page.click('[data-role="dialog-draw"]');
  await page.locator('[data-field="note"] textarea').fill('hi');
  await page.click('[data-role="dialog-submit"]');
  await page.waitForSelector('[data-role="dialog-submission"] [data-role="req-body"]');
  await page.click('[data-role="dialog-local-send"]');
  await page.waitForFunction(() => /stays open/.test(document.querySelector('[data-role="dialog-outcome"]').textContent));
  assert.equal(got.length, 2);
  assert.deepEqual(JSON.parse(got[1].body).submission, { note: 'hi' });
  assert.match(await page.textContent('[data-field="note"] [data-role="dialog-field-error"]'), /Say more\./);
  assert.deepEqual(problems, []);
  await context.close();
  await web.close();
  integration.close();
});

test('a hostile integration answer renders safely: no script runs, nothing loads', async () => {
  const { page, problems, requests, close } = await openPage();
  const own = new Set(requests);
  await clickAction(page, 'ack-note');
  const evil = '<img src=x onerror="parent.__ran++"><script>parent.__ran++</script><iframe src="javascript:parent.__ran++"></iframe>';
  await page.evaluate((t) => { document.querySelector('[data-role="action-response"]').value = t; }, JSON.stringify({
    update: { message: `msg ${evil} ![i](https://tracker.example.com/p.png)`, props: { attachments: [{ text: evil, title: evil,
      actions: [{ id: 'z', name: evil, integration: { url: 'javascript:alert(1)' } }] }] } },
    ephemeral_text: `eph ${evil} <javascript:alert(1)|click>`, extra: { deep: 'x'.repeat(100000) } }));
  await applyAnswer(page);
  const f = frame(page);
  assert.equal(await f.locator('.mmp-post-list script, .mmp-post-list iframe, .mmp-post-list [onerror]').count(), 0);
  assert.match(await f.locator('.mmp-post-list').textContent(), /<script>/);
  await f.locator('.mm-action-button').first().click();
  await assertNothingRan(page, requests, own);
  assert.deepEqual(problems, []);
  await close();
});

test('axe-core: the Buttons and Dialog tabs, filled, have no serious or critical violation', async () => {
  const { page, close } = await openPage();
  await clickAction(page, 'assign');
  await page.click('[data-role="apply-response"]');
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#tab-dialog');
  await page.click('[data-role="dialog-draw"]');
  await page.click('[data-role="dialog-submit"]');
  await page.waitForSelector('[data-role="dialog-blocked"]');
  assert.deepEqual(await seriousViolations(page), []);
  // The preview frame with the dialog drawn.
  assert.deepEqual(await seriousFrameViolations(page, frame(page)), []);
  await close();
});

// The tools module (mmhook-tools.wasm) loads after the first preview: a dialog drawn, an answer applied or a curl
// command imported before it has arrived waits for it instead of failing with "call loadCommands() first".
test('tools on demand: a dialog drawn before mmhook-tools.wasm has arrived waits for it', async () => {
  const { context, page, problems } = await openContext(browser, { console: [] });
  const release = await holdRoute(page, '**/mmhook-tools.wasm');
  await page.goto(`${base}web/`);
  await page.waitForFunction(() => window.mmhookPage && window.mmhookPage.mm && window.mmhookPage.report, null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => window.mmhookPage.commandsLoaded), false, 'the tools module is held back');
  await page.evaluate((req) => {
    const d = window.mmhookPage.dialog;
    d.source.value = req;
    d.draw();
  }, JSON.stringify(ALL_TYPES));
  release();
  await page.click('#tab-dialog');
  await page.waitForSelector('[data-role="dialog-verdict"]');
  assert.match(await text(page, 'dialog-verdict'), /^200/);
  assert.deepEqual(problems, []);
  await context.close();
});
