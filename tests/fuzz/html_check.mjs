// The strict HTML checker of tests/fuzz/html_check.h, in JS (same rules; keep the two in step).
// htmlViolation(html, {extraSchemes, structure}) returns '' when the HTML passes, otherwise what is wrong and where.

// Exactly what core/src/render/render.cpp, markdown.cpp and text_format.cpp write.
const TAGS = new Set(['a', 'p', 'div', 'span', 'code', 'pre', 'em', 'strong', 'del', 'br', 'hr', 'blockquote', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'input', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'button',
  'time', 'aside', 'select', 'option']);
const VOID = new Set(['br', 'hr', 'img', 'input', 'col', 'wbr']);
const BLOCK = new Set(['div', 'p', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'ol', 'ul', 'li',
  'table', 'figure', 'header', 'footer', 'section', 'aside']);
const PLAIN_ATTRS = new Set(['class', 'title', 'alt', 'role', 'tabindex', 'colspan', 'rowspan', 'datetime', 'dir', 'lang']);
const CSS_PROPS = new Set(['border-left-color', 'border-color', 'background-color', 'color', 'text-align', 'width',
  'height', 'max-width', 'max-height', 'border-left', 'border-left-width']);
const CSS_WORDS = new Set(['left', 'center', 'right', 'transparent', 'inherit', 'auto', 'initial']);
const HREF_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'mattermost']);
const NEVER_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'file', 'blob', 'filesystem']);

// Reads an entity at s[i] === '&'; returns [decoded, next index] or null.
function readEntity(s, i) {
  const semi = s.indexOf(';', i);
  if (semi < 0 || semi - i > 10) return null;
  const e = s.slice(i + 1, semi);
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  if (Object.prototype.hasOwnProperty.call(named, e)) return [named[e], semi + 1];
  const m = /^#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,7}))$/.exec(e);
  if (!m) return null;
  const cp = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2], 16);
  if (cp === 0 || cp > 0x10ffff) return null;
  return [String.fromCodePoint(cp), semi + 1];
}

// The scheme a browser would see ('' = relative); `bad` when control characters remain.
function browserScheme(url) {
  const u = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const bad = /[\u0000-\u001f\u007f]/.test(u);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(u);
  return { scheme: m ? m[1].toLowerCase() : '', bad };
}

function cssOk(css) {
  for (const raw of css.split(';')) {
    const decl = raw.trim();
    if (!decl) continue;
    const colon = decl.indexOf(':');
    if (colon < 0) return false;
    const prop = decl.slice(0, colon).trim();
    const value = decl.slice(colon + 1).trim();
    if (!CSS_PROPS.has(prop)) return false;
    if (/^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(value)) continue;
    if (CSS_WORDS.has(value)) continue;
    if (/^[0-9.]+(?:px|%|em)?$/.test(value)) continue;
    return false;
  }
  return true;
}

