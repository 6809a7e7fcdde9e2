// Incremental preview updates. A keystroke changes a few characters of a post's HTML; replacing the post's DOM would
// re-parse, restyle, re-lay out and repaint all of it (tens of ms for a 20 KB message). Instead:
//  - diffPost() compares the old and new HTML strings element by element and finds the runs of sibling nodes that
//    changed (a tag scanner over the core's serializer output; anything unusual returns null and the caller
//    falls back to a full parse), so only those runs are parsed;
//  - morphRange()/morphChildren() patch the live nodes to match freshly parsed ones, touching only the text nodes and
//    attributes that differ, so style and layout stay incremental.

// ---- morphing ------------------------------------------------------------------------------------------------------

/** Makes the attributes of element `a` equal to those of `b`. */
function morphAttributes(a, b) {
  const na = a.attributes;
  const nb = b.attributes;
  for (let k = na.length - 1; k >= 0; k--) {
    const at = na[k];
    if (at.namespaceURI ? !b.hasAttributeNS(at.namespaceURI, at.localName) : !b.hasAttribute(at.name)) a.removeAttributeNode(at);
  }
  for (let k = 0; k < nb.length; k++) {
    const at = nb[k];
    if (at.namespaceURI) {
      if (a.getAttributeNS(at.namespaceURI, at.localName) !== at.value) a.setAttributeNS(at.namespaceURI, at.name, at.value);
    } else if (a.getAttribute(at.name) !== at.value) a.setAttribute(at.name, at.value);
  }
}

/** Makes node `a` (live) equal to node `b` (detached, same type and name); b's children may be moved into a. */
function morphNode(a, b) {
  if (a.nodeType === 1) {
    morphAttributes(a, b);
    morphChildren(a, b);
  } else if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
}

/**
 * Replaces the live sibling run `olds` (children of `parent`, in order, followed by `anchor` or at the end) with the
 * detached nodes `news`, reusing live nodes where the node type and name match.
 */
export function morphRange(parent, olds, news, anchor) {
  let i = 0;
  for (let j = 0; j < news.length; j++) {
    const b = news[j];
    const a = olds[i];
    if (a === undefined) { parent.insertBefore(b, anchor); continue; }
    // A removed node (the next old one equals this new one) or an inserted one (this old one equals the next new one).
    if (i + 1 < olds.length && olds[i + 1].isEqualNode(b) && !(j + 1 < news.length && a.isEqualNode(news[j + 1]))) {
      a.remove();
      i += 2;
      continue;
    }
    if (j + 1 < news.length && a.isEqualNode(news[j + 1])) { parent.insertBefore(b, a); continue; }
    if (a.nodeType === b.nodeType && a.nodeName === b.nodeName) morphNode(a, b); else parent.replaceChild(b, a);
    i++;
  }
  for (; i < olds.length; i++) olds[i].remove();
}

/** Makes the children of `cur` (live) equal to the children of `next` (detached); next's children are consumed. */
export function morphChildren(cur, next) {
  if (!cur.firstChild) { cur.append(...next.childNodes); return; }
  const olds = cur.childNodes;
  const news = next.childNodes;
  const no = olds.length;
  const nn = news.length;
  // The common head and tail are skipped whole (isEqualNode is a native deep compare); only the middle is patched.
  let s = 0;
  while (s < no && s < nn && olds[s].isEqualNode(news[s])) s++;
  if (s === no && s === nn) return;
  let eo = no;
  let en = nn;
  while (eo > s && en > s && olds[eo - 1].isEqualNode(news[en - 1])) { eo--; en--; }
  const anchor = eo < no ? olds[eo] : null;
  morphRange(cur, Array.prototype.slice.call(olds, s, eo), Array.prototype.slice.call(news, s, en), anchor);
}

// ---- scanning the core's HTML -------------------------------------------------------------------------------------

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen']);
// Elements whose content the parser does not tokenize as ordinary markup, or that change the parser's mode: never
// scanned, the caller re-parses the whole post.
const BAIL = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext',
  'svg', 'math', 'template', 'select', 'option', 'optgroup', 'frameset', 'head', 'body', 'html', 'listing']);
// Never an element whose children are patched in place (their content is rewritten after parsing, e.g. highlighting).
const NO_PATCH = new Set(['pre', 'code', 'time', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'caption']);

const OPEN = 1;
const CLOSE = 2;
const LEAF = 3;

const isNameChar = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;

