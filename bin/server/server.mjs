// mmhook's local server: the previewer page (static files), the webhook receiver (/hooks/<id>) and the page's
// same-origin API (/__mmhook/…: inbox events, entries, settings, forward URL). Used by `npx mmhook serve`,
// `npm start` (scripts/serve.mjs) and the tests. Every request's Host must name this machine (DNS rebinding).
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createStaticHandler } from './static.mjs';
import { Receiver, bodyLimit, DEFAULT_TIMEOUT_MS } from './receiver.mjs';
import { summary, detail } from './inbox.mjs';
import { parseForwardUrl } from './forward.mjs';
import { loopbackUrl, sendToLoopback } from './integration.mjs';

export const DEFAULT_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
const API = '/__mmhook/';
const MAX_STREAMS = 64;
const MAX_API_BODY = 64 * 1024;
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The host names a request may carry in Host: loopback names, the bound host, the machine's addresses when bound to
 *  a wildcard, and `extra` (--allow-host). Lower-case, IPv6 without brackets. */
export function allowedHosts(host, extra = []) {
  const bound = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  const set = new Set(['localhost', '127.0.0.1', '::1', bound, ...extra.map((h) => h.toLowerCase())]);
  if (WILDCARDS.has(host)) {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) set.add(a.address.toLowerCase());
    }
    set.add(os.hostname().toLowerCase());
  }
  return set;
}

/** The host name of a Host header value (port and IPv6 brackets removed), or null when malformed. */
export function hostName(value) {
  if (typeof value !== 'string' || value === '') return null;
  const m = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(value) || /^([^:[\]]+)(?::\d+)?$/.exec(value);
  return m ? m[1].toLowerCase().replace(/\.$/, '') : null;
}

function send(res, status, type, body, extra = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer', ...extra });
  res.end(body);
}
const sendJson = (res, status, value) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
const sendText = (res, status, text, extra) => send(res, status, 'text/plain; charset=utf-8', text + '\n', extra);

