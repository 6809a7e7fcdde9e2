// scripts/subset-font.mjs: the icon subset keeps exactly the glyphs asked for, byte for byte, behind a valid sfnt and
// WOFF wrapper (Chromium's checks: tests/browser/lazy.test.mjs and embed.test.mjs load and draw with it).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './helpers.mjs';
import { subsetTtf, toWoff, compassSubset } from '../../scripts/subset-font.mjs';

const TTF = path.join(root, 'node_modules/@mattermost/compass-icons/font/compass-icons.ttf');

function tables(font) {
  const out = {};
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const o = 12 + 16 * i;
    out[font.toString('latin1', o, o + 4)] = { sum: font.readUInt32BE(o + 4), data: font.subarray(font.readUInt32BE(o + 8), font.readUInt32BE(o + 8) + font.readUInt32BE(o + 12)) };
  }
  return out;
}

/** glyph outline bytes of code point cp (format 12 cmap, as compass-icons has). */
function outline(font, cp) {
  const t = tables(font);
  const cmap = t.cmap.data;
  let gid = 0;
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const off = cmap.readUInt32BE(8 + 8 * i);
    if (cmap.readUInt16BE(off) !== 12) continue;
    for (let g = 0; g < cmap.readUInt32BE(off + 12); g++) {
      const o = off + 16 + 12 * g;
      if (cp >= cmap.readUInt32BE(o) && cp <= cmap.readUInt32BE(o + 4)) gid = cmap.readUInt32BE(o + 8) + cp - cmap.readUInt32BE(o);
    }
  }
  const long = t.head.data.readInt16BE(50) === 1;
  const loca = (g) => (long ? t.loca.data.readUInt32BE(4 * g) : 2 * t.loca.data.readUInt16BE(2 * g));
  return { gid, bytes: t.glyf.data.subarray(loca(gid), loca(gid + 1)) };   // (the subset pads each glyph to 4 bytes)
}

test('subsetTtf keeps .notdef and the asked glyphs, outlines unchanged, checksums valid', () => {
  const ttf = fs.readFileSync(TTF);
  const cps = [0xf0013, 0xf05d6, 0xf0156];
  const sub = subsetTtf(ttf, cps);
  const t = tables(sub);
  assert.equal(t.maxp.data.readUInt16BE(4), 4);
  assert.equal(t.hhea.data.readUInt16BE(34), 4);
  for (const cp of cps) {
    const a = outline(ttf, cp);
    const b = outline(sub, cp);
    assert.ok(a.gid > 0 && b.gid > 0 && b.gid < 4, `U+${cp.toString(16)}`);
    assert.deepEqual(b.bytes.subarray(0, a.bytes.length), a.bytes, `U+${cp.toString(16)} outline`);
  }
  assert.equal(outline(sub, 0xf0001).gid, 0, 'a code point not asked for maps to nothing');
  for (const [tag, { sum, data }] of Object.entries(t)) {
    if (tag === 'head') continue;
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    let s = 0;
    for (let i = 0; i < padded.length; i += 4) s = (s + padded.readUInt32BE(i)) >>> 0;
    assert.equal(s, sum, `${tag} checksum`);
  }
  assert.throws(() => subsetTtf(ttf, [0x41]), /U\+41 has no glyph/);
});

test('toWoff: a WOFF 1.0 whose tables inflate back to the sfnt', () => {
  const sfnt = subsetTtf(fs.readFileSync(TTF), [0xf0013]);
  const woff = toWoff(sfnt);
  assert.equal(woff.toString('latin1', 0, 4), 'wOFF');
  assert.equal(woff.readUInt32BE(8), woff.length);
  assert.equal(woff.readUInt32BE(16), sfnt.length);
  const orig = tables(sfnt);
  for (let i = 0; i < woff.readUInt16BE(12); i++) {
    const o = 44 + 20 * i;
    const tag = woff.toString('latin1', o, o + 4);
    const comp = woff.subarray(woff.readUInt32BE(o + 4), woff.readUInt32BE(o + 4) + woff.readUInt32BE(o + 8));
    const data = woff.readUInt32BE(o + 8) < woff.readUInt32BE(o + 12) ? zlib.inflateSync(comp) : comp;
    assert.deepEqual(data, orig[tag].data, tag);
  }
});

test('compassSubset: the icons web/ names, a few KB instead of the whole font', async () => {
  const { woff, classes, hexes } = await compassSubset(root);
  assert.ok(classes.some(([name]) => name === 'alert-circle-outline'), JSON.stringify(classes));
  assert.ok(hexes.includes('f0013'), 'the avatar placeholder (web/preview.css)');
  assert.ok(woff.length < 4000, `${woff.length} bytes`);
});
