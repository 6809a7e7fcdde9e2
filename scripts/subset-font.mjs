// A TrueType subsetter for the icon font (compass-icons.ttf): keeps .notdef and the glyphs of the given code points
// (composite parts included), drops layout tables, and wraps the result as WOFF 1.0. Used by build-web.mjs and
// build-embed.mjs so that the page and the embed carry the few icons they draw (~1 KB) instead of the whole set (27 KB).
import zlib from 'node:zlib';

const pad4 = (n) => (n + 3) & ~3;

function tables(font) {
  const out = {};
  const n = font.readUInt16BE(4);
  for (let i = 0; i < n; i++) {
    const o = 12 + 16 * i;
    out[font.toString('latin1', o, o + 4)] = font.subarray(font.readUInt32BE(o + 8), font.readUInt32BE(o + 8) + font.readUInt32BE(o + 12));
  }
  for (const t of ['head', 'hhea', 'hmtx', 'maxp', 'loca', 'glyf', 'cmap', 'post', 'name', 'OS/2']) {
    if (!out[t]) throw new Error(`subset-font: the font has no ${t} table`);
  }
  return out;
}

/** code point -> glyph id for the wanted code points, from the cmap's format 12 (else format 4) Unicode subtable. */
function lookup(cmap, wanted) {
  const subs = [];
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const off = cmap.readUInt32BE(4 + 8 * i + 4);
    subs.push({ platform: cmap.readUInt16BE(4 + 8 * i), format: cmap.readUInt16BE(off), off });
  }
  const map = new Map();
  const s12 = subs.find((s) => s.format === 12 && (s.platform === 3 || s.platform === 0));
  const s4 = subs.find((s) => s.format === 4 && (s.platform === 3 || s.platform === 0));
  for (const cp of wanted) {
    let gid = 0;
    if (s12) {
      const groups = cmap.readUInt32BE(s12.off + 12);
      for (let g = 0; g < groups && !gid; g++) {
        const o = s12.off + 16 + 12 * g;
        const start = cmap.readUInt32BE(o);
        if (cp >= start && cp <= cmap.readUInt32BE(o + 4)) gid = cmap.readUInt32BE(o + 8) + cp - start;
      }
    } else if (s4 && cp <= 0xffff) {
      const segs = cmap.readUInt16BE(s4.off + 6) / 2;
      const end = s4.off + 14;
      const start = end + 2 * segs + 2;
      const delta = start + 2 * segs;
      const range = delta + 2 * segs;
      for (let s = 0; s < segs && !gid; s++) {
        const lo = cmap.readUInt16BE(start + 2 * s);
        if (cp < lo || cp > cmap.readUInt16BE(end + 2 * s)) continue;
        const ro = cmap.readUInt16BE(range + 2 * s);
        const d = cmap.readInt16BE(delta + 2 * s);
        if (!ro) gid = (cp + d) & 0xffff;
        else {
          const g = cmap.readUInt16BE(range + 2 * s + ro + 2 * (cp - lo));
          gid = g ? (g + d) & 0xffff : 0;
        }
      }
    }
    if (!gid) throw new Error(`subset-font: U+${cp.toString(16).toUpperCase()} has no glyph`);
    map.set(cp, gid);
  }
  return map;
}

// Composite glyph flags (OpenType glyf table).
const WORDS = 0x1, SCALE = 0x8, MORE = 0x20, XY_SCALE = 0x40, TWO_BY_TWO = 0x80;

/** Calls fn(offset of the glyph index) for each component of a composite glyph. */
function components(glyph, fn) {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return;
  let o = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(o);
    fn(o + 2);
    o += 4 + (flags & WORDS ? 4 : 2) + (flags & SCALE ? 2 : flags & XY_SCALE ? 4 : flags & TWO_BY_TWO ? 8 : 0);
    if (!(flags & MORE)) break;
  }
}

function checksum(buf) {
  let sum = 0;
  const b = Buffer.concat([buf, Buffer.alloc(pad4(buf.length) - buf.length)]);
  for (let i = 0; i < b.length; i += 4) sum = (sum + b.readUInt32BE(i)) >>> 0;
  return sum;
}