function readSmall(req, max) {
  return new Promise((resolve) => {
    const parts = [];
    let size = 0;
    req.on('data', (c) => { size += c.length; if (size <= max) parts.push(c); });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** The page as this server serves it: its CSP may connect to this origin (the inbox's event stream and API, nothing
 *  else), and a meta tag tells the page where the API is. The file on disk keeps connect-src 'none'. */
export function announceReceiver(html) {
  return html.replace("connect-src 'none'", "connect-src 'self'")
    .replace(/<meta charset="utf-8">/i, (m) => `${m}\n<meta name="mmhook-receiver" content="${API}">`);
}

async function loadMmhook() {
  const { createMmhook } = await import('../../dist/mmhook.mjs');
  return createMmhook();
}

// The served page holds the reader's stored webhook URL (localStorage of this origin) and the receiver's inbox: only
// this origin may frame it unless the operator lists more (`--frame-ancestors "'self' https://docs.example.com"`).
export const DEFAULT_FRAME_ANCESTORS = "'self'";

/**
 * Starts the server; resolves to {server, url, receiver, close()}. Port 0 picks a free one.
 * Options: root (page folder), port, host, allowHosts (extra Host names), frameAncestors (CSP source list for the
 * page's HTML; default DEFAULT_FRAME_ANCESTORS), settings (+ settingsSource), keep, keepBytes, timeoutMs, forward (URL),
 * saveDir, mm (an Mmhook instance; default: createMmhook() from dist/).
 */
export async function serve({ root = DEFAULT_ROOT, port = 8080, host = '127.0.0.1', allowHosts = [],
  frameAncestors = DEFAULT_FRAME_ANCESTORS, settings = {}, settingsSource = 'default', keep, keepBytes, timeoutMs = DEFAULT_TIMEOUT_MS,
  forward = null, saveDir = null, mm = null } = {}) {
  const instance = mm ?? await loadMmhook();
  const receiver = new Receiver({ mm: instance, settings, settingsSource, keep, keepBytes, timeoutMs, forward, saveDir,
    version: instance.version.mmhook });
  const handleStatic = await createStaticHandler({ root, frameAncestors, transformIndex: announceReceiver });
  const hosts = allowedHosts(host, allowHosts);
  const streams = new Set();

  const state = () => ({ version: instance.version.mmhook, settings: receiver.settings,
    settingsSource: receiver.settingsSource, forward: receiver.forwardInfo(), keep: receiver.inbox.keep,
    timeoutMs: receiver.timeoutMs, limit: bodyLimit(receiver.settings) });

  const event = (type, data) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  receiver.inbox.subscribe((type, entry) => {
    let msg;
    if (type === 'entry' || type === 'update') msg = event(type, summary(entry));
    else if (type === 'clear') msg = event('clear', {});
    else if (type === 'settings' || type === 'forward') msg = event('state', state());
    else return;
    for (const s of streams) s.write(msg);
  });

  async function api(req, res, name, origin) {
    const site = req.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none') {
      sendText(res, 403, 'mmhook: cross-site requests are refused');
      return;
    }
    const mutating = req.method !== 'GET' && req.method !== 'HEAD';
    if (mutating && req.headers.origin !== origin) {
      sendText(res, 403, 'mmhook: changes need a same-origin request (Origin must be this page\'s origin)');
      return;
    }
    const m = /^inbox\/(\d+)(\/body)?$/.exec(name);
    if (req.method === 'GET' && name === 'state') return sendJson(res, 200, state());
    if (req.method === 'GET' && name === 'inbox') return sendJson(res, 200, receiver.inbox.list());
    if (req.method === 'GET' && m) {
      const e = receiver.inbox.get(Number(m[1]));
      if (!e) return sendText(res, 404, 'mmhook: no such inbox entry (cleared or dropped)');
      if (m[2]) {
        return send(res, 200, 'application/octet-stream', e.bytes,
          { 'Content-Disposition': `attachment; filename="request-${e.seq}.body"` });
      }
      return sendJson(res, 200, detail(e));
    }
    if (req.method === 'GET' && name === 'events') return openStream(req, res);
    if (req.method === 'POST' && name === 'clear') {
      receiver.inbox.clear();
      return sendJson(res, 200, { cleared: true });
    }
    // The page's "send to my local integration": a loopback URL only (integration.mjs).
    if (req.method === 'POST' && name === 'integration') {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendText(res, 415, 'mmhook: send application/json');
      let value;
      try { value = JSON.parse(await readSmall(req, 2 * 1024 * 1024)); } catch { return sendText(res, 400, 'mmhook: the body is not JSON'); }
      if (!value || typeof value.url !== 'string' || typeof value.body !== 'string') return sendText(res, 400, 'mmhook: send {"url": "http://127.0.0.1:…", "body": "…"}');
      let u;
      try { u = loopbackUrl(value.url); } catch (e) { return sendJson(res, 200, { error: e.message }); }
      return sendJson(res, 200, await sendToLoopback(u, value.body));
    }
    if (req.method === 'PUT' && (name === 'settings' || name === 'forward')) {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return sendText(res, 415, 'mmhook: send application/json');
      }
      const text = await readSmall(req, MAX_API_BODY);
      let value;
      try { value = JSON.parse(text); } catch { return sendText(res, 400, 'mmhook: the body is not JSON'); }
      if (name === 'settings') {
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          return sendText(res, 400, 'mmhook: settings must be a JSON object');
        }
        receiver.setSettings(value, 'page');
        return sendJson(res, 200, state());
      }
      if (!value || typeof value !== 'object' || !('url' in value)) {
        return sendText(res, 400, 'mmhook: send {"url": "https://…/hooks/…"} or {"url": null}');
      }
      try {
        receiver.setForward(value.url === null || value.url === '' ? null : parseForwardUrl(value.url));
      } catch (e) {
        return sendText(res, 400, `mmhook: ${e.message}`);
      }
      return sendJson(res, 200, receiver.forwardInfo());
    }
    return sendText(res, 404, 'mmhook: no such endpoint');
  }

  function openStream(req, res) {
    if (streams.size >= MAX_STREAMS) { sendText(res, 503, 'mmhook: too many open inbox streams'); return; }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff', Connection: 'keep-alive' });
    res.write(event('hello', { ...state(), entries: receiver.inbox.list() }));
    streams.add(res);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), 15000);
    beat.unref();
    req.on('close', () => { clearInterval(beat); streams.delete(res); });
  }

  const server = http.createServer(async (req, res) => {
    try {
      const name = req.headers.host === undefined ? null : hostName(req.headers.host);
      if (req.headers.host !== undefined && (!name || !hosts.has(name))) {
        sendText(res, 421, 'mmhook: this Host is not served here (DNS rebinding protection); start mmhook serve with ' +
          '--allow-host NAME to accept it');
        return;
      }
      if (!req.url.startsWith('/')) { sendText(res, 400, 'mmhook: bad request target'); return; }
      const q = req.url.indexOf('?');
      const pathname = q < 0 ? req.url : req.url.slice(0, q);
      const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
      if (pathname.startsWith(API)) {
        await api(req, res, pathname.slice(API.length), `http://${req.headers.host}`);
      } else if (pathname.startsWith('/hooks/') || ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) {
        await receiver.handle(req, res, pathname, rawQuery);
      } else {
        await handleStatic(req, res, pathname);
      }
    } catch (e) {
      if (!res.headersSent) sendText(res, 500, 'mmhook: internal error');
      else res.destroy();
    }
  });
  server.headersTimeout = 15000;
  server.requestTimeout = timeoutMs + 15000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  const shown = WILDCARDS.has(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${server.address().port}/`;
  async function close() {
    for (const s of streams) s.end();
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections?.();
    const late = setTimeout(() => server.closeAllConnections?.(), 2000);
    await closed;
    clearTimeout(late);
    await receiver.idle();
  }
  return { server, url, receiver, close, streams };
}

