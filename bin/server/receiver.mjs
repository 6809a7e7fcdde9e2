// The webhook receiver: answers POST /hooks/<id> as a Mattermost v11.6 server would under the settings in force
// (status, Content-Type, body, X-Request-Id), records every request in the inbox, and optionally forwards it.
// Requests that are not a webhook call get mmhook's own answers (ids "mmhook.receiver.*"), documented in the README.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appErrorJson, newId } from './gojson.mjs';
import { Inbox, detail } from './inbox.mjs';
import { compareAnswers, forwardRequest, mismatchReport, redact, redactUrl, webhookKey } from './forward.mjs';

export const ANALYSIS_CAP = 16 * 1024 * 1024;     // kAnalysisCap in core/include/mmhook/check.h
export const HOLD_CEILING = 256 * 1024 * 1024;    // never hold more of one body, whatever the settings say
export const DEFAULT_TIMEOUT_MS = 30000;          // a body must arrive within this (Mattermost's ReadTimeout is 300 s)
export const VERSION_ID = '11.6.0.mmhook.0.false';
const HOOK_ROUTE = /^\/hooks\/([A-Za-z0-9]+)$/;   // Mattermost's route: POST /hooks/{id:[A-Za-z0-9]+}
const PLACEHOLDER = /x{26}/g;                     // the example hook id in the core's error messages
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** ServiceSettings.MaximumPayloadSizeBytes + bytes.MinRead (spec §1.2). */
export function bodyLimit(settings) {
  const v = settings?.maximumPayloadSizeBytes;
  return (typeof v === 'number' && v >= 0 && Number.isFinite(v) ? Math.floor(v) : 300000) + 512;
}

/** Reads a request body, keeping its first `hold` bytes and counting the rest; ends early on timeout or abort. */
export function readBody(req, { hold, timeoutMs }) {
  return new Promise((resolve) => {
    const parts = [];
    let held = 0;
    let size = 0;
    let settled = false;
    const finish = (state) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ bytes: Buffer.concat(parts, held), size, timedOut: false, aborted: false, ...state });
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    req.on('data', (c) => {
      size += c.length;
      if (held < hold) {
        const take = Math.min(c.length, hold - held);
        parts.push(take === c.length ? c : Buffer.from(c.subarray(0, take)));
        held += take;
      }
    });
    req.on('end', () => finish({}));
    req.on('error', () => finish({ aborted: true }));
    req.on('close', () => { if (!req.complete) finish({ aborted: true }); });
  });
}

const baseHeaders = (requestId) => ({ 'X-Request-Id': requestId, 'X-Version-Id': VERSION_ID, 'Permissions-Policy': '',
  'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });

function own(status, id, message, requestId, extra = {}) {
  return { status, contentType: 'application/json', extra, own: true,
    body: appErrorJson({ id, message, detailed_error: '', request_id: requestId, status_code: status }) };
}

function counts(diagnostics) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) c[d.severity]++;
  return c;
}

export class Receiver {
  constructor({ mm, settings = {}, settingsSource = 'default', keep, keepBytes, timeoutMs = DEFAULT_TIMEOUT_MS,
    forward = null, saveDir = null, version = '' }) {
    this.mm = mm;
    this.settings = settings;
    this.settingsSource = settingsSource;
    this.timeoutMs = timeoutMs;
    this.saveDir = saveDir;
    this.version = version;
    this.inbox = new Inbox({ keep, keepBytes });
    this.pending = new Set();
    this.marker = newId();
    this.setForward(forward);
  }

  setSettings(settings, source) {
    this.settings = settings;
    this.settingsSource = source;
    this.inbox.emit('settings', null);
  }

  /** `url` is a parsed URL or null. Only a redacted form ever leaves this object. */
  setForward(url) {
    this.forwardUrl = url ? new URL(url) : null;
    this.inbox.emit('forward', null);
  }

  forwardInfo() {
    return this.forwardUrl ? { enabled: true, target: redactUrl(this.forwardUrl) } : { enabled: false, target: null };
  }

