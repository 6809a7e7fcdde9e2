// mmhook rest: the REST API follow-up — the POST /api/v4/posts request a bot sends with its access token for the post a
// webhook payload creates, the command that sends it, and what differs from the webhook. Terminal-safe, or exact JSON.
import { parseArgs, readInput, readSettings, asBody, contentTypeOption, printLine, terminalSafeJson, hasTerminalUnsafe,
  UsageError } from './common.mjs';
import { printDiagnostics, printRequest } from './action.mjs';
import { SHELL_CHOICES } from './curl.mjs';

export const usage = 'mmhook rest FILE|- [--server URL] [--channel-id ID] [--root-id ID] [--token-env NAME] ' +
  `[--shell ${SHELL_CHOICES}] [--post N] [--keep-webhook-props] [--content-type TYPE | --no-content-type] ` +
  '[--settings FILE.json] [--command-only] [--json]';

export async function run(mm, args) {
  const o = parseArgs(args, { '--server': 'value', '--channel-id': 'value', '--root-id': 'value', '--token-env': 'value',
    '--shell': 'value', '--post': 'value', '--keep-webhook-props': 'flag', '--content-type': 'value',
    '--no-content-type': 'flag', '--settings': 'value', '--command-only': 'flag', '--json': 'flag', '--token': 'value' });
  if (o['--token'] !== undefined) {
    // A token on the command line lands in shell history and the process list: the CLI only reads it from the environment.
    throw new UsageError('--token is not accepted: export the token in an environment variable (MM_TOKEN, or --token-env NAME)');
  }
  if (o.files.length > 1) throw new UsageError('rest takes one payload file');
  const postIndex = o['--post'] === undefined ? 0 : Number(o['--post']);
  if (!Number.isInteger(postIndex) || postIndex < 0) throw new UsageError('--post must be a non-negative integer');
  const file = o.files[0] ?? '-';
  const name = file === '-' ? '<stdin>' : file;
  const settings = await readSettings(o['--settings']);
  const { bytes } = await readInput(file);
  const options = { postIndex, contentType: contentTypeOption(o, 'application/json'), settings,
    keepWebhookProps: !!o['--keep-webhook-props'] };
  if (o['--server'] !== undefined) options.serverUrl = o['--server'];
  if (o['--channel-id'] !== undefined) options.channelId = o['--channel-id'];
  if (o['--root-id'] !== undefined) options.rootId = o['--root-id'];
  if (o['--token-env'] !== undefined) options.tokenEnv = o['--token-env'];
  if (o['--shell'] !== undefined) options.shell = o['--shell'];
  let r;
  try { r = mm.restFollowUp(asBody(bytes), options); } catch (e) {
    if (e instanceof TypeError) throw new UsageError(e.message.replace(/^restFollowUp: options\.shell/, '--shell'));
    throw e;
  }
  const ok = r.request !== null && !r.diagnostics.some((d) => d.severity === 'error');
  if (o['--json']) {
    process.stdout.write(terminalSafeJson(r) + '\n');
    return ok ? 0 : 1;
  }
  if (o['--command-only']) {
    printDiagnostics(name, r.diagnostics.filter((d) => d.severity === 'error'));
    if (!r.request) return 1;
    // The command is exact text for a shell: never altered; refused on a terminal when it holds controls.
    if (process.stdout.isTTY && hasTerminalUnsafe(r.command.replace(/\n/g, ''))) {
      throw new UsageError('the command holds control or bidi characters: redirect it to a file');
    }
    process.stdout.write(r.command);
    return ok ? 0 : 1;
  }
  printDiagnostics(name, r.diagnostics);
  if (r.request) {
    printLine('--- the request a bot sends to the REST API:');
    printRequest(r.request);
    printLine(`--- the command (${options.shell ?? 'posix'}):`);
    for (const line of r.command.replace(/\n$/, '').split('\n')) printLine(line);
    printLine('---');
    for (const n of r.notes) printLine(`note: ${n}`);
  }
  printLine(r.request ? `${name}: post ${postIndex} as a REST API request${ok ? '' : ' (the server would refuse it: see the errors)'}`
    : `${name}: no post ${postIndex} to send`);
  return ok ? 0 : 1;
}
