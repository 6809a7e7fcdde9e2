// Hostile-input suite (issue 10): XSS strings in every string field, hostile URLs in every URL field, CSS injection
// through color/style, mutation-XSS shapes, invalid UTF-8, lone surrogates, NULs, BOMs, 100 000-deep nesting and
// 10 MB strings. Every check() returns a Report without throwing, and every post's HTML passes the strict allow-list
// checker (tests/fuzz/html_check.mjs, the JS twin of the fuzzers' checker).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { mmhook, root, shells } from './helpers.mjs';
import { htmlViolation } from '../fuzz/html_check.mjs';
import { fieldCases, stressCases, SETTINGS_VARIANTS, XSS_STRINGS } from '../fuzz/hostile_payloads.mjs';

const api = await mmhook();
const SHELLS = await shells();
// C0, DEL, C1 and the Unicode line/paragraph separators: a diagnostic message is always one printable line.
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// Returns a list of problems with one report (empty when it is fine).
function reportProblems(report, body, settings) {
  const out = [];
  if (!report || typeof report !== 'object') return ['check() did not return an object'];
  if (typeof report.ok !== 'boolean' || typeof report.status !== 'number') out.push('ok/status missing');
  if (report.ok !== (report.status === 200)) out.push(`ok=${report.ok} with status ${report.status}`);
  if (!Array.isArray(report.diagnostics) || !Array.isArray(report.posts)) return [...out, 'diagnostics/posts not arrays'];
  if (!report.ok && !report.diagnostics.some((d) => d.severity === 'error')) {
    out.push(`status ${report.status} without an error diagnostic (${report.error && report.error.detailed_error})`);
  }
  const len = body.length;
  for (const d of report.diagnostics) {
    if (!(d.offset >= 0 && d.offset <= len)) out.push(`diagnostic ${d.code} offset ${d.offset} outside the body (${len})`);
    if (!(d.line >= 1 && d.column >= 1)) out.push(`diagnostic ${d.code} at ${d.line}:${d.column}`);
    if (RAW_CONTROL.test(d.message)) out.push(`diagnostic ${d.code} message has a raw control character: ${JSON.stringify(d.message)}`);
  }
  const extraSchemes = (settings && settings.customUrlSchemes) || [];
  for (const p of report.posts) {
    const v = htmlViolation(p.html, { extraSchemes });
    if (v) out.push(v);
  }
  return out;
}

test('the HTML checker itself rejects what it must (positive controls)', () => {
  const bad = [
    '<script>alert(1)</script>', '<img src="x" onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVa&#x09;Script:alert(1)">x</a>', '<a href=" &#106;avascript:x">x</a>', '<img src="data:image/png;base64,AA">',
    '<div style="background:url(http://xss.test/)">x</div>', '<span style="color:red;x:expression(1)">x</span>',
    '<p title=\'x\'>x</p>', '<p>a<b>b</b></p>', '<p>x', '<p><div>x</div></p>', '<a href="https://a"><a href="https://b">x</a></a>',
    '<iframe src="https://a"></iframe>', '<p id="x">x</p>', '<p>&colon;</p>', '<p>&</p>', 'a < b', '<!-- x -->',
    '<input type="text">', '<a href="vbscript:x">x</a>', '<a href="x-custom:x">x</a>',
  ];
  for (const h of bad) assert.notEqual(htmlViolation(h), '', `accepted: ${h}`);
  assert.equal(htmlViolation('<a href="x-custom:x">x</a>', { extraSchemes: ['x-custom'] }), '');
  assert.notEqual(htmlViolation('<a href="javascript:x">x</a>', { extraSchemes: ['javascript'] }), '');
  assert.equal(htmlViolation('<p class="a">x &amp; &lt;y&gt; &#39;<a href="/x" rel="noreferrer" target="_blank">l</a></p><img src="https://a/b.png" alt="" width="10" height="auto">'), '');
});

