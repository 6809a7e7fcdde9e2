// Real clients against the webhook receiver (issue 18): curl (JSON, form, no Content-Type, multipart, query payload),
// wget, Node's fetch and Python's urllib.request send to `mmhook serve`; each answer must be exactly what check() says
// Mattermost answers for the bytes, Content-Type and query the receiver got, and those must be what the client sent.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { serve } from '../../bin/server/server.mjs';
import { mmhook } from '../js/helpers.mjs';
import { expectedAnswer } from '../js/receiver-helpers.mjs';

const run = promisify(execFile);
const has = (cmd, args = ['--version']) => { try { execFileSync(cmd, args, { stdio: 'ignore', timeout: 10000 }); return true; } catch { return false; } };

let api;
let srv;
test.before(async () => {
  api = await mmhook();
  srv = await serve({ root: path.join(tmpdir(), 'mmhook-no-page'), port: 0, mm: api });
});
test.after(async () => { await srv?.close(); });

/** Checks the newest inbox entry against what was meant to be sent, and the client's answer against check(). */
function verify(name, { status, body }, sent) {
  const e = srv.receiver.inbox.entries.at(-1);
  assert.equal(e.method, 'POST', name);
  if (sent.bytes !== undefined) assert.deepEqual(e.bytes, Buffer.from(sent.bytes), `${name}: bytes as sent`);
  if (sent.contentType !== undefined) assert.equal(e.contentType, sent.contentType, `${name}: Content-Type as sent`);
  if (sent.userAgent) assert.match(e.userAgent ?? '', sent.userAgent, name);
  const exp = expectedAnswer(api, e.bytes, { contentType: e.contentType, query: e.query, id: e.id });
  assert.equal(status, exp.status, `${name}: status (body ${body.slice(0, 200)})`);
  if (exp.status === 200) assert.equal(body, 'ok', name);
  else assert.deepEqual(JSON.parse(body), { ...exp.json, request_id: e.answer.requestId }, name);
  if (sent.status !== undefined) assert.equal(status, sent.status, `${name}: the expected verdict`);
}

// curl prints the body, then the status on its own line.
async function curl(args) {
  const { stdout } = await run('curl', ['-sS', '-o', '-', '-w', '\n%{http_code}', ...args], { timeout: 30000 });
  const i = stdout.lastIndexOf('\n');
  return { body: stdout.slice(0, i), status: Number(stdout.slice(i + 1)) };
}

const url = (p) => new URL(p, srv.url).href;
const JSON_BODY = '{"text":"Deploy **finished** :tada:","attachments":[{"color":"good","text":"all green"}]}';

