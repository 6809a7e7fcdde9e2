#!/usr/bin/env node
// Output equivalence for performance work: runs check() on every body derivable from tests/vectors, tests/golden, the
// bench corpus (and the fuzz seeds of a native build, when present), web and mobile, and writes one line per case:
// name, sha256 of the result. Two such files from before and after a change must be identical (--compare).
// Usage: node scripts/bench/outputs.mjs --out FILE [--dist DIR | --native BENCH_BIN] [--seeds DIR]
//        node scripts/bench/outputs.mjs --compare A B
// --dist (default dist/): the JS API's Report objects; --native: the core's report_to_json() via mmhook_bench_native --dump.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus, PATHOLOGICAL, MARKED_PATTERNS, root } from './corpus.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const sha = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);

if (args.includes('--compare')) {
  const [a, b] = [opt('--compare'), args[args.indexOf('--compare') + 2]].map((f) => fs.readFileSync(f, 'utf8').trim().split('\n'));
  const diff = a.filter((line, i) => line !== b[i]);
  console.log(`${a.length} / ${b.length} cases, ${diff.length} differ${diff.length ? ':\n' + diff.slice(0, 20).join('\n') : ''}`);
  process.exit(diff.length || a.length !== b.length ? 1 : 0);
}

// {name, body, contentType (null = none), settings, query}
function cases() {
  const out = [];
  const add = (name, body, extra = {}) => out.push({ name, body, contentType: 'application/json', settings: null, query: '', ...extra });
  const text = (name, t) => add(name, JSON.stringify({ text: t }));
  const expand = (v) => (v && typeof v === 'object' && Array.isArray(v.$repeat) ? String(v.$repeat[0]).repeat(v.$repeat[1]) : v);
  const vdir = path.join(root, 'tests/vectors');
  for (const f of fs.readdirSync(vdir).filter((x) => x.endsWith('.json')).sort()) {
    const list = JSON.parse(fs.readFileSync(path.join(vdir, f), 'utf8'));
    list.forEach((c, i) => {
      const n = `${f}#${i}`;
      const inp = c.input || {};
      for (const k of ['body', 'raw_body']) {
        if (typeof inp[k] === 'string') {
          add(`${n}.${k}`, inp[k], { contentType: typeof inp.content_type === 'string' ? inp.content_type : 'application/json', query: typeof inp.query === 'string' ? inp.query : '' });
        }
      }
      for (const k of ['text', 'message']) if (typeof expand(inp[k]) === 'string') text(`${n}.${k}`, expand(inp[k]));
      if (Array.isArray(inp.args) && typeof inp.args[0] === 'string') text(`${n}.arg`, inp.args[0]);
      if (inp.attachment && typeof inp.attachment === 'object') add(`${n}.attachment`, JSON.stringify({ attachments: [inp.attachment] }));
      if (Array.isArray(inp.attachments)) add(`${n}.attachments`, JSON.stringify({ text: 'x', attachments: inp.attachments }));
      if (Array.isArray(inp.attachment_texts)) add(`${n}.split`, JSON.stringify({ text: expand(inp.message) ?? '', attachments: inp.attachment_texts.map((t) => ({ text: expand(t) })) }));
    });
  }
  const gdir = path.join(root, 'tests/golden');
  for (const f of fs.readdirSync(gdir).filter((x) => x.endsWith('.json')).sort()) add(`golden/${f}`, fs.readFileSync(path.join(gdir, f), 'utf8'));
  for (const c of corpus()) add(`corpus/${c.name}`, c.body, { settings: c.settings });
  const big = { maximumPayloadSizeBytes: 64_000_000, maxPostSize: 20_000_000 };
  for (const [k, gen] of Object.entries({ ...PATHOLOGICAL, ...MARKED_PATTERNS })) add(`pattern/${k}`, gen(4000), { settings: big });
  text('mentions', Array.from({ length: 40 }, (_, i) => `call **bold** @user${i} :smile: <!channel> #tag${i} ~town-square`).join('\n'));
  const seeds = opt('--seeds', path.join(root, 'build/native-release/fuzz-seeds'));
  const kinds = { check_json: 'application/json', check_form: 'application/x-www-form-urlencoded', check_none: null };
  for (const [dir, ct] of Object.entries(kinds)) {
    const d = path.join(seeds, dir);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) add(`seed/${dir}/${f}`, fs.readFileSync(path.join(d, f)), { contentType: ct });
  }
  for (const dir of ['markdown', 'marked']) {
    const d = path.join(seeds, dir);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) text(`seed/${dir}/${f}`, fs.readFileSync(path.join(d, f), 'utf8'));
  }
  // Every case in both dialects.
  return out.flatMap((c) => [{ ...c, platform: 'web' }, { ...c, name: `${c.name}@mobile`, platform: 'mobile' }]);
}

const all = cases();
const lines = [];
if (opt('--native')) {
  const chunks = [];
  for (const c of all) {
    const parts = [c.contentType ?? '', c.settings ? JSON.stringify(c.settings) : '', c.platform, c.body].map((s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s));
    chunks.push(Buffer.from(`${c.contentType === null ? -1 : parts[0].length} ${parts[1].length} ${parts[2].length} ${parts[3].length}\n`), ...parts);
  }
  const file = path.join(os.tmpdir(), `mmhook-outputs-${process.pid}.bin`);
  fs.writeFileSync(file, Buffer.concat(chunks));
  const r = spawnSync(opt('--native'), ['--dump', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  fs.unlinkSync(file);
  if (r.status !== 0) throw new Error(`native dump failed (${r.status}): ${r.stderr}`);
  const outs = r.stdout.split('\n');
  all.forEach((c, i) => lines.push(`${c.name}\t${sha(outs[i])}`));
} else {
  const dist = path.resolve(opt('--dist', path.join(root, 'dist')));
  const { createMmhook } = await import(pathToFileURL(path.join(dist, 'mmhook.mjs')).href);
  const mm = await createMmhook();
  for (const c of all) {
    const rep = mm.check(c.body, { contentType: c.contentType, settings: c.settings ?? undefined, query: c.query, platform: c.platform });
    lines.push(`${c.name}\t${sha(JSON.stringify(rep))}`);
  }
}
fs.writeFileSync(opt('--out', '/dev/stdout'), lines.join('\n') + '\n');
console.error(`outputs: ${lines.length} cases, digest ${sha(lines.join('\n'))}`);
