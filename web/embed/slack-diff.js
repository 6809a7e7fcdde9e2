// The "slack-diff" view's data: for each Slack-translated text of a payload (message text, attachment pretext/title/text,
// field values), the original next to what Mattermost stores, split into spans with the translated ones marked.
// Pure functions (no DOM); a token-level Myers diff, then changes joined across short word-only gaps so that a whole
// Slack construct (`<url|label>`, `<!here>`) is marked as one span on each side.

const TOKEN = /[\p{L}\p{N}_]+|\s+|[\s\S]/gu;
const MAX_EDITS = 1500;   // beyond this many token edits the texts are shown as wholly changed

/** a, b: token arrays -> segments [{eq, a0, a1, b0, b1}] covering both arrays in order. Bounded by MAX_EDITS. */
export function diffTokens(a, b) {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const segs = [];
  const push = (eq, a0, a1, b0, b1) => {
    if (a0 === a1 && b0 === b1) return;
    const last = segs[segs.length - 1];
    if (last && last.eq === eq) { last.a1 = a1; last.b1 = b1; return; }
    segs.push({ eq, a0, a1, b0, b1 });
  };
  push(true, 0, pre, 0, pre);
  const mid = myers(a, b, pre, n, m);
  if (mid === null) push(false, pre, pre + n, pre, pre + m);
  else for (const s of mid) push(s.eq, s.a0, s.a1, s.b0, s.b1);
  push(true, a.length - suf, a.length, b.length - suf, b.length);
  return segs;
}

// Myers O(ND) on a[off..off+n) and b[off..off+m); null when more than MAX_EDITS edits are needed.
function myers(a, b, off, n, m) {
  if (n === 0 || m === 0) return [{ eq: false, a0: off, a1: off + n, b0: off, b1: off + m }];
  const max = Math.min(n + m, MAX_EDITS);
  const size = 2 * max + 3;
  const center = max + 1;
  const v = new Int32Array(size);
  const trace = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(center - d - 1, center + d + 2));   // v before step d, k in [-d-1, d+1]
    for (let k = -d; k <= d; k += 2) {
      let x = (k === -d || (k !== d && v[center + k - 1] < v[center + k + 1])) ? v[center + k + 1] : v[center + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[off + x] === b[off + y]) { x++; y++; }
      v[center + k] = x;
      if (x >= n && y >= m) { found = d; break; }
    }
  }
  if (found < 0) return null;
  const ops = [];   // built backwards
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const t = trace[d];   // v before step d: index k maps to t[k + d + 1]
    const at = (k) => t[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    const sx = down ? px : px + 1;   // where the snake after the edit starts
    const sy = sx - k;
    if (x > sx) ops.push({ eq: true, a0: off + sx, a1: off + x, b0: off + sy, b1: off + y });
    ops.push(down ? { eq: false, a0: off + px, a1: off + px, b0: off + py, b1: off + py + 1 }
      : { eq: false, a0: off + px, a1: off + px + 1, b0: off + py, b1: off + py });
    x = px;
    y = py;
  }
  if (x > 0) ops.push({ eq: true, a0: off, a1: off + x, b0: off, b1: off + y });
  return ops.reverse();
}

