#!/usr/bin/env node
// mmhook CLI (spec/api.md): check | render | curl. Exit 0 = accepted, 1 = rejected, 2 = usage or I/O error.
// Never prints a stack trace for a bad file or flag: one line on stderr and exit code 2.
import { readFile, writeFile } from 'node:fs/promises';
import { createMmhook } from '../dist/mmhook.mjs';
import { SERVE_USAGE } from './cli/serve.mjs';

const USAGE = `usage:
  mmhook check [FILE|-]... [--content-type TYPE] [--settings FILE.json] [--json]
  mmhook render [FILE|-] [--out FILE.html] [--theme light|dark] [--content-type TYPE] [--settings FILE.json]
  mmhook curl [FILE|-] --url URL [--shell posix|powershell|cmd] [--form]
${SERVE_USAGE}
  mmhook --version | --help`;

class UsageError extends Error {}

function parseArgs(argv, spec) {
  const out = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) { out.files.push(a); continue; }
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option ${name}`);
    if (kind === 'flag') { out[name] = true; continue; }
    const v = inline !== undefined ? inline : argv[++i];
    if (v === undefined) throw new UsageError(`option ${name} needs a value`);
    out[name] = v;
  }
  return out;
}

async function readInput(file) {
  try {
    if (file === '-' || file === undefined) {
      const chunks = [];
      for await (const c of process.stdin) chunks.push(c);
      return new Uint8Array(Buffer.concat(chunks));
    }
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new UsageError(`cannot read ${file === '-' || file === undefined ? 'standard input' : file}: ${e.code || e.message}`);
  }
}

async function readSettings(file) {
  if (!file) return undefined;
  let text;
  try { text = await readFile(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read settings ${file}: ${e.code || e.message}`); }
  try {
    const s = JSON.parse(text);
    if (!s || typeof s !== 'object' || Array.isArray(s)) throw new Error('not an object');
    return s;
  } catch (e) {
    throw new UsageError(`settings ${file} is not a JSON object: ${e.message}`);
  }
}

function decodeText(bytes) { return new TextDecoder().decode(bytes); }
// Valid UTF-8 is checked as a string (positions in characters, as editors count); anything else byte for byte.
function asBody(bytes) {
  try { return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes); } catch { return bytes; }
}

async function cmdCheck(mm, args) {
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

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

async function cmdRender(mm, args) {
  const o = parseArgs(args, { '--out': 'value', '--theme': 'value', '--content-type': 'value', '--settings': 'value' });
  if (o.files.length > 1) throw new UsageError('render takes one FILE');
  const theme = o['--theme'] ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme must be light or dark, not ${theme}`);
  const bytes = await readInput(o.files[0] ?? '-');
  const report = mm.check(asBody(bytes), { contentType: o['--content-type'] ?? 'application/json', settings: await readSettings(o['--settings']) });
  let css = '';
  try { css = await readFile(new URL('../dist/web/style.css', import.meta.url), 'utf8'); } catch { /* page not built: plain */ }
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

async function cmdCurl(mm, args) {
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

async function main(argv) {
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
  if (cmd === 'serve') return (await import('./cli/serve.mjs')).default(rest);
  const mm = await createMmhook();
  if (cmd === '--version') {
    process.stdout.write(`mmhook ${mm.version.mmhook} (cmark-gfm ${mm.version.cmarkGfm}, simdjson ${mm.version.simdjson})\n`);
    return 0;
  }
  if (cmd === 'check') return cmdCheck(mm, rest);
  if (cmd === 'render') return cmdRender(mm, rest);
  if (cmd === 'curl') return cmdCurl(mm, rest);
  throw new UsageError(cmd === undefined ? 'missing command' : `unknown command ${cmd}`);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  if (e instanceof UsageError) process.stderr.write(`mmhook: ${e.message} (mmhook --help for usage)\n`);
  else process.stderr.write(`mmhook: ${e && e.message ? e.message : e}\n`);
  process.exitCode = 2;
});
