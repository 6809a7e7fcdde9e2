// mmhook action: the click on a button or menu of a webhook post — the request Mattermost sends to the integration
// and, with --response, what the integration's answer does to the post. Terminal-safe lines, or exact JSON (--json).
import { readFile } from 'node:fs/promises';
import { parseArgs, readInput, readSettings, asBody, contentTypeOption, printLine, terminalSafeJson, UsageError }
  from './common.mjs';

export const usage = 'mmhook action FILE|- --action ID [--option VALUE] [--post N] [--response FILE] [--after FILE] ' +
  '[--context FILE.json] [--now MILLIS] [--content-type TYPE | --no-content-type] [--settings FILE.json] [--json]';

/** --now: milliseconds since 1970, "now" or absent (now); "off" only where allowed (no time at all). */
export function nowOption(value, allowOff) {
  if (value === undefined || value === 'now') return Date.now();
  if (allowOff && value === 'off') return undefined;
  const n = Number(value);
  if (value === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--now must be milliseconds since 1970 or "now"${allowOff ? ' or "off"' : ''}`);
  return n;
}

async function readText(file, what) {
  try { return await readFile(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read ${what} ${file}: ${e.code || e.message}`); }
}

export async function readContext(file) {
  if (!file) return undefined;
  let c;
  try { c = JSON.parse(await readText(file, 'context')); } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`context ${file} is not valid JSON: ${e.message}`);
  }
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw new UsageError(`context ${file} is not a JSON object`);
  return c;
}

export function printDiagnostics(name, diagnostics) {
  for (const d of diagnostics) printLine(`${name}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
}

export function printRequest(req) {
  printLine(`${req.method} ${req.url}`);
  for (const [k, v] of Object.entries(req.headers)) printLine(`${k}: ${v}`);
  printLine('');
  printLine(req.body);
}

export async function run(mm, args) {
  const o = parseArgs(args, { '--action': 'value', '--option': 'value', '--post': 'value', '--response': 'value',
    '--context': 'value', '--content-type': 'value', '--no-content-type': 'flag', '--settings': 'value', '--json': 'flag',
    '--now': 'value', '--after': 'value' });
  if (o.files.length > 1) throw new UsageError('action takes one payload file');
  if (o['--action'] === undefined) throw new UsageError('--action ID is required');
  const postIndex = o['--post'] === undefined ? 0 : Number(o['--post']);
  if (!Number.isInteger(postIndex) || postIndex < 0) throw new UsageError('--post must be a non-negative integer');
  const file = o.files[0] ?? '-';
  const name = file === '-' ? '<stdin>' : file;
  const settings = await readSettings(o['--settings']);
  const context = await readContext(o['--context']);
  const { bytes } = await readInput(file);
  const body = asBody(bytes);
  const options = { actionId: o['--action'], postIndex, contentType: contentTypeOption(o, 'application/json'), settings, context };
  if (o['--option'] !== undefined) options.selectedOption = o['--option'];
  // The trigger_id carries the click's time: a dialog opened with it works for 30 s.
  options.nowMillis = nowOption(o['--now'], false);
  if (o['--after'] !== undefined) options.afterResponse = await readText(o['--after'], 'earlier answer');
  const sim = mm.simulateAction(body, options);
  const response = o['--response'] === undefined ? undefined : await readText(o['--response'], 'response');
  const report = response === undefined || sim.status === 0 ? null : mm.applyActionResponse(body, response, options);
  if (o['--json']) {
    process.stdout.write(terminalSafeJson(response === undefined ? sim : { simulation: sim, report }) + '\n');
  } else {
    printDiagnostics(name, sim.diagnostics);
    if (sim.request) {
      printLine(`--- the request Mattermost sends to the integration${sim.status === 200 ? '' : ' (it is refused before it leaves)'}:`);
      printRequest(sim.request);
      printLine('---');
    }
    printLine(sim.status === 200 ? `${name}: the click reaches the integration`
      : `${name}: the click fails${sim.error ? `: ${sim.status} ${sim.error.id}: ${sim.error.message}` : ''}`);
    if (report) {
      const rname = o['--response'];
      printDiagnostics(rname, report.diagnostics);
      if (report.ok) {
        const [post, eph] = report.posts;
        printLine(`${rname}: the post's message is now: ${JSON.stringify(post.message)}`);
        const atts = Array.isArray(post.props.attachments) ? post.props.attachments.length : 0;
        printLine(`${rname}: ${atts} attachment(s) remain`);
        if (eph) printLine(`${rname}: only the clicking user sees: ${JSON.stringify(eph.message)}`);
      } else {
        printLine(`${rname}: the user sees ${report.error ? JSON.stringify(report.error.message) : 'nothing'} (${report.status})`);
      }
    }
  }
  return sim.status === 200 && (!report || report.ok) ? 0 : 1;
}