for (const [vi, settings] of SETTINGS_VARIANTS.entries()) {
  test(`hostile strings, URLs and CSS in every field stay inert (settings variant ${vi})`, () => {
    const failures = [];
    let n = 0;
    for (const [name, obj] of fieldCases()) {
      const body = JSON.stringify(obj);
      let report;
      try {
        report = api.check(body, { contentType: 'application/json', settings });
      } catch (e) {
        failures.push(`${name}: threw ${e}`);
        continue;
      }
      n++;
      for (const p of reportProblems(report, body, settings)) failures.push(`${name}: ${p}`);
    }
    assert.ok(n > 1000, `ran ${n} cases`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failure(s)`);
  });
}

// The dialects' link rules (issue 16 item 5): every way to write a link, with every hostile scheme and obfuscation, in
// every Markdown field, drawn by the web dialect (marked fork grammar) and the mobile one.
const HOSTILE_SCHEMES = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'jav&#x61;script:alert(1)', '&#106;avascript:alert(1)',
  'java\tscript:alert(1)', 'java&#x09;script:alert(1)', 'java&Tab;script:alert(1)', '  javascript:alert(1)', '\u0001javascript:alert(1)',
  '\u0000javascript:alert(1)', 'javascript&colon;alert(1)', 'javascript%3Aalert(1)', '%6Aavascript:alert(1)', 'vbscript:msgbox(1)',
  'VbScRiPt:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'DATA:text/html,<script>alert(1)</script>',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+', 'java\\script:alert(1)', 'javascript://%0aalert(1)'];
const linkForms = (u) => [`[x](${u})`, `[x](<${u}>)`, `[x](${u} "t")`, `<${u}>`, `[x][r]\n\n[r]: ${u}`, `[r]\n\n[r]: <${u}> "t"`,
  `![i](${u})`, `![i](${u} =10x10)`, `![i][r]\n\n[r]: ${u}`, `[![i](https://img.test/a.png)](${u})`, `text ${u} after`,
  `- [x](${u})\n> [y](${u})\n\n| a |\n|---|\n| [z](${u}) |`];
// Independent of html_check: href/src values entity-decoded as a browser does and stripped of what its URL parser
// ignores (controls, whitespace). Percent-escapes are left alone: "javascript%3A…" has no scheme for a browser.
function leakedScheme(html) {
  const out = [];
  for (const m of html.matchAll(/\s(href|src)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const raw = m[3] ?? m[4] ?? m[5] ?? '';
    const dec = raw.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16) || 0xfffd))
      .replace(/&#([0-9]+);?/g, (_, d) => String.fromCodePoint(Number(d) || 0xfffd))
      .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n').replace(/&amp;/gi, '&');
    const k = dec.replace(/[\u0000-\u0020]/g, '').toLowerCase();
    if (/^(javascript|vbscript|data):/.test(k)) out.push(`${m[1]}=${raw}`);
  }
  return out;
}

test('leakedScheme finds what it must (positive controls)', () => {
  for (const h of ['<a href="javascript:x">', '<a href=" jav&#x61;script:x">', '<img src="data:image/png,AA">', '<a href="java&#9;script:x">',
    "<a href='\tjava&#x0A;script:x'>", '<a href=vbscript:x>']) assert.notDeepEqual(leakedScheme(h), [], h);
  assert.deepEqual(leakedScheme('<a href="https://x.test/javascript:x">'), []);
});

for (const platform of ['web', 'mobile']) {
  test(`hostile link schemes never reach href or src in the ${platform} dialect (every link form and field)`, () => {
    const failures = [];
    let n = 0;
    for (const [vi, settings] of SETTINGS_VARIANTS.entries()) {
      for (const u of HOSTILE_SCHEMES) {
        for (const t of linkForms(u)) {
          const body = JSON.stringify({ text: t, attachments: [{ pretext: t, text: t, fields: [{ title: 'f', value: t }], footer: t }] });
          const report = api.check(body, { contentType: 'application/json', settings, platform });
          n++;
          for (const p of reportProblems(report, body, settings)) failures.push(`${vi} ${JSON.stringify(t)}: ${p}`);
          for (const post of report.posts) for (const l of leakedScheme(post.html)) failures.push(`${vi} ${JSON.stringify(t)}: leaked ${l}`);
        }
      }
    }
    assert.ok(n >= 400, `ran ${n} cases`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failure(s)`);
  });
}

test('explicit git:// and ts3server:// links are links on web and mobile, as in the web app; bare ones only when configured', () => {
  for (const platform of ['web', 'mobile']) {
    const html = (text, settings = {}) => api.check(JSON.stringify({ text }), { platform, settings }).posts[0].html;
    assert.match(html('[other link](ts3server://example.com)'), /<a [^>]*href="ts3server:\/\/example\.com"/, platform);
    assert.match(html('<git://git.example.com>'), /<a [^>]*href="git:\/\/git\.example\.com"/, platform);
    assert.doesNotMatch(html('git://git.example.com'), /href=/, platform);
    assert.match(html('git://git.example.com', { customUrlSchemes: ['git'] }), /href="git:\/\/git\.example\.com"/, platform);
    assert.doesNotMatch(html('[x](x-other://example.com)'), /href=/, platform);
  }
});

test('hostile payloads through form and multipart bodies stay inert', () => {
  const failures = [];
  for (const [i, s] of XSS_STRINGS.entries()) {
    const json = JSON.stringify({ text: s, username: s, attachments: [{ text: s, color: s }] });
    const cases = [
      ['application/x-www-form-urlencoded', 'payload=' + encodeURIComponent(json)],
      ['multipart/form-data; boundary=XyZ', `--XyZ\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${json}\r\n--XyZ--\r\n`],
      ['multipart/form-data; boundary=XyZ', `--XyZ\r\nContent-Disposition: form-data; name="text"\r\n\r\n${s}\r\n--XyZ--\r\n`],
    ];
    for (const [ct, body] of cases) {
      const report = api.check(body, { contentType: ct, settings: SETTINGS_VARIANTS[1] });
      for (const p of reportProblems(report, body, SETTINGS_VARIANTS[1])) failures.push(`string#${i} via ${ct}: ${p}`);
    }
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failure(s)`);
});

for (const [name, body, settings, contentType] of stressCases()) {
  test(`stress: ${name}`, { timeout: 180000 }, () => {
    let report;
    assert.doesNotThrow(() => {
      report = api.check(body, { contentType: contentType || 'application/json', settings });
    });
    assert.deepEqual(reportProblems(report, body, settings), []);
  });
}

test('over the limit: analysed in full up to 16 MiB, then only the verdict and request.analysis_cap', { timeout: 180000 }, () => {
  const over = JSON.stringify({ text: 'x'.repeat(400_000), usernme: 'typo' });
  const a = api.check(over, { contentType: 'application/json' });
  assert.equal(a.status, 400);
  const codes = a.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('request.too_large') && codes.includes('request.over_limit_analysed'), codes.join());
  const typo = a.diagnostics.find((d) => d.code === 'payload.unknown_key');
  assert.ok(typo && typo.offset > 300_512, 'a problem past the limit is still found');
  const huge = JSON.stringify({ text: 'x'.repeat(17 * 1024 * 1024), usernme: 'typo' });
  const b = api.check(huge, { contentType: 'application/json' });
  assert.equal(b.status, 400);
  assert.deepEqual(b.diagnostics.map((d) => d.code).sort(), ['request.analysis_cap', 'request.too_large']);
});

test('the same hostile bodies as bytes (Uint8Array) behave like strings', () => {
  const enc = new TextEncoder();
  for (const [name, obj] of fieldCases().slice(0, 200)) {
    const s = JSON.stringify(obj);
    const a = api.check(s, { contentType: 'application/json' });
    const b = api.check(enc.encode(s), { contentType: 'application/json' });
    assert.equal(a.status, b.status, name);
    assert.deepEqual(a.posts.map((p) => p.html), b.posts.map((p) => p.html), name);
  }
});

test('command() quotes hostile bodies and URLs without throwing', () => {
  for (const s of [...XSS_STRINGS, '\u0000\r\n\u2028\ud800', "'; rm -rf / #", '$(id) `id` %PATH% ^& !x!']) {
    for (const { id: shell } of SHELLS) {
      for (const url of ['https://chat.example.com/hooks/abc', `https://x/hooks/a'"$(id)\`${s}`]) {
        const out = api.command(JSON.stringify({ text: s }), { url, shell });
        assert.equal(typeof out, 'string');
        assert.ok(out.endsWith('\n'));
      }
    }
  }
});

test('no diagnostic message over the vector corpora contains a raw control character', () => {
  const dir = path.join(root, 'tests/vectors');
  const failures = [];
  let n = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    for (const v of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      const input = v.input || {};
      const bodies = [];
      if (typeof input.body === 'string') bodies.push([input.body, input.content_type ?? 'application/json']);
      if (typeof input.raw_body === 'string') bodies.push([input.raw_body, 'application/json']);
      // Everything else as a payload: text/message, attachments and props are read, the rest is unknown keys.
      const payload = { ...input, text: input.text ?? input.message ?? input.args?.[0] };
      bodies.push([JSON.stringify(payload), 'application/json']);
      for (const [body, contentType] of bodies) {
        const report = api.check(body, { contentType, query: input.query || '' });
        n++;
        for (const d of report.diagnostics) {
          if (RAW_CONTROL.test(d.message)) failures.push(`${v.source}: ${d.code} ${JSON.stringify(d.message)}`);
        }
      }
    }
  }
  assert.ok(n > 500, `ran ${n} bodies`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failure(s)`);
});