export function htmlViolation(html, { extraSchemes = [], structure = true } = {}) {
  const at = (what, off) => `${what} at ${off}: ...${html.slice(Math.max(0, off - 40), off + 80)}...`;
  const extra = new Set(extraSchemes.map((s) => s.toLowerCase()));
  const stack = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '\u0000') return at('NUL in output', i);
    if (c === '&') {
      const e = readEntity(html, i);
      if (!e) return at('malformed or unknown entity in text', i);
      i = e[1];
      continue;
    }
    if (c === '>') {
      if (structure) return at("raw '>' in text", i);
      i++;
      continue;
    }
    if (c !== '<') { i++; continue; }
    const tagAt = i++;
    const closing = html[i] === '/';
    if (closing) i++;
    const nm = /^[a-z][a-z0-9]*/.exec(html.slice(i, i + 32));
    if (!nm) return at("'<' that does not start a lower-case tag", tagAt);
    const name = nm[0];
    i += name.length;
    if (!TAGS.has(name)) return at(`tag <${name}> outside the allow-list`, tagAt);
    if (closing) {
      if (html[i] !== '>') return at('malformed end tag', tagAt);
      i++;
      if (VOID.has(name)) return at('end tag of a void element', tagAt);
      if (structure) {
        if (stack[stack.length - 1] !== name) return at(`end tag </${name}> does not match the open element`, tagAt);
        stack.pop();
      }
      continue;
    }
    const seen = new Set();
    for (;;) {
      if (i >= html.length) return at('unterminated tag', tagAt);
      if (html[i] === '>') { i++; break; }
      if (html[i] !== ' ') return at(`unexpected character inside <${name}>`, i);
      i++;
      const an = /^[a-z][a-z0-9-]*/.exec(html.slice(i, i + 64));
      if (!an) return at(`malformed attribute name in <${name}>`, i);
      const attr = an[0];
      const attrAt = i;
      i += attr.length;
      if (seen.has(attr)) return at(`duplicate attribute ${attr}`, attrAt);
      seen.add(attr);
      let value = '';
      if (html[i] === '=') {
        i++;
        if (html[i] !== '"') return at('attribute value not double-quoted', i);
        i++;
        for (;;) {
          if (i >= html.length) return at('unterminated attribute value', attrAt);
          const v = html[i];
          if (v === '"') { i++; break; }
          if (v === '<') return at("raw '<' in attribute value", i);
          if (v === '\u0000') return at('NUL in attribute value', i);
          if (v === '&') {
            const e = readEntity(html, i);
            if (!e) return at('malformed or unknown entity in attribute', i);
            value += e[0];
            i = e[1];
            continue;
          }
          value += v;
          i++;
        }
      }
      if (attr.startsWith('on')) return at(`event-handler attribute ${attr}`, attrAt);
      if (/^(data|aria)-./.test(attr) || PLAIN_ATTRS.has(attr)) continue;
      if (attr === 'href' || attr === 'src') {
        if ((attr === 'href') !== (name === 'a')) return at(`${attr} on <${name}>`, attrAt);
        const { scheme, bad } = browserScheme(value);
        if (bad) return at('control character in URL', attrAt);
        if (!scheme) continue;
        let ok = attr === 'src' ? scheme === 'http' || scheme === 'https' : HREF_SCHEMES.has(scheme);
        if (!ok && attr === 'href' && !NEVER_SCHEMES.has(scheme) && extra.has(scheme)) ok = true;
        if (!ok) return at(`URL scheme '${scheme}:' in ${attr}`, attrAt);
        continue;
      }
      if (attr === 'style') { if (!cssOk(value)) return at(`style outside the CSS allow-list: ${value}`, attrAt); continue; }
      if (attr === 'target') { if (value !== '_blank') return at(`target=${value}`, attrAt); continue; }
      if (attr === 'rel') {
        for (const t of value.split(' ')) if (t && !['noreferrer', 'noopener', 'nofollow'].includes(t)) return at(`rel token ${t}`, attrAt);
        continue;
      }
      if (attr === 'type') {
        if (!((name === 'input' && value === 'checkbox') || (name === 'button' && value === 'button'))) return at(`type=${value} on <${name}>`, attrAt);
        continue;
      }
      if (['disabled', 'checked', 'readonly', 'hidden'].includes(attr)) continue;
      if (attr === 'value') { if (name !== 'option') return at(`value on <${name}>`, attrAt); continue; }
      if (['width', 'height', 'start'].includes(attr)) {
        if (!/^[0-9]{1,12}$/.test(value) && value !== 'auto') return at(`${attr} is not a number: ${value}`, attrAt);
        continue;
      }
      return at(`attribute ${attr} outside the allow-list on <${name}>`, attrAt);
    }
    if (name === 'input' && (!seen.has('type') || !seen.has('disabled'))) return at('<input> must be a disabled checkbox', tagAt);
    if (structure && !VOID.has(name)) {
      if (name === 'a' && stack.includes('a')) return at('<a> inside <a>', tagAt);
      if (BLOCK.has(name) && stack[stack.length - 1] === 'p') return at(`<${name}> inside <p>`, tagAt);
      stack.push(name);
    }
  }
  if (structure && stack.length) return at(`unclosed <${stack[stack.length - 1]}>`, html.length);
  return '';
}
