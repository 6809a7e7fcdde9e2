#!/usr/bin/env node
// Extracts seed inputs for every fuzz target from the shared vectors (tests/vectors/*.json) and the page's
// templates (web/templates.js) into OUTDIR/<target>/<sha1>. Run at build time; output is never committed.
// Usage: node tests/fuzz/extract_seeds.mjs OUTDIR [VECTORS_DIR]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = process.argv[2];
const vectorsDir = process.argv[3] || path.resolve(root, 'tests/vectors');
if (!outDir) {
  console.error('usage: extract_seeds.mjs OUTDIR [VECTORS_DIR]');
  process.exit(2);
}

const BOUNDARY = 'mmhookfuzz';   // fuzz_check_multipart.cpp sends this boundary
const MAX_SEED = 64 * 1024;
const seeds = new Map();         // target -> Map(hash -> Buffer)

function add(target, data) {
  if (data === undefined || data === null) return;
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(String(data), 'utf8');
  if (buf.length > MAX_SEED) return;
  const h = createHash('sha1').update(buf).digest('hex');
  if (!seeds.has(target)) seeds.set(target, new Map());
  seeds.get(target).set(h, buf);
}

// {"$repeat": [s, n]} (vector notation) expanded, capped so seeds stay small.
function expand(v) {
  if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.$repeat)) {
    const [s, n] = v.$repeat;
    return String(s).repeat(Math.min(Number(n) || 0, 300));
  }
  if (Array.isArray(v)) return v.map(expand);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
  return v;
}

function multipart(fields) {
  let s = '';
  for (const [k, v] of Object.entries(fields)) {
    s += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  }
  return s + `--${BOUNDARY}--\r\n`;
}

// Every JSON body goes to the json/none targets, and wrapped to the form and multipart ones.
function addJsonBody(body) {
  add('check_json', body);
  add('check_none', body);
  add('check_form', 'payload=' + encodeURIComponent(body));
  add('check_multipart', multipart({ payload: body }));
  add('command', body);
}

function addText(text) {
  if (typeof text !== 'string') return;
  add('markdown', text);
  add('marked', text);
  add('slack', text);
}

function readVectors(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(vectorsDir, name), 'utf8'));
  } catch {
    return [];
  }
}

// validation.json: raw bodies per content type, structured inputs turned into JSON bodies.
for (const c of readVectors('validation.json')) {
  const i = expand(c.input || {});
  const ct = String(i.content_type || '').toLowerCase();
  const body = typeof i.body === 'string' ? i.body : typeof i.raw_body === 'string' ? i.raw_body : null;
  if (body !== null) {
    if (ct.startsWith('multipart/')) {
      const m = /boundary=([^;]+)/i.exec(i.content_type);
      add('check_multipart', m ? body.split(m[1].replace(/^"|"$/g, '')).join(BOUNDARY) : body);
    } else if (ct.includes('x-www-form-urlencoded')) {
      add('check_form', body);
    } else {
      add('check_json', body);
    }
    add('check_none', body);
    continue;
  }
  const obj = {};
  for (const k of ['text', 'message', 'channel', 'priority', 'props', 'icon_url', 'icon_emoji', 'type', 'attachments', 'username']) {
    if (i[k] !== undefined) obj[k === 'message' ? 'text' : k] = i[k];
  }
  if (Object.keys(obj).length) addJsonBody(JSON.stringify(obj));
  addText(i.text ?? i.message);
}

// attachments.json: raw bodies, single attachments/actions/fields wrapped into payloads.
for (const c of readVectors('attachments.json')) {
  const i = expand(c.input || {});
  if (typeof i.raw_body === 'string') addJsonBody(i.raw_body);
  if (i.attachment) addJsonBody(JSON.stringify({ text: 'x', attachments: [i.attachment] }));
  if (i.attachments) addJsonBody(JSON.stringify({ attachments: i.attachments }));
  if (i.action) addJsonBody(JSON.stringify({ attachments: [{ text: 'a', actions: [i.action] }] }));
  if (typeof i.field_json === 'string') addJsonBody(`{"attachments":[{"fields":[${i.field_json}]}]}`);
  if (typeof i.message === 'string') addText(i.message);
}

// markdown.json / emoticons.json: the first string argument.
for (const name of ['markdown.json', 'emoticons.json']) {
  for (const c of readVectors(name)) {
    const args = (c.input && c.input.args) || [];
    if (typeof args[0] === 'string') {
      addText(args[0]);
      if (name === 'markdown.json' && args[0].length < 2000) addJsonBody(JSON.stringify({ text: args[0] }));
    }
  }
}

// webapp_formatting.json: the web app's own renderings (the web dialect's reference texts).
for (const c of readVectors('webapp_formatting.json')) {
  if (c.input && typeof c.input.text === 'string') add('marked', c.input.text);
}

// slack_translation.json: texts and attachment strings.
for (const c of readVectors('slack_translation.json')) {
  const i = expand(c.input || {});
  addText(i.text);
  for (const a of i.attachments || []) {
    for (const k of ['pretext', 'text', 'title']) addText(a[k]);
    addJsonBody(JSON.stringify({ text: i.text || '', attachments: [a] }));
  }
  if (typeof i.text === 'string') addJsonBody(JSON.stringify({ text: i.text }));
}

// splitting.json: small versions of the split cases.
for (const c of readVectors('splitting.json')) {
  const i = expand(c.input || {});
  const atts = (i.attachment_texts || []).map((t) => ({ text: t }));
  addJsonBody(JSON.stringify({ text: i.message || '', attachments: atts.length ? atts : undefined, props: i.other_props }));
}

// The page's templates.
try {
  const { TEMPLATES } = await import(pathToFileURL(path.join(root, 'web/templates.js')).href);
  for (const t of TEMPLATES) {
    const body = typeof t.body === 'function' ? t.body() : t.body;
    if (typeof body !== 'string') continue;
    addJsonBody(body);
    try {
      const obj = JSON.parse(body);
      addText(obj.text);
      for (const a of obj.attachments || []) { addText(a.text); addText(a.pretext); addText(a.title); }
    } catch { /* not JSON: fine */ }
  }
} catch (e) {
  console.error(`extract_seeds: web/templates.js not loaded (${e.message})`);
}

let total = 0;
for (const [target, m] of seeds) {
  const dir = path.join(outDir, target);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [h, buf] of m) fs.writeFileSync(path.join(dir, h), buf);
  total += m.size;
}
fs.writeFileSync(path.join(outDir, '.stamp'), `${total}\n`);
console.log(`extract_seeds: ${total} seeds for ${seeds.size} targets in ${outDir}`);
