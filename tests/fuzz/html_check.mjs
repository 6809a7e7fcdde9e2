// The strict HTML checker of tests/fuzz/html_check.h, in JS: the same grammar over the same allow-list data
// (tests/fuzz/html_policy.json, the one source both read).
// htmlViolation(html, {extraSchemes, structure}) returns '' when the HTML passes, otherwise what is wrong and where.
import { readFileSync } from 'node:fs';

const policy = JSON.parse(readFileSync(new URL('./html_policy.json', import.meta.url), 'utf8'));
const set = (key) => new Set(policy[key]);
const pairs = (key) => new Map(policy[key].map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
const TAGS = set('tags');
const VOID = set('void_tags');
const BLOCK = set('block_tags');
const PLAIN_ATTRS = set('plain_attributes');
const CSS_PROPS = set('css_properties');
const CSS_WORDS = set('css_keywords');
const CSS_UNITS = set('css_units');
const HREF_SCHEMES = set('href_schemes');
const SRC_SCHEMES = set('src_schemes');
const NEVER_SCHEMES = set('never_schemes');
const ENTITIES = pairs('named_entities');
const TYPES = pairs('type_values');
const REQUIRED = policy.required_attributes.map((p) => p.split('='));

// Reads an entity at s[i] === '&'; returns [decoded, next index] or null.
function readEntity(s, i) {
  const semi = s.indexOf(';', i);
  if (semi < 0 || semi - i > 10) return null;
  const e = s.slice(i + 1, semi);
  if (ENTITIES.has(e)) return [ENTITIES.get(e), semi + 1];
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
    const num = /^[0-9.]+(.*)$/.exec(value);
    if (num && CSS_UNITS.has(num[1])) continue;
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
      if (policy.ref_attributes.includes(attr)) {
        if (!/^[0-9]+:[0-9]+$/.test(value)) return at(`${attr} value is not <digits>:<digits>`, attrAt);
        continue;
      }
      if (policy.attribute_prefixes.some((p) => attr.startsWith(p) && attr.length > p.length) || PLAIN_ATTRS.has(attr)) continue;
      if (attr === 'href' || attr === 'src') {
        if (!policy[`${attr}_elements`].includes(name)) return at(`${attr} on <${name}>`, attrAt);
        const { scheme, bad } = browserScheme(value);
        if (bad) return at('control character in URL', attrAt);
        if (!scheme) continue;
        let ok = (attr === 'src' ? SRC_SCHEMES : HREF_SCHEMES).has(scheme);
        if (!ok && attr === 'href' && !NEVER_SCHEMES.has(scheme) && extra.has(scheme)) ok = true;
        if (!ok) return at(`URL scheme '${scheme}:' in ${attr}`, attrAt);
        continue;
      }
      if (attr === 'style') { if (!cssOk(value)) return at(`style outside the CSS allow-list: ${value}`, attrAt); continue; }
      if (attr === 'target') { if (!policy.target_values.includes(value)) return at(`target=${value}`, attrAt); continue; }
      if (attr === 'rel') {
        for (const t of value.split(' ')) if (t && !policy.rel_tokens.includes(t)) return at(`rel token ${t}`, attrAt);
        continue;
      }
      if (attr === 'type') {
        if (TYPES.get(name) !== value) return at(`type=${value} on <${name}>`, attrAt);
        continue;
      }
      if (policy.boolean_attributes.includes(attr)) continue;
      if (attr === 'value') { if (!policy.value_elements.includes(name)) return at(`value on <${name}>`, attrAt); continue; }
      if (policy.numeric_attributes.includes(attr)) {
        if (!/^[0-9]{1,12}$/.test(value) && !policy.numeric_keywords.includes(value)) return at(`${attr} is not a number: ${value}`, attrAt);
        continue;
      }
      return at(`attribute ${attr} outside the allow-list on <${name}>`, attrAt);
    }
    for (const [el, req] of REQUIRED) if (el === name && !seen.has(req)) return at(`<${name}> without ${req}`, tagAt);
    if (structure && !VOID.has(name)) {
      if (name === 'a' && stack.includes('a')) return at('<a> inside <a>', tagAt);
      if (BLOCK.has(name) && stack[stack.length - 1] === 'p') return at(`<${name}> inside <p>`, tagAt);
      stack.push(name);
    }
  }
  if (structure && stack.length) return at(`unclosed <${stack[stack.length - 1]}>`, html.length);
  return '';
}
