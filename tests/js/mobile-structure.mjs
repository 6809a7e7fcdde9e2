// Block structure of a text as the mobile app parses it (@mattermost/commonmark) and as mmhook's HTML draws it,
// both as one compact string: "p ul(li(p) li(p)) table(tr(c c) tr(c c)) code hr bq(p) h2 html".
import { Parser } from '@mattermost/commonmark';

const BLOCKS = {
  paragraph: 'p', block_quote: 'bq', list: null, item: 'li', code_block: 'code', html_block: 'html',
  thematic_break: 'hr', heading: null, table: 'table', table_row: 'tr', table_cell: 'c', document: 'doc',
};

function cmName(node) {
  if (node.type === 'list') return node.listType === 'ordered' ? 'ol' : 'ul';
  if (node.type === 'heading') return `h${node.level}`;
  return BLOCKS[node.type];
}

function cmTree(node) {
  const name = cmName(node);
  const kids = [];
  if (name !== 'code' && name !== 'html' && name !== 'hr' && name !== 'c') {
    for (let c = node.firstChild; c; c = c.next) {
      if (BLOCKS[c.type] !== undefined) kids.push(cmTree(c));
    }
  }
  return kids.length ? `${name}(${kids.join(' ')})` : name;
}

/** The mobile app's block structure of `text`. */
export function mobileStructure(text) {
  const doc = new Parser().parse(text);
  const s = cmTree(doc);
  return s === 'doc' ? '' : s.slice(4, -1);
}

const VOID = new Set(['img', 'input', 'br', 'hr', 'wbr']);

/** A minimal tree of mmhook's own HTML (tags only; text is escaped there so `<` always starts a tag). */
export function parseHtml(html) {
  const root = { tag: '#root', attrs: {}, children: [] };
  const stack = [root];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g;
  let m;
  while ((m = re.exec(html))) {
    const [, close, tagRaw, attrText] = m;
    const tag = tagRaw.toLowerCase();
    if (close) {
      for (let i = stack.length - 1; i > 0; i--) {
        if (stack[i].tag === tag) { stack.length = i; break; }
      }
      continue;
    }
    const attrs = {};
    for (const a of attrText.matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)) attrs[a[1]] = a[2] ?? '';
    const el = { tag, attrs, children: [] };
    stack[stack.length - 1].children.push(el);
    if (!VOID.has(tag)) stack.push(el);
  }
  return root;
}

export function findByRole(node, role, out = []) {
  if (node.attrs && node.attrs['data-role'] === role) out.push(node);
  for (const c of node.children) findByRole(c, role, out);
  return out;
}

const hasClass = (el, c) => (el.attrs.class || '').split(/\s+/).includes(c);

function htmlNodes(el, parentTag) {
  const t = el.tag;
  let name = null;
  let leaf = false;
  if (t === 'p') { name = hasClass(el, 'mm-raw-html') ? 'html' : 'p'; leaf = name === 'html'; }
  else if (t === 'span' && parentTag === 'li' && Object.keys(el.attrs).length === 0) name = 'p';
  else if (t === 'div' && hasClass(el, 'markdown-inline-img__container')) name = 'p';
  else if (/^h[1-6]$/.test(t)) name = t;
  else if (t === 'ul' || t === 'ol' || t === 'li' || t === 'table' || t === 'tr') name = t;
  else if (t === 'blockquote') name = 'bq';
  else if (t === 'div' && (hasClass(el, 'post-code') || hasClass(el, 'post-body__latex'))) { name = 'code'; leaf = true; }
  else if (t === 'th' || t === 'td') { name = 'c'; leaf = true; }
  else if (t === 'hr') { name = 'hr'; leaf = true; }
  const kids = leaf ? [] : el.children.flatMap((c) => htmlNodes(c, name ? t : parentTag));
  if (!name) return kids;
  return [kids.length ? `${name}(${kids.join(' ')})` : name];
}

/** The block structure of a rendered container (e.g. the element with data-role="message"). */
export function htmlStructure(container) {
  return container.children.flatMap((c) => htmlNodes(c, container.tag)).join(' ');
}