/** The sfnt (TrueType) bytes of `font` keeping only the glyphs of `codepoints`. */
export function subsetTtf(font, codepoints) {
  const t = tables(font);
  const numGlyphs = t.maxp.readUInt16BE(4);
  const longLoca = t.head.readInt16BE(50) === 1;
  const loca = (g) => (longLoca ? t.loca.readUInt32BE(4 * g) : 2 * t.loca.readUInt16BE(2 * g));
  const glyph = (g) => t.glyf.subarray(loca(g), loca(g + 1));
  const cmap = lookup(t.cmap, codepoints);
  const keep = new Set([0, ...cmap.values()]);
  for (const g of [...keep]) components(glyph(g), (o) => keep.add(glyph(g).readUInt16BE(o)));   // one level: icons are flat
  const order = [...keep].sort((a, b) => a - b);
  if (order.some((g) => g >= numGlyphs)) throw new Error('subset-font: glyph id out of range');
  const newId = new Map(order.map((g, i) => [g, i]));
  // glyf + loca (long), composites re-pointed at the new ids.
  const parts = [];
  const offsets = [0];
  for (const g of order) {
    const data = Buffer.from(glyph(g));
    components(data, (o) => data.writeUInt16BE(newId.get(data.readUInt16BE(o)), o));
    parts.push(data, Buffer.alloc(pad4(data.length) - data.length));
    offsets.push(offsets[offsets.length - 1] + pad4(data.length));
  }
  const glyf = Buffer.concat(parts);
  const newLoca = Buffer.alloc(4 * offsets.length);
  offsets.forEach((o, i) => newLoca.writeUInt32BE(o, 4 * i));
  // hmtx: every glyph with its own advance.
  const numH = t.hhea.readUInt16BE(34);
  const hmtx = Buffer.alloc(4 * order.length);
  order.forEach((g, i) => {
    const adv = t.hmtx.readUInt16BE(4 * Math.min(g, numH - 1));
    const lsb = g < numH ? t.hmtx.readInt16BE(4 * g + 2) : t.hmtx.readInt16BE(4 * numH + 2 * (g - numH));
    hmtx.writeUInt16BE(adv, 4 * i);
    hmtx.writeInt16BE(lsb, 4 * i + 2);
  });
  const head = Buffer.from(t.head);
  head.writeUInt32BE(0, 8);
  head.writeInt16BE(1, 50);
  const hhea = Buffer.from(t.hhea);
  hhea.writeUInt16BE(order.length, 34);
  const maxp = Buffer.from(t.maxp);
  maxp.writeUInt16BE(order.length, 4);
  const post = Buffer.from(t.post.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);
  // cmap: (3,1) format 4 with only its closing segment, (3,10) format 12 with one group per code point.
  const cps = [...cmap.keys()].sort((a, b) => a - b);
  const f4 = Buffer.from([0, 4, 0, 24, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 0, 1, 0, 0]);
  const f12 = Buffer.alloc(16 + 12 * cps.length);
  f12.writeUInt16BE(12, 0);
  f12.writeUInt32BE(f12.length, 4);
  f12.writeUInt32BE(cps.length, 12);
  cps.forEach((cp, i) => { f12.writeUInt32BE(cp, 16 + 12 * i); f12.writeUInt32BE(cp, 20 + 12 * i); f12.writeUInt32BE(newId.get(cmap.get(cp)), 24 + 12 * i); });
  const cmapHead = Buffer.alloc(4 + 16);
  cmapHead.writeUInt16BE(2, 2);
  cmapHead.writeUInt16BE(3, 4); cmapHead.writeUInt16BE(1, 6); cmapHead.writeUInt32BE(20, 8);
  cmapHead.writeUInt16BE(3, 12); cmapHead.writeUInt16BE(10, 14); cmapHead.writeUInt32BE(20 + f4.length, 16);
  const out = { 'OS/2': t['OS/2'], cmap: Buffer.concat([cmapHead, f4, f12]), glyf, head, hhea, hmtx, loca: newLoca, maxp, name: t.name, post };
  const tags = Object.keys(out).sort();
  const dirLen = 12 + 16 * tags.length;
  const sfnt = Buffer.alloc(dirLen + tags.reduce((n, k) => n + pad4(out[k].length), 0));
  sfnt.writeUInt32BE(0x00010000, 0);
  sfnt.writeUInt16BE(tags.length, 4);
  const p2 = 2 ** Math.floor(Math.log2(tags.length));
  sfnt.writeUInt16BE(16 * p2, 6);
  sfnt.writeUInt16BE(Math.log2(p2), 8);
  sfnt.writeUInt16BE(16 * tags.length - 16 * p2, 10);
  let at = dirLen;
  tags.forEach((tag, i) => {
    const o = 12 + 16 * i;
    sfnt.write(tag, o, 4, 'latin1');
    sfnt.writeUInt32BE(checksum(out[tag]), o + 4);
    sfnt.writeUInt32BE(at, o + 8);
    sfnt.writeUInt32BE(out[tag].length, o + 12);
    out[tag].copy(sfnt, at);
    at += pad4(out[tag].length);
  });
  const headAt = sfnt.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  sfnt.writeUInt32BE((0xb1b0afba - checksum(sfnt)) >>> 0, headAt + 8);
  return sfnt;
}

