// mmhook render: a standalone HTML preview of the posts, the verdict and the diagnostics.
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError, parseArgs, readInput, readSettings, asBody, escapeHtml } from './common.mjs';

export const usage = 'mmhook render [FILE|-] [--out FILE.html] [--theme light|dark] [--content-type TYPE] [--settings FILE.json]';

export async function run(mm, args) {
  const o = parseArgs(args, { '--out': 'value', '--theme': 'value', '--content-type': 'value', '--settings': 'value' });
  if (o.files.length > 1) throw new UsageError('render takes one FILE');
  const theme = o['--theme'] ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme must be light or dark, not ${theme}`);
  const bytes = await readInput(o.files[0] ?? '-');
  const report = mm.check(asBody(bytes), { contentType: o['--content-type'] ?? 'application/json', settings: await readSettings(o['--settings']) });
  let css = '';
  try { css = await readFile(new URL('../../dist/web/style.css', import.meta.url), 'utf8'); } catch { /* page not built: plain */ }
  const verdict = report.ok ? 'Mattermost would answer 200 ok' : `Mattermost would answer ${report.status}: ${report.error?.message ?? ''}`;
  const html = `<!doctype html>
<html lang="en" data-theme="${theme}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:">
<title>mmhook preview</title><style>${css}</style></head>
<body class="mmhook-render theme-${theme}"><p class="verdict">${escapeHtml(verdict)}</p>
<div class="preview">${report.posts.map((p) => p.html).join('\n')}</div>
<ul class="diagnostics">${report.diagnostics.map((d) => `<li class="diagnostic--${d.severity}">${escapeHtml(`${d.line}:${d.column} ${d.severity}: ${d.message} [${d.code}]`)}</li>`).join('')}</ul>
</body></html>\n`;
  if (o['--out']) {
    try { await writeFile(o['--out'], html); } catch (e) { throw new UsageError(`cannot write ${o['--out']}: ${e.code || e.message}`); }
  } else {
    process.stdout.write(html);
  }
  return report.ok ? 0 : 1;
}
