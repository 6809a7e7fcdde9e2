// mmhook curl: a copy-paste command that posts the payload to a webhook URL.
import { UsageError, parseArgs, readInput, decodeText } from './common.mjs';

export const usage = 'mmhook curl [FILE|-] --url URL [--shell posix|powershell|cmd] [--form]';

export async function run(mm, args) {
  const o = parseArgs(args, { '--url': 'value', '--shell': 'value', '--form': 'flag' });
  if (!o['--url']) throw new UsageError('curl needs --url URL');
  if (o.files.length > 1) throw new UsageError('curl takes one FILE');
  const bytes = await readInput(o.files[0] ?? '-');
  const body = decodeText(bytes);
  let cmd;
  try {
    cmd = mm.command(body, { url: o['--url'], shell: o['--shell'] ?? 'posix', encoding: o['--form'] ? 'form' : 'json' });
  } catch (e) {
    throw new UsageError(e.message);
  }
  process.stdout.write(cmd.endsWith('\n') ? cmd : cmd + '\n');
  return 0;
}
