// The one DOM helper of the page, its preview frame and the embed: h(tag, attrs, ...children).
// attrs: class, text (textContent), part, on<event> (a listener), anything else an attribute (true = present; false,
// null and undefined = absent). Children: nodes or strings; null and undefined are skipped.
export function h(tag, attrs = {}, ...children) {
  return hIn(document, tag, attrs, ...children);
}

/** h() for the elements of another document (the preview's frame). */
export function hIn(doc, tag, attrs = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}

/** The short form the embed uses: hc('div', 'cls', 'text'). */
export const hc = (tag, cls, text) => h(tag, { class: cls || null, text });

/** "1 post", "2 posts". */
export const plural = (n, word) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
