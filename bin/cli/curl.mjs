// mmhook curl: a copy-paste command that posts the payload file to a webhook URL, byte for byte.
// A body that is already form-encoded (payload=…) is sent as is with the form Content-Type, never wrapped twice.
// Refused (exit 2): a URL the core rejects (control characters, …), and printing a command with control or bidi
// characters to a terminal, which would act on them or hide them (redirect it to a file instead).
import { UsageError, parseArgs, readInput, asBody, contentTypeOption, hasTerminalUnsafe, terminalSafe } from './common.mjs';
import { shells } from '../../dist/mmhook.mjs';

/** The --shell values, as usage shows them (core/include/mmhook/shells.def). */
export const SHELL_CHOICES = shells.map((s) => s.id).join('|');

export const usage = `mmhook curl [FILE|-] --url URL [--shell ${SHELL_CHOICES}] [--form] ` +
  '[--content-type TYPE | --no-content-type]';

const FORM = 'application/x-www-form-urlencoded';

/** True for a body that is already application/x-www-form-urlencoded with a payload field (not JSON). */
export function isFormBody(text) {
  return typeof text === 'string' && !/^[\s\ufeff]*[{["]/.test(text) && /(?:^|&)payload=/.test(text) &&
    /^[\x21-\x7e]*$/.test(text.trimEnd());
}

export async function run(mm, args) {
  const o = parseArgs(args, { '--url': 'value', '--shell': 'value', '--form': 'flag', '--content-type': 'value',
    '--no-content-type': 'flag' });
  if (!o['--url']) throw new UsageError('curl needs --url URL');
  if (o.files.length > 1) throw new UsageError('curl takes one FILE');
  let contentType = contentTypeOption(o, undefined);
  const { bytes, truncated } = await readInput(o.files[0] ?? '-', 64 * 1024 * 1024);
  if (truncated) throw new UsageError('the body is over 64 MiB; a pasted command cannot carry it');
  const body = asBody(bytes);
  let encoding = o['--form'] ? 'form' : 'json';
  if (isFormBody(body)) {
    // Already "payload=%7B…": wrapping it again would send payload=payload%3D…, which the server rejects.
    encoding = 'json';
    if (contentType === undefined) contentType = FORM;
    process.stderr.write('mmhook: the body is already form-encoded (payload=…); it is sent as is with ' +
      `Content-Type: ${terminalSafe(contentType ?? '(none)')}\n`);
  }
  const options = { url: o['--url'], shell: o['--shell'] ?? 'posix', encoding };
  if (contentType !== undefined) options.contentType = contentType;
  let out;
  try {
    out = mm.commandDetails(body, options);
  } catch (e) {
    throw new UsageError(e.message);
  }
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new UsageError(`${errors[0].message} [${errors[0].code}]`);
  for (const d of out.diagnostics) process.stderr.write(terminalSafe(`mmhook: ${d.severity}: ${d.message} [${d.code}]`) + '\n');
  const cmd = out.command.endsWith('\n') ? out.command : out.command + '\n';
  if (process.stdout.isTTY && hasTerminalUnsafe(cmd.replace(/\n/g, ''))) {
    throw new UsageError('the command contains control or bidi characters that a terminal would act on or hide; ' +
      'redirect it to a file (mmhook curl … > send.sh) and read it there');
  }
  process.stdout.write(cmd);
  return 0;
}
