// mmhook serve: the previewer page plus a local Mattermost stand-in that answers POST /hooks/<id> and shows each
// request live. Exit status: 0, or 1 when --fail-on matched a request (checked at shutdown), 2 for usage/listen errors.
import { serve, DEFAULT_ROOT } from '../server/server.mjs';
import { parseForwardUrl } from '../server/forward.mjs';
import { UsageError, readSettings } from './common.mjs';

export const usage = `mmhook serve [--port N] [--host H] [--allow-host NAME]... [--settings FILE.json]
               [--keep N] [--save DIR] [--forward URL] [--json] [--fail-on error|warning] [--max-requests N]
               [--exit-after SECONDS] [--timeout SECONDS] [--frame-ancestors SOURCES] [--root DIR] [--quiet]`;

const SPEC = {
  '--port': 'value', '--host': 'value', '--allow-host': 'list', '--settings': 'value', '--keep': 'value',
  '--save': 'value', '--forward': 'value', '--json': 'flag', '--fail-on': 'value', '--max-requests': 'value',
  '--exit-after': 'value', '--timeout': 'value', '--frame-ancestors': 'value', '--root': 'value', '--quiet': 'flag',
};
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export { UsageError as ServeUsageError };

function parse(argv) {
  const o = { '--allow-host': [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const kind = SPEC[name];
    if (!kind) throw new UsageError(a.startsWith('-') ? `unknown option ${name}` : `serve takes no FILE (${a})`);
    if (kind === 'flag') { o[name] = true; continue; }
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined) throw new UsageError(`option ${name} needs a value`);
    if (kind === 'list') o[name].push(...v.split(',').map((s) => s.trim()).filter(Boolean));
    else o[name] = v;
  }
  return o;
}