/** sfnt bytes -> WOFF 1.0 (each table zlib-compressed when that is smaller). */
export function toWoff(sfnt) {
  const n = sfnt.readUInt16BE(4);
  const entries = [];
  for (let i = 0; i < n; i++) {
    const o = 12 + 16 * i;
    const data = sfnt.subarray(sfnt.readUInt32BE(o + 8), sfnt.readUInt32BE(o + 8) + sfnt.readUInt32BE(o + 12));
    const z = zlib.deflateSync(data, { level: 9 });
    entries.push({ tag: sfnt.subarray(o, o + 4), sum: sfnt.readUInt32BE(o + 4), orig: data.length, data: z.length < data.length ? z : data });
  }
  const header = Buffer.alloc(44 + 20 * n);
  let at = header.length;
  const body = [];
  entries.forEach((e, i) => {
    const o = 44 + 20 * i;
    e.tag.copy(header, o);
    header.writeUInt32BE(at, o + 4);
    header.writeUInt32BE(e.data.length, o + 8);
    header.writeUInt32BE(e.orig, o + 12);
    header.writeUInt32BE(e.sum, o + 16);
    body.push(e.data, Buffer.alloc(pad4(e.data.length) - e.data.length));
    at += pad4(e.data.length);
  });
  header.write('wOFF', 0, 4, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(at, 8);
  header.writeUInt16BE(n, 12);
  header.writeUInt32BE(sfnt.length, 16);
  header.writeUInt16BE(1, 20);
  return Buffer.concat([header, ...body]);
}

/**
 * The compass icons the page and the embed draw: `icon-NAME` classes named in web/ sources and `content: "\fXXXX"`
 * escapes in its stylesheets. Returns {woff (the subset font), classes: [[name, hex]], hexes}.
 */
export async function compassSubset(root) {
  const { readFile, readdir } = await import('node:fs/promises');
  const path = await import('node:path');
  const pkg = path.join(root, 'node_modules/@mattermost/compass-icons');
  const table = new Map();
  const codes = await readFile(path.join(pkg, 'css/compass-icons-codes.css'), 'utf8');
  for (const m of codes.matchAll(/\.icon-([\w-]+):before\s*\{\s*content:\s*'([^']*)';\s*\}/g)) {
    const hex = m[2].startsWith('\\') ? m[2].slice(1) : m[2].codePointAt(0)?.toString(16);
    if (hex && /^[0-9a-f]+$/i.test(hex)) table.set(m[1], hex.toLowerCase());
  }
  const glyphs = new Set(table.values());
  const files = (await readdir(path.join(root, 'web'), { recursive: true })).filter((f) => /\.(?:js|css)$/.test(f));
  const classes = new Map();
  const hexes = new Set();
  for (const f of files) {
    const text = await readFile(path.join(root, 'web', f), 'utf8');
    for (const m of text.matchAll(/\bicon-([a-z0-9-]+)/g)) if (table.has(m[1])) classes.set(m[1], table.get(m[1]));
    if (f.endsWith('.css')) for (const m of text.matchAll(/"\\(f[0-9a-f]{4})"/gi)) if (glyphs.has(m[1].toLowerCase())) hexes.add(m[1].toLowerCase());
  }
  for (const hex of classes.values()) hexes.add(hex);
  const sorted = [...hexes].sort();
  const ttf = await readFile(path.join(pkg, 'font/compass-icons.ttf'));
  return { woff: toWoff(subsetTtf(ttf, sorted.map((h) => parseInt(h, 16)))), classes: [...classes].sort(), hexes: sorted };
}
