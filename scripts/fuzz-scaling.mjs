#!/usr/bin/env node
// Time-linearity check of check() on pathological inputs (cmark-gfm's known patterns and Mattermost-specific ones).
// Each pattern is measured at 1x, 2x and 4x its base size; a growth ratio above 2.2 per doubling is flagged.
// Not a unit test (timings are never asserted in npm test): run it by hand and read the table.
// Usage: node scripts/fuzz-scaling.mjs [--native] [--base BYTES] [--only NAME] [--runs N]
//   default: the wasm library in dist/;  --native: build/native-f-rel (Release) and its mmhook_fuzz_time tool.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const native = args.includes('--native');
const base = Number(opt('--base', 64 * 1024));
const only = opt('--only', null);
const runs = Number(opt('--runs', 3));
const LIMIT = 2.2;

const big = { maximumPayloadSizeBytes: 64 * 1024 * 1024 };
const rep = (s, bytes) => s.repeat(Math.max(1, Math.floor(bytes / s.length)));
const text = (t) => JSON.stringify({ text: t });

// name -> (bytes) => body (JSON). Every body is about `bytes` long.
const PATTERNS = {
  'plain text': (n) => text(rep('lorem ipsum dolor ', n)),
  'HTML-escaped chars': (n) => text(rep('a<b>&"\' ', n)),
  'paragraphs': (n) => text(rep('word word word\n\n', n)),
  'mentions/emoji/hashtags': (n) => text(rep('@user :smile: #hashtag ~town-square :) ', n)),
  'bare URLs': (n) => text(rep('see https://example.com/a_b?c=d. and www.example.org ', n)),
  'nested blockquotes': (n) => text('>'.repeat(n) + ' x'),
  'nested list markers': (n) => text('- '.repeat(n / 2) + 'x'),
  'indented list staircase': (n) => { const k = Math.floor(Math.sqrt(n)); return text(Array.from({ length: k }, (_, i) => ' '.repeat(i) + '- x').join('\n')); },
  'emphasis openers': (n) => text('*'.repeat(n / 2) + 'x' + '_'.repeat(n / 2)),
  'alternating emphasis': (n) => text(rep('*a_', n)),
  'link openers': (n) => text('['.repeat(n) + 'x'),
  'link closers': (n) => text(rep('[a](', n)),
  'image openers': (n) => text(rep('![', n)),
  'backtick runs': (n) => text(rep('`a``b```c', n)),
  'entity-like': (n) => text(rep('&#x1; &amp &', n)),
  'table rows': (n) => text('|a|b|c|\n|-|-|-|\n' + rep('|1|2|3|\n', n)),
  'wide table': (n) => text('|' + 'h|'.repeat(n / 4) + '\n|' + '-|'.repeat(n / 4) + '\n'),
  'slack link openers (message)': (n) => text(rep('<a|', n)),
  'slack link openers (attachment)': (n) => JSON.stringify({ attachments: [{ text: rep('<a|', n) }] }),
  'many attachments': (n) => JSON.stringify({ attachments: Array.from({ length: Math.floor(n / 14) }, () => ({ text: 'a' })) }),
  'many fields': (n) => JSON.stringify({ attachments: [{ fields: Array.from({ length: Math.floor(n / 36) }, () => ({ title: 't', value: 'v', short: true })) }] }),
  'many diagnostics': (n) => JSON.stringify({ text: 'x', attachments: Array.from({ length: Math.floor(n / 40) }, () => ({ color: 'nope', title_link: 'ftp:x' })) }),
  'long key': (n) => '{"' + 'k'.repeat(n) + '":1,"text":"x"}',
  'many unknown keys': (n) => '{' + Array.from({ length: Math.floor(n / 12) }, (_, i) => `"k${i}":1`).join(',') + ',"text":"x"}',
  'many escapes in a string': (n) => '{"text":"' + rep('\\u00e9\\n\\"', n) + '"}',
  'split-heavy (tiny max post size)': (n) => text(rep('x', n)),
};
const SETTINGS = { 'split-heavy (tiny max post size)': { ...big, maxPostSize: 100 } };

function fmt(s) { return s < 1e-3 ? `${(s * 1e6).toFixed(0)}µs` : s < 1 ? `${(s * 1e3).toFixed(1)}ms` : `${s.toFixed(2)}s`; }

async function timerWasm() {
  const { createMmhook } = await import(pathToFileURL(path.join(root, 'dist/mmhook.mjs')).href);
  const m = await createMmhook();
  return (name, body) => {
    const settings = SETTINGS[name] || big;
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      m.check(body, { contentType: 'application/json', settings });
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    return best;
  };
}

function timerNative() {
  const dir = path.join(root, 'build/native-f-rel');
  if (!fs.existsSync(path.join(dir, 'build.ninja'))) {
    execFileSync('cmake', ['-S', root, '-B', dir, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release', '-DMMHOOK_SANITIZE=OFF',
      '-DMMHOOK_TESTS=OFF', `-DCMAKE_PROJECT_INCLUDE=${path.join(root, 'tests/fuzz/defer.cmake')}`], { stdio: 'inherit' });
  }
  execFileSync('cmake', ['--build', dir, '--target', 'mmhook_fuzz_time'], { stdio: 'inherit' });
  const tool = [path.join(dir, 'mmhook_fuzz_time'), path.join(dir, 'tests/fuzz/mmhook_fuzz_time')].find((p) => fs.existsSync(p));
  const tmp = path.join(dir, 'scaling');
  fs.mkdirSync(tmp, { recursive: true });
  return (name, body) => {
    const f = path.join(tmp, 'body.json');
    fs.writeFileSync(f, body);
    const out = execFileSync(tool, ['--runs', String(runs), '--settings', JSON.stringify(SETTINGS[name] || big), f], { encoding: 'utf8' });
    return Number(out.trim().split('\t')[2]);
  };
}

const time = native ? timerNative() : await timerWasm();
console.log(`check() scaling, ${native ? 'native Release' : 'wasm (dist/)'}, base ${base} bytes, best of ${runs}; flag: ratio > ${LIMIT}`);
console.log(['pattern', '1x', '2x', '4x', '2x/1x', '4x/2x', ''].join('\t'));
let flagged = 0;
for (const [name, make] of Object.entries(PATTERNS)) {
  if (only && !name.includes(only)) continue;
  const t = [1, 2, 4].map((k) => time(name, make(base * k)));
  const r1 = t[1] / t[0], r2 = t[2] / t[1];
  // Ratios of sub-millisecond timings are noise; flag only when the 4x run takes long enough to matter.
  const bad = t[2] > 0.005 && (r1 > LIMIT || r2 > LIMIT) && r2 > 1.5;
  if (bad) flagged++;
  console.log([name, fmt(t[0]), fmt(t[1]), fmt(t[2]), r1.toFixed(2), r2.toFixed(2), bad ? 'NONLINEAR?' : ''].join('\t'));
}
console.log(`${flagged} pattern(s) flagged`);
