// mmhook check: one line per diagnostic and a verdict per file (terminal-safe), or the Report as JSON (exact).
import { parseArgs, readInput, readLimit, readSettings, asBody, contentTypeOption, platformOption, printLine, terminalSafe, terminalSafeJson }
  from './common.mjs';

export const usage = 'mmhook check [FILE|-]... [--content-type TYPE | --no-content-type] [--settings FILE.json] [--platform web|mobile] [--json]';

export async function run(mm, args) {
  const o = parseArgs(args, { '--content-type': 'value', '--no-content-type': 'flag', '--settings': 'value', '--json': 'flag',
    '--platform': 'value' });
  const contentType = contentTypeOption(o, 'application/json');
  const platform = platformOption(o);
  const files = o.files.length ? o.files : ['-'];
  const settings = await readSettings(o['--settings']);
  let worst = 0;
  const reports = [];
  for (const f of files) {
    const { bytes, truncated } = await readInput(f, readLimit(settings));
    const report = mm.check(asBody(bytes), { contentType, settings, platform });
    const name = f === '-' ? '<stdin>' : f;
    if (!report.ok) worst = 1;
    if (truncated) process.stderr.write(terminalSafe(`mmhook: ${name}: stopped reading after ${bytes.length} bytes (the analysis cap)`) + '\n');
    if (o['--json']) { reports.push(files.length > 1 ? { file: name, report } : report); continue; }
    for (const d of report.diagnostics) printLine(`${name}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
    const counts = ['error', 'warning', 'info'].map((s) => report.diagnostics.filter((d) => d.severity === s).length);
    const verdict = report.ok ? 'Mattermost would answer 200 ok'
      : `Mattermost would answer ${report.status} ${report.error ? `${report.error.id}: ${report.error.message}` : ''}`;
    printLine(`${name}: ${verdict} (${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos, ${report.posts.length} posts)`);
  }
  if (o['--json']) process.stdout.write(terminalSafeJson(files.length > 1 ? reports : reports[0]) + '\n');
  return worst;
}