/** The tag starting at h[i] === '<': {kind, name, end} or null when it is anything the scanner does not model. */
function tagAt(h, i) {
  const c = h.charCodeAt(i + 1);
  if (c === 47) { // </name>
    const e = h.indexOf('>', i + 2);
    return e < 0 ? null : { kind: CLOSE, name: h.slice(i + 2, e).toLowerCase(), end: e + 1 };
  }
  if (c === 33) { // <!-- comment -->
    if (!h.startsWith('<!--', i)) return null;
    const e = h.indexOf('-->', i + 4);
    return e < 0 ? null : { kind: LEAF, name: '#comment', end: e + 3 };
  }
  let j = i + 1;
  const n = h.length;
  while (j < n && isNameChar(h.charCodeAt(j))) j++;
  if (j === i + 1) return null;
  const name = h.slice(i + 1, j).toLowerCase();
  if (BAIL.has(name)) return null;
  // The tag ends at the first '>' outside quoted attribute values.
  for (;;) {
    const gt = h.indexOf('>', j);
    if (gt < 0) return null;
    let q = -1;
    for (let k = j; k < gt; k++) {
      const d = h.charCodeAt(k);
      if (d === 34 || d === 39) { q = k; break; }
      if (d === 60) return null; // '<' inside a tag
    }
    if (q < 0) { j = gt; break; }
    const close = h.indexOf(h[q], q + 1);
    if (close < 0) return null;
    j = close + 1;
  }
  if (VOID.has(name)) return { kind: LEAF, name, end: j + 1 };
  if (h.charCodeAt(j - 1) === 47) return null; // <div/> is not self-closing in HTML
  return { kind: OPEN, name, end: j + 1 };
}

/**
 * The node tree of an HTML string as the parser will build it from the core's serializer output: the root's
 * {kids: [{name, start, end, cs, kids}]} (text runs are named '#text'; cs: where an element's content starts), or
 * null when the markup is anything the scanner does not model.
 */
export function scanTree(h) {
  const root = { name: '#root', start: 0, end: h.length, cs: 0, kids: [] };
  const stack = [root];
  let top = root;
  let i = 0;
  const n = h.length;
  for (;;) {
    const lt = h.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) top.kids.push({ name: '#text', start: i, end: textEnd, cs: -1, kids: null });
    if (lt < 0) return stack.length === 1 ? root : null;
    const t = tagAt(h, lt);
    if (!t) return null;
    if (t.kind === CLOSE) {
      if (t.name !== top.name || stack.length === 1) return null;
      top.end = t.end;
      stack.pop();
      top = stack[stack.length - 1];
    } else if (t.kind === OPEN) {
      const el = { name: t.name, start: lt, end: -1, cs: t.end, kids: [] };
      top.kids.push(el);
      stack.push(el);
      top = el;
    } else top.kids.push({ name: t.name, start: lt, end: t.end, cs: -1, kids: null });
    i = t.end;
  }
}

const liveName = (node) => (node.nodeType === 1 ? node.localName : node.nodeName);

/**
 * Compares the children of `live` (built from prev, scanned as node x) with those of node y of next; pushes to `ops`
 * the runs of live children to replace and the HTML to parse for them. false: the change cannot be placed.
 */
function diffChildren(live, prev, next, x, y, ops, depth) {
  const a = x.kids;
  const b = y.kids;
  const kids = live.childNodes;
  if (kids.length !== a.length || depth > 48) return false;
  for (let k = 0; k < a.length; k++) if (liveName(kids[k]) !== a[k].name) return false;
  const same = (u, v) => u.end - u.start === v.end - v.start && prev.slice(u.start, u.end) === next.slice(v.start, v.end);
  let s = 0;
  while (s < a.length && s < b.length && same(a[s], b[s])) s++;
  if (s === a.length && s === b.length) return true;
  let e = 0;
  while (e < a.length - s && e < b.length - s && same(a[a.length - 1 - e], b[b.length - 1 - e])) e++;
  const na = a.length - e;
  const nb = b.length - e;
  if (na !== nb) {
    // Children added or removed: the whole changed run is re-parsed (and morphed onto the old one).
    ops.push({ parent: live, olds: Array.prototype.slice.call(kids, s, na), anchor: kids[na] || null,
      html: nb > s ? next.slice(b[s].start, b[nb - 1].end) : '', names: b.slice(s, nb).map((v) => v.name) });
    return true;
  }
  let run = -1; // first index of the pending run of children to re-parse
  const flush = (k) => {
    if (run < 0) return;
    ops.push({ parent: live, olds: Array.prototype.slice.call(kids, run, k), anchor: kids[k] || null,
      html: next.slice(b[run].start, b[k - 1].end), names: b.slice(run, k).map((v) => v.name) });
    run = -1;
  };
  for (let k = s; k < na; k++) {
    const u = a[k];
    const v = b[k];
    if (same(u, v)) { flush(k); continue; }
    // The same element with a change inside: descend (its start tag, attributes included, must be identical).
    if (u.kids && v.kids && u.name === v.name && !NO_PATCH.has(u.name) &&
        u.cs - u.start === v.cs - v.start && prev.slice(u.start, u.cs) === next.slice(v.start, v.cs)) {
      flush(k);
      if (!diffChildren(kids[k], prev, next, u, v, ops, depth + 1)) return false;
      continue;
    }
    if (run < 0) run = k;
  }
  flush(na);
  return true;
}

/**
 * How to turn the live children of `root` (built from the HTML `prev`, scanned as `prevTree`) into those of `next`
 * (scanned as `nextTree`): a list of {parent, olds, anchor, html, names} -- replace the live nodes `olds` (children of
 * `parent`, followed by `anchor`) with the parse of `html`, which must yield nodes named `names`. null when the change
 * cannot be placed safely; the caller then rebuilds the post from its whole HTML.
 */
export function diffPost(root, prev, prevTree, next, nextTree) {
  if (!prevTree || !nextTree) return null;
  const ops = [];
  return diffChildren(root, prev, next, prevTree, nextTree, ops, 0) ? ops : null;
}