function number(o, name, { min = 0, integer = true, dflt }) {
  if (o[name] === undefined) return dflt;
  const n = Number(o[name]);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, not ${o[name]}`);
  }
  return n;
}

/** The line --json prints for a finished request (no body; the forward URL never appears). */
export function jsonLine(e) {
  let error = null;
  if (e.answer && !e.ok) {
    try { const b = JSON.parse(e.answer.body); error = { id: b.id, message: b.message }; } catch { /* not JSON */ }
  }
  const line = { time: e.time, seq: e.seq, remote: e.remote, method: e.method, path: e.path, id: e.id, query: e.query,
    userAgent: e.userAgent, contentType: e.contentType, size: e.size, kind: e.kind, status: e.status, ok: e.ok, error,
    counts: e.counts, posts: e.posts,
    diagnostics: e.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, path: d.path,
      line: d.line, column: d.column })),
    response: e.answer ? e.answer.body : null };
  if (e.note) line.note = e.note;
  if (e.forward) {
    const f = e.forward;
    line.forward = { state: f.state, status: f.status ?? null, match: f.match ?? null, error: f.error ?? null,
      differences: f.differences ?? [], notes: f.notes ?? [], response: f.body ?? null };
    if (f.report) line.forward.report = f.report;
  }
  return JSON.stringify(line);
}

function humanLine(e) {
  const clock = e.time.slice(11, 19);
  const c = e.counts;
  const verdict = e.status === null ? 'no answer (client went away)'
    : e.ok ? '200 ok' : `${e.status} ${e.errorId ?? ''}`.trim();
  let s = `${clock} ${e.remote} ${e.method} ${e.path.slice(0, 120)} -> ${verdict}`;
  if (e.kind === 'hook' && e.status !== null) {
    s += ` (${e.posts} post${e.posts === 1 ? '' : 's'}; ${c.error} errors, ${c.warning} warnings, ${c.info} infos)`;
  }
  if (e.note) s += ` [${e.note}]`;
  if (e.userAgent) s += `  ${JSON.stringify(e.userAgent.slice(0, 80))}`;
  if (e.forward) {
    const f = e.forward;
    const how = f.match ? 'as predicted' : `DIFFERENT (${f.differences.join('; ')})`;
    s += f.state === 'done' ? `\n    Mattermost answered ${f.status}: ${how}`
      : `\n    forward ${f.state}: ${f.error ?? ''}`;
  }
  return s;
}

/** Whether a finished request fails the run under --fail-on `level`. */
export function fails(e, level) {
  if (!level) return false;
  if (e.status !== 200 || e.counts.error > 0) return true;
  return level === 'warning' && e.counts.warning > 0;
}

/** Runs `mmhook serve`; resolves to the exit status when the server stops. `mm`: an Mmhook instance (optional). */
export async function runServe(argv, { mm = null, stdout = process.stdout, stderr = process.stderr,
  signals = true } = {}) {
  const o = parse(argv);
  const failOn = o['--fail-on'];
  if (failOn !== undefined && failOn !== 'error' && failOn !== 'warning') {
    throw new UsageError(`--fail-on must be error or warning, not ${failOn}`);
  }
  const port = number(o, '--port', { dflt: Number(process.env.PORT || 8080) });
  if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
  const keep = number(o, '--keep', { min: 1, dflt: undefined });
  const maxRequests = number(o, '--max-requests', { min: 1, dflt: undefined });
  const exitAfter = number(o, '--exit-after', { min: 0, integer: false, dflt: undefined });
  const timeout = number(o, '--timeout', { min: 0.05, integer: false, dflt: 30 });
  const host = o['--host'] ?? '127.0.0.1';
  const settings = o['--settings'] ? await readSettings(o['--settings']) : {};
  let forward = null;
  const forwardText = o['--forward'] ?? process.env.MMHOOK_FORWARD_URL;
  if (forwardText) {
    try { forward = parseForwardUrl(forwardText); } catch (e) { throw new UsageError(`--forward: ${e.message}`); }
  }
  const frameAncestors = o['--frame-ancestors'];
  if (frameAncestors !== undefined && (!frameAncestors.trim() || /[;,\u0000-\u001f\u007f]/.test(frameAncestors))) {
    throw new UsageError(`--frame-ancestors takes a CSP source list such as "'self' https://docs.example.com" (no ; or ,), not ${JSON.stringify(frameAncestors)}`);
  }
  let running;
  try {
    running = await serve({ root: o['--root'] ?? DEFAULT_ROOT, port, host, allowHosts: o['--allow-host'],
      frameAncestors, settings, settingsSource: o['--settings'] ? 'file' : 'default',
      keep, timeoutMs: Math.round(timeout * 1000), forward, saveDir: o['--save'] ?? null, mm });
  } catch (e) {
    stderr.write(`mmhook: cannot listen on ${host}:${port}: ${e.code || e.message}\n`);
    return 2;
  }
  const { url, receiver } = running;
  const log = o['--json'] ? stderr : stdout;
  log.write(`mmhook previewer: ${url}  (Ctrl+C to stop)\n` +
    `mmhook receiver: POST webhooks to ${url}hooks/<any id>, e.g. ${url}hooks/test\n`);
  if (forward) log.write(`mmhook: forwarding each webhook to ${receiver.forwardInfo().target} and comparing answers\n`);
  if (o['--save']) log.write(`mmhook: saving every request under ${o['--save']}\n`);
  if (!LOOPBACK.has(host)) {
    stderr.write(`mmhook: warning: listening on ${host}, not only on this machine: anyone who can reach port ` +
      `${new URL(url).port} can post to the receiver and open the page with its inbox.\n`);
  }

  const totals = { requests: 0, notOk: 0, failing: 0 };
  let stop;
  const stopped = new Promise((resolve) => { stop = resolve; });
  receiver.inbox.subscribe((type, e) => {
    if (type !== 'done') return;
    totals.requests++;
    if (e.status !== 200) totals.notOk++;
    if (fails(e, failOn)) totals.failing++;
    if (o['--json']) stdout.write(jsonLine(e) + '\n');
    else if (!o['--quiet']) stdout.write(humanLine(e) + '\n');
    if (maxRequests && totals.requests >= maxRequests) stop('max-requests');
  });
  const timer = exitAfter !== undefined ? setTimeout(() => stop('exit-after'), exitAfter * 1000) : null;
  const onSignal = (sig) => stop(sig);
  if (signals) { process.once('SIGINT', onSignal); process.once('SIGTERM', onSignal); }
  const why = await stopped;
  clearTimeout(timer);
  if (signals) { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); }
  await running.close();
  stderr.write(`mmhook: stopped (${why}): ${totals.requests} request${totals.requests === 1 ? '' : 's'}, ` +
    `${totals.notOk} not answered 200` + (failOn ? `, ${totals.failing} failing --fail-on ${failOn}` : '') + '\n');
  return totals.failing > 0 ? 1 : 0;
}

/** The CLI entry (bin/mmhook.mjs): `mmhook serve …`. */
export async function run(mm, args) {
  return runServe(args, { mm });
}
