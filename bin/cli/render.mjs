// mmhook render: a standalone HTML preview drawn like the page's preview frame (same CSS: dist/preview.css, both
// themes), with the verdict and the diagnostics. --out never follows a symlink, never replaces the input, and replaces
// an existing file only with --force; --out - (or no --out) writes to standard output.
import { constants, fstatSync } from 'node:fs';
import { lstat, open, readFile } from 'node:fs/promises';
import {
  UsageError, parseArgs, readInput, readLimit, readSettings, asBody, escapeHtml, contentTypeOption, platformOption, terminalSafe,
} from './common.mjs';

export const usage = 'mmhook render [FILE|-] [--out FILE.html|-] [--force] [--theme light|dark] ' +
  '[--content-type TYPE | --no-content-type] [--settings FILE.json] [--platform web|mobile]';

async function previewCss() {
  try { return await readFile(new URL('../../dist/preview.css', import.meta.url), 'utf8'); } catch { return ''; }
}

function postsHtml(posts) {
  const n = posts.length;
  return posts.map((p, i) => {
    const split = n < 2 ? '' : `<div class="mmp-split" role="separator" aria-label="Split ${i + 1} of ${n}"><span>${
      i === 0 ? `Split into ${n} posts — part 1 of ${n}` : `Part ${i + 1} of ${n} — a separate post`}</span></div>`;
    return `${split}<div class="mmp-post" role="listitem" data-index="${i}">${p.html}</div>`;
  }).join('\n');
}

/** The whole file: the page's preview frame (channel header, post list), then the verdict and the diagnostics. */
export function renderDocument(report, theme, css, platform = 'web') {
  const verdict = report.ok ? 'Mattermost would answer 200 ok' : `Mattermost would answer ${report.status}: ${report.error?.message ?? ''}`;
  const channel = report.posts[0] ? report.posts[0].channel : 'town-square';
  const items = report.diagnostics.map((d) =>
    `<li class="diagnostic--${d.severity}">${escapeHtml(`${d.line}:${d.column} ${d.severity}: ${d.message} [${d.code}]`)}</li>`).join('');
  const report_css = '.mmhook-report{padding:8px 20px 16px;border-top:1px solid rgba(var(--center-fg),.12)}' +
    '.mmhook-report ul{margin:4px 0;padding-left:20px}.diagnostic--error{color:var(--error)}' +
    'html[data-platform="mobile"] .mmp-app{max-width:390px}';
  return `<!doctype html>
<html lang="en" data-theme="${theme}" data-platform="${platform === 'mobile' ? 'mobile' : 'web'}" style="color-scheme:${theme}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src http: https: data:">
<meta name="referrer" content="no-referrer">
<title>mmhook preview</title><style>${css.replace(/<\/style/gi, '<\\/style')}</style><style>${report_css}</style></head>
<body class="mmhook-render theme-${theme}"><div class="mmp-app">
<header class="mmp-channel-header"><span class="mmp-channel-header__name">${escapeHtml(channel.replace(/^#/, ''))}</span></header>
<div class="mmp-channel-body"><div class="mmp-post-list" role="list" aria-label="Posts as Mattermost shows them">
${postsHtml(report.posts)}
</div></div>
<section class="mmhook-report"><p class="verdict">${escapeHtml(verdict)}</p>
<ul class="diagnostics">${items}</ul></section>
</div></body></html>\n`;
}

const sameFile = (a, b) => !!(a && b && a.dev === b.dev && a.ino === b.ino);

/** Writes `text` to `out`: not through a symlink, not over the input, not over an existing file unless `force`. */
async function writeOut(out, text, input, force) {
  let existing = null;
  try { existing = await lstat(out); } catch (e) { if (e.code !== 'ENOENT') throw new UsageError(`cannot write ${out}: ${e.code}`); }
  if (existing) {
    if (existing.isSymbolicLink()) throw new UsageError(`${out} is a symbolic link; mmhook does not write through links`);
    if (sameFile(existing, input)) throw new UsageError(`${out} is the input file; choose another --out`);
    if (!existing.isFile()) throw new UsageError(`${out} is not a regular file`);
    if (!force) throw new UsageError(`${out} exists; add --force to replace it`);
  }
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (existing ? constants.O_TRUNC : constants.O_EXCL);
  let handle;
  try {
    handle = await open(out, flags, 0o644);
    const st = await handle.stat();
    if (sameFile(st, input)) throw new UsageError(`${out} is the input file; choose another --out`);
    await handle.writeFile(text);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write ${out}: ${e.code === 'ELOOP' ? 'it is a symbolic link' : e.code || e.message}`);
  } finally {
    await handle?.close();
  }
}

export async function run(mm, args) {
  const o = parseArgs(args, { '--out': 'value', '--force': 'flag', '--theme': 'value', '--content-type': 'value',
    '--no-content-type': 'flag', '--settings': 'value', '--platform': 'value' });
  if (o.files.length > 1) throw new UsageError('render takes one FILE');
  const theme = o['--theme'] ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme must be light or dark, not ${theme}`);
  const contentType = contentTypeOption(o, 'application/json');
  const platform = platformOption(o);
  const settings = await readSettings(o['--settings']);
  const file = o.files[0] ?? '-';
  const { bytes, stat } = await readInput(file, readLimit(settings));
  const input = stat ?? stdinStat();
  const report = mm.check(asBody(bytes), { contentType, settings, platform });
  const html = renderDocument(report, theme, await previewCss(), platform);
  const out = o['--out'];
  if (out === undefined || out === '-') process.stdout.write(process.stdout.isTTY ? html.split('\n').map(terminalSafe).join('\n') : html);
  else await writeOut(out, html, input, !!o['--force']);
  return report.ok ? 0 : 1;
}

function stdinStat() {
  try { return fstatSync(0); } catch { return null; }
}
