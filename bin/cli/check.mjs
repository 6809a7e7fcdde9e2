// mmhook check: one line per diagnostic and a verdict per file, or the Report as JSON.
import { parseArgs, readInput, readSettings, asBody } from './common.mjs';

export const usage = 'mmhook check [FILE|-]... [--content-type TYPE] [--settings FILE.json] [--json]';

export async function run(mm, args) {
  const o = parseArgs(args, { '--content-type': 'value', '--settings': 'value', '--json': 'flag' });
  const files = o.files.length ? o.files : ['-'];
  const settings = await readSettings(o['--settings']);
  let worst = 0;
  const reports = [];
  for (const f of files) {
    const bytes = await readInput(f);
    const report = mm.check(asBody(bytes), { contentType: o['--content-type'] ?? 'application/json', settings });
    const name = f === '-' ? '<stdin>' : f;
    if (!report.ok) worst = 1;
    if (o['--json']) { reports.push(files.length > 1 ? { file: name, report } : report); continue; }
    for (const d of report.diagnostics) {
      process.stdout.write(`${name}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]\n`);
    }
    const counts = ['error', 'warning', 'info'].map((s) => report.diagnostics.filter((d) => d.severity === s).length);
    const verdict = report.ok ? 'Mattermost would answer 200 ok'
      : `Mattermost would answer ${report.status} ${report.error ? `${report.error.id}: ${report.error.message}` : ''}`;
    process.stdout.write(`${name}: ${verdict} (${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos, ${report.posts.length} posts)\n`);
  }
  if (o['--json']) process.stdout.write(JSON.stringify(files.length > 1 ? reports : reports[0], null, 2) + '\n');
  return worst;
}