  /** Resolves when every forward and save started so far has finished. */
  async idle() { while (this.pending.size) await Promise.allSettled([...this.pending]); }

  track(p) { this.pending.add(p); p.finally(() => this.pending.delete(p)); return p; }

  /** Handles one request routed to the receiver (anything under /hooks/, and any non-GET/HEAD outside mmhook's API). */
  async handle(req, res, pathname, rawQuery) {
    const requestId = newId();
    const settings = this.settings;
    let decoded = null;
    try { decoded = decodeURIComponent(pathname); } catch { /* not a route */ }
    const route = decoded !== null ? HOOK_ROUTE.exec(decoded) : null;
    const limit = bodyLimit(settings);
    const hold = Math.min(Math.max(limit, ANALYSIS_CAP) + 1, HOLD_CEILING);
    const ctHeader = req.headers['content-type'];
    const entry = {
      seq: this.inbox.nextSeq(), time: new Date().toISOString(), remote: req.socket.remoteAddress ?? null,
      method: req.method, path: pathname, id: route ? route[1] : null, query: rawQuery,
      userAgent: req.headers['user-agent'] ?? null,
      contentType: ctHeader === undefined || ctHeader === '' ? null : ctHeader,   // Go: an empty header is no header
      settings, kind: 'hook', status: null, ok: false, errorId: null, counts: { error: 0, warning: 0, info: 0 },
      posts: 0, diagnostics: [], answer: null, forward: null, note: null,
    };
    const body = await readBody(req, { hold, timeoutMs: this.timeoutMs });
    Object.assign(entry, { bytes: body.bytes, size: body.size, truncated: body.size > body.bytes.length });
    entry.utf8 = !entry.truncated && isUtf8(body.bytes);
    if (body.aborted) {
      Object.assign(entry, { kind: 'aborted', note: 'the client closed the connection before the body ended' });
        this.inbox.add(entry);
      this.finish(entry);
      return;
    }
    const answer = this.answer(req, entry, route, body, limit, requestId);
    const close = body.timedOut || body.size > limit;
    res.writeHead(answer.status, { ...baseHeaders(requestId), 'Content-Type': answer.contentType,
      'Content-Length': Buffer.byteLength(answer.body), ...(close ? { Connection: 'close' } : {}), ...answer.extra });
    res.end(answer.body);
    if (body.timedOut) res.on('finish', () => setTimeout(() => req.socket.destroy(), 1000).unref());
    entry.answer = { status: answer.status, contentType: answer.contentType, body: answer.body, requestId,
      own: !!answer.own };
    entry.status = answer.status;
    entry.ok = answer.status === 200;
    this.inbox.add(entry);
    const forwarded = entry.kind === 'hook' && !answer.own ? this.startForward(req, entry, body) : null;
    this.finish(entry, forwarded);
  }

  answer(req, entry, route, body, limit, requestId) {
    if (body.timedOut && !(route && req.method === 'POST' && body.size > limit)) {
      entry.kind = 'timeout';
      entry.note = `the body did not end within ${this.timeoutMs / 1000} s`;
      return own(408, 'mmhook.receiver.timeout',
        `mmhook: the request body did not arrive within ${this.timeoutMs / 1000} s.`, requestId);
    }
    if (!route) {
      entry.kind = 'route';
      if (decoded(entry.path).startsWith('/hooks/')) {
        return own(404, 'mmhook.receiver.not_found', 'mmhook: no webhook route here: Mattermost routes only POST ' +
          '/hooks/{id} with an id of letters and digits.', requestId);
      }
      return own(405, 'mmhook.receiver.not_a_webhook', `mmhook: ${entry.method} ${entry.path.slice(0, 200)} is not a ` +
        'webhook route; send incoming webhooks to POST /hooks/<id>.', requestId, { Allow: 'GET, HEAD' });
    }
    if (req.method !== 'POST') {
      entry.kind = 'method';
      return own(405, 'mmhook.receiver.method_not_allowed', `mmhook: ${entry.method} is not allowed: Mattermost ` +
        'incoming webhooks answer POST only.', requestId, { Allow: 'POST' });
    }
    return this.predict(entry, body, requestId);
  }