/** before, after: strings -> {before: [{text, changed}], after: [...], changed: boolean}. */
export function diffText(before, after) {
  const a = before.match(TOKEN) || [];
  const b = after.match(TOKEN) || [];
  let segs = diffTokens(a, b);
  // Slack constructs of the original (`<…>`), as token index ranges: a run inside one of them is part of its mark.
  const construct = new Int32Array(a.length).fill(-1);
  let pos = 0;
  const starts = a.map((t) => { const p = pos; pos += t.length; return p; });
  let ci = 0;
  for (const m of before.matchAll(/<[^<>]*>/g)) {
    const end = m.index + m[0].length;
    for (let i = 0; i < a.length; i++) if (starts[i] >= m.index && starts[i] < end) construct[i] = ci;
    ci++;
  }
  const inOne = (s) => s.a1 > s.a0 && construct[s.a0] >= 0 && construct[s.a0] === construct[s.a1 - 1];
  // Join changes separated by a short run with no whitespace, or by a run inside one construct: one mark per
  // translated construct.
  const joined = [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const prev = joined[joined.length - 1];
    const next = segs[i + 1];
    if (s.eq && prev && !prev.eq && next && !next.eq &&
        (inOne(s) || (s.a1 - s.a0 <= 40 && !a.slice(s.a0, s.a1).some((t) => /^\s/.test(t))))) {
      prev.a1 = s.a1; prev.b1 = s.b1;
      continue;
    }
    if (!s.eq && prev && !prev.eq) { prev.a1 = s.a1; prev.b1 = s.b1; continue; }
    joined.push({ ...s });
  }
  // A joined change may start or end with tokens common to both sides: give them back to the unchanged runs.
  segs = [];
  for (const s of joined) {
    if (!s.eq) {
      let pre = 0;
      while (s.a0 + pre < s.a1 && s.b0 + pre < s.b1 && a[s.a0 + pre] === b[s.b0 + pre]) pre++;
      if (pre) { segs.push({ eq: true, a0: s.a0, a1: s.a0 + pre, b0: s.b0, b1: s.b0 + pre }); s.a0 += pre; s.b0 += pre; }
      let suf = 0;
      while (s.a1 - suf > s.a0 && s.b1 - suf > s.b0 && a[s.a1 - 1 - suf] === b[s.b1 - 1 - suf]) suf++;
      segs.push({ ...s, a1: s.a1 - suf, b1: s.b1 - suf });
      if (suf) segs.push({ eq: true, a0: s.a1 - suf, a1: s.a1, b0: s.b1 - suf, b1: s.b1 });
    } else segs.push(s);
  }
  const spans = (toks, side) => {
    const out = [];
    for (const s of segs) {
      const text = toks.slice(side ? s.b0 : s.a0, side ? s.b1 : s.a1).join('');
      if (text) out.push({ text, changed: !s.eq });
    }
    return out;
  };
  return { before: spans(a, false), after: spans(b, true), changed: segs.some((s) => !s.eq) };
}

/** The payload object of a body (JSON, or a form body's `payload=` field); null when it has none. */
export function payloadObject(body, contentType) {
  const tryJson = (t) => { try { const v = JSON.parse(t); return v && typeof v === 'object' && !Array.isArray(v) ? v : null; } catch { return null; } };
  const direct = tryJson(body);
  if (direct) return direct;
  if (/x-www-form-urlencoded|multipart/i.test(contentType || '') || /^\s*payload=/.test(body)) {
    try { const p = new URLSearchParams(body.trim()).get('payload'); return p === null ? null : tryJson(p); } catch { return null; }
  }
  return null;
}

const fieldText = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * payload: the sent object; report: its Report -> rows [{label, path, before, after, diff}] for every text Mattermost
 * runs the Slack translation on (message, attachment pretext/title/text, field values). [] when the report has no post.
 */
export function slackRows(payload, report) {
  if (!payload || !report || !report.ok || !report.posts || report.posts.length === 0) return [];
  const rows = [];
  const add = (label, path, before, after) => {
    if (before === null) return;
    const aft = after === null || after === undefined ? '' : after;
    rows.push({ label, path, before, after: aft, diff: diffText(before, aft) });
  };
  if (typeof payload.text === 'string') add('text', '/text', payload.text, report.posts.map((p) => p.message).join(''));
  const sent = Array.isArray(payload.attachments) ? payload.attachments : [];
  const holder = report.posts.find((p) => p.props && Array.isArray(p.props.attachments));
  const stored = holder ? holder.props.attachments : [];
  sent.forEach((att, i) => {
    if (!att || typeof att !== 'object') return;
    const st = stored[i] && typeof stored[i] === 'object' ? stored[i] : {};
    for (const key of ['pretext', 'title', 'text']) {
      if (typeof att[key] === 'string') add(`attachments[${i}].${key}`, `/attachments/${i}/${key}`, att[key], fieldText(st[key]));
    }
    const fields = Array.isArray(att.fields) ? att.fields : [];
    const sf = Array.isArray(st.fields) ? st.fields : [];
    fields.forEach((f, j) => {
      if (!f || typeof f !== 'object') return;
      const v = fieldText(f.value);
      const sv = sf.find((x) => x && typeof x === 'object' && x.title === f.title) || sf[j] || {};
      if (v !== null) add(`attachments[${i}].fields[${j}].value`, `/attachments/${i}/fields/${j}/value`, v, fieldText(sv.value));
    });
  });
  return rows;
}
