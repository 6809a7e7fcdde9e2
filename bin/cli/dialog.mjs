// mmhook dialog: an interactive-dialog open request as Mattermost v11.6 checks it, the submission its url receives,
// and (--response) what the dialog does with the integration's answer. Terminal-safe lines, or exact JSON (--json).
import { readFile } from 'node:fs/promises';
import { parseArgs, readInput, printLine, terminalSafeJson, UsageError } from './common.mjs';
import { readContext, printDiagnostics, printRequest, nowOption } from './action.mjs';

export const usage = 'mmhook dialog FILE|- [--values FILE.json] [--response FILE] [--look apps|legacy] [--now MILLIS|now|off] ' +
  '[--context FILE.json] [--json]';

export async function run(mm, args) {
  const o = parseArgs(args, { '--values': 'value', '--response': 'value', '--now': 'value', '--context': 'value', '--json': 'flag',
    '--look': 'value' });
  if (o.files.length > 1) throw new UsageError('dialog takes one open-request file');
  const file = o.files[0] ?? '-';
  const name = file === '-' ? '<stdin>' : file;
  const { bytes } = await readInput(file);
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { throw new UsageError(`${name} is not UTF-8 text`); }
  const options = { context: await readContext(o['--context']) };
  if (o['--values'] !== undefined) {
    let v;
    try { v = JSON.parse(await readFile(o['--values'], 'utf8')); } catch (e) { throw new UsageError(`cannot read values ${o['--values']}: ${e.code || e.message}`); }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`values ${o['--values']} is not a JSON object`);
    options.values = v;
  }
  if (o['--response'] !== undefined) {
    try { options.response = await readFile(o['--response'], 'utf8'); } catch (e) { throw new UsageError(`cannot read response ${o['--response']}: ${e.code || e.message}`); }
  }
  // The trigger_id's 30 s lifetime is checked against now unless --now off.
  const now = nowOption(o['--now'], true);
  if (now !== undefined) options.nowMillis = now;
  if (o['--look'] !== undefined) {
    if (o['--look'] !== 'apps' && o['--look'] !== 'legacy') throw new UsageError('--look must be apps or legacy');
    options.look = o['--look'];
  }
  const d = mm.checkDialog(text, options);
  if (o['--json']) {
    process.stdout.write(terminalSafeJson(d) + '\n');
    return d.ok ? 0 : 1;
  }
  printDiagnostics(name, d.diagnostics);
  if (!d.ok) {
    printLine(`${name}: Mattermost would answer ${d.status}${d.error ? ` ${d.error.id}: ${d.error.message}` : ''}`);
    return 1;
  }
  printLine(`${name}: Mattermost would answer 200 and open the dialog`);
  if (d.submission) {
    printLine(`--- on Submit${options.look === 'legacy' ? ' (legacy dialog)' : ''}, the dialog url receives:`);
    printRequest(d.submission);
    printLine('---');
  } else {
    printLine(`${name}: Submit is blocked or cannot reach the url (see the errors above)`);
  }
  if (d.outcome) printLine(`${name}: after the answer, the dialog ${d.outcome}`);
  return 0;
}