test('curl: JSON, form (-d payload=), no Content-Type, multipart (-F), query payload, a rejected body', { skip: !has('curl') }, async () => {
  verify('curl JSON', await curl(['-H', 'Content-Type: application/json', '-d', JSON_BODY, url('/hooks/curl1')]),
    { bytes: JSON_BODY, contentType: 'application/json', userAgent: /^curl\//, status: 200 });
  const formBody = `payload=${JSON_BODY}`;
  verify('curl form', await curl(['-d', formBody, url('/hooks/curl2')]),
    { bytes: formBody, contentType: 'application/x-www-form-urlencoded', status: 200 });
  verify('curl no Content-Type', await curl(['-H', 'Content-Type:', '-d', JSON_BODY, url('/hooks/curl3')]),
    { bytes: JSON_BODY, contentType: null, status: 200 });
  const m = await curl(['-F', 'text=from multipart', '-F', 'username=ci', url('/hooks/curl4')]);
  verify('curl multipart', m, { status: 200 });
  assert.match(srv.receiver.inbox.entries.at(-1).contentType, /^multipart\/form-data; boundary=/);
  verify('curl multipart with a JSON field name', await curl(['-F', 'icon_url=http://x/y.png', '-F', 'text=t', url('/hooks/curl5')]),
    { status: 400 });
  verify('curl query payload', await curl(['-X', 'POST', '-H', 'Content-Type: application/x-www-form-urlencoded',
    url('/hooks/curl6?payload=%7B%22text%22%3A%22in%20the%20query%22%7D')]), { bytes: '', status: 200 });
  verify('curl rejected', await curl(['-H', 'Content-Type: application/json', '-d', '{"text": 42}', url('/hooks/curl7')]),
    { bytes: '{"text": 42}', status: 400 });
  verify('curl --data-binary @file with CRLF', await curl(['-H', 'Content-Type: application/json', '--data-binary', '{"text":"a\r\nb"}',
    url('/hooks/curl8')]), { bytes: '{"text":"a\r\nb"}', status: 400 });
});

test('wget --post-data', { skip: !has('wget') }, async () => {
  const { stdout } = await run('wget', ['-q', '-S', '-O', '-', '--content-on-error', '--header=Content-Type: application/json',
    `--post-data=${JSON_BODY}`, url('/hooks/wget1')], { timeout: 30000 }).catch((e) => e);
  assert.equal(stdout, 'ok');
  verify('wget', { status: 200, body: stdout }, { bytes: JSON_BODY, contentType: 'application/json', userAgent: /^Wget\//, status: 200 });
});

test('Node fetch: a string, bytes with no Content-Type, URLSearchParams, FormData', async () => {
  const send = async (init, p) => { const r = await fetch(url(p), { method: 'POST', ...init }); return { status: r.status, body: await r.text() }; };
  verify('fetch JSON', await send({ headers: { 'Content-Type': 'application/json' }, body: JSON_BODY }, '/hooks/fetch1'),
    { bytes: JSON_BODY, contentType: 'application/json', status: 200 });
  verify('fetch bytes', await send({ body: new TextEncoder().encode('{"text":"bytes"}') }, '/hooks/fetch2'),
    { bytes: '{"text":"bytes"}', contentType: null, status: 200 });
  verify('fetch URLSearchParams', await send({ body: new URLSearchParams({ payload: JSON_BODY }) }, '/hooks/fetch3'),
    { contentType: 'application/x-www-form-urlencoded;charset=UTF-8', status: 200 });
  const fd = new FormData();
  fd.append('text', 'fetch multipart');
  verify('fetch FormData', await send({ body: fd }, '/hooks/fetch4'), { status: 200 });
  verify('fetch rejected', await send({ headers: { 'Content-Type': 'application/json' }, body: '{"attachments":[]}' }, '/hooks/fetch5'),
    { status: 400 });
});

const PY = `
import sys, urllib.request, urllib.error, urllib.parse
url, mode = sys.argv[1], sys.argv[2]
body = '{"text": "from Python \\u00e9"}'.encode()
headers = {}
if mode == 'json':
    headers['Content-Type'] = 'application/json'
elif mode == 'form':
    body = urllib.parse.urlencode({'payload': body.decode()}).encode()
elif mode == 'bad':
    body = b'{"text": "x", "priority": {"priority": 3}}'
    headers['Content-Type'] = 'application/json'
req = urllib.request.Request(url, data=body, headers=headers, method='POST')
try:
    with urllib.request.urlopen(req, timeout=20) as r:
        print(r.status); sys.stdout.write(r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code); sys.stdout.write(e.read().decode())
`;

test('Python urllib.request: JSON, form (its default Content-Type), a rejected body', { skip: !has('python3') }, async () => {
  const py = async (mode, p) => {
    const { stdout } = await run('python3', ['-c', PY, url(p), mode], { timeout: 30000 });
    const i = stdout.indexOf('\n');
    return { status: Number(stdout.slice(0, i)), body: stdout.slice(i + 1) };
  };
  verify('python JSON', await py('json', '/hooks/py1'),
    { bytes: '{"text": "from Python é"}', contentType: 'application/json', userAgent: /^Python-urllib\//, status: 200 });
  verify('python form', await py('form', '/hooks/py2'), { contentType: 'application/x-www-form-urlencoded', status: 200 });
  verify('python rejected', await py('bad', '/hooks/py3'), { status: 400 });
});