  predict(entry, body, requestId) {
    const settings = entry.settings;
    let report;
    try {
      report = this.mm.check(entry.utf8 ? utf8.decode(body.bytes) : new Uint8Array(body.bytes),
        { contentType: entry.contentType, settings, query: entry.query });
    } catch (e) {
      entry.note = `mmhook could not check this request: ${e.message}`;
      return own(500, 'mmhook.receiver.check_failed', 'mmhook: the check failed; see the inbox entry.', requestId);
    }
    entry.diagnostics = report.diagnostics;
    entry.counts = counts(report.diagnostics);
    entry.posts = report.posts.length;
    if (report.ok) return { status: 200, contentType: 'text/plain', body: 'ok', extra: {} };
    const id = entry.id;
    const e = report.error ?? { id: '', message: '', detailed_error: '' };
    entry.errorId = e.id;
    return { status: report.status, contentType: 'application/json', extra: {},
      body: appErrorJson({ id: e.id, message: e.message.replace(PLACEHOLDER, id),
        detailed_error: settings?.enableDeveloper === false ? '' : e.detailed_error.replace(PLACEHOLDER, id),
        request_id: requestId, status_code: report.status }) };
  }

  /** Starts forwarding when a forward URL is set; returns the promise of its result (or null). */
  startForward(req, entry, body) {
    const url = this.forwardUrl;
    if (!url) return null;
    if (req.headers['x-mmhook-forwarded-by'] === this.marker) {
      entry.forward = { state: 'skipped',
        error: 'this request came from this receiver\'s own forward (a loop); not forwarded again' };
      return null;
    }
    if (entry.truncated) {
      entry.forward = { state: 'skipped',
        error: `the body (${entry.size} bytes) is not held whole, so it cannot be forwarded byte-exact` };
      return null;
    }
    const realKey = webhookKey(url);
    entry.forward = { state: 'pending' };
    const p = forwardRequest(url, { bytes: body.bytes, contentType: entry.contentType, query: entry.query,
      userAgent: entry.userAgent, marker: this.marker }).then((real) => {
      const safeReal = { ...real, body: redact(real.body ?? '', [realKey]) };
      const predicted = entry.answer;
      const comparison = compareAnswers(predicted, safeReal, [realKey, entry.id]);
      entry.forward = { state: real.error ? 'failed' : 'done', status: real.status ?? null,
        contentType: real.contentType ?? null, body: safeReal.body, error: real.error ?? null, ms: real.ms,
        match: comparison.match,
        differences: comparison.differences, notes: comparison.notes, report: null };
      if (!comparison.match) {
        const keys = [realKey, ...(entry.id.length >= 16 ? [entry.id] : [])];
        const bodyText = entry.utf8 ? utf8.decode(body.bytes) : body.bytes.toString('latin1');
        entry.forward.report = mismatchReport({ entry, bodyText, predicted, real: safeReal, comparison, keys,
          version: this.version, settings: entry.settings });
      }
      this.inbox.update(entry);
    });
    return this.track(p);
  }

  /** Saves (with --save) and announces the entry once it is final (forward included). */
  finish(entry, forwarded = null) {
    const p = (async () => {
      if (forwarded) await forwarded;
      if (this.saveDir) await this.save(entry).catch((e) => { entry.note = `not saved: ${e.code || e.message}`; });
      this.inbox.emit('done', entry);
    })();
    this.track(p);
  }

  async save(entry) {
    await mkdir(this.saveDir, { recursive: true, mode: 0o700 });
    const base = path.join(this.saveDir, String(entry.seq).padStart(6, '0'));
    await writeFile(`${base}.body`, entry.bytes, { mode: 0o600 });
    await writeFile(`${base}.json`, JSON.stringify(detail(entry), null, 2) + '\n', { mode: 0o600 });
  }
}

function decoded(p) { try { return decodeURIComponent(p); } catch { return p; } }

function isUtf8(bytes) { try { utf8.decode(bytes); return true; } catch { return false; } }
