// The payload editor: CodeMirror 6 with JSON language, lint markers from Report.diagnostics, folding, bracket
// matching, search, undo, and completion of payload keys and enum values from the published JSON Schema.
import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, dropCursor, rectangularSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, isolateHistory } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { foldGutter, foldKeymap, bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle } from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics, lintKeymap, forEachDiagnostic } from '@codemirror/lint';
import { tags as t } from '@lezer/highlight';
import SCHEMA from './incoming-webhook.schema.json';
import editorCss from './editor.css';

const highlight = HighlightStyle.define([
  { tag: t.propertyName, color: 'var(--cm-key)' },
  { tag: t.string, color: 'var(--cm-string)' },
  { tag: t.number, color: 'var(--cm-number)' },
  { tag: [t.bool, t.null], color: 'var(--cm-atom)' },
  { tag: [t.brace, t.squareBracket, t.separator, t.punctuation], color: 'var(--cm-punct)' },
]);

// ---- schema-driven completion ---------------------------------------------------------------------------------

function deref(node) {
  let n = node;
  for (let guard = 0; n && n.$ref && guard < 8; guard++) n = n.$ref.split('/').slice(1).reduce((o, k) => o && o[k], SCHEMA);
  return n || null;
}

function schemaAt(path) {
  let node = deref(SCHEMA);
  for (const seg of path) {
    if (!node) return null;
    if (seg === '[]') node = deref(node.items);
    else {
      const props = node.properties || {};
      const hit = Object.keys(props).find((k) => k.toLowerCase() === String(seg).toLowerCase());
      node = hit ? deref(props[hit]) : null;
    }
  }
  return node;
}

/** Where `pos` is in a (possibly broken) JSON text: the key path, whether a key or a value goes there, and the string span. */
export function jsonContextAt(text, pos) {
  const stack = [];
  let i = 0;
  const top = () => stack[stack.length - 1];
  const valueDone = () => { const s = top(); if (s) s.state = 'comma'; };
  while (i < pos) {
    const c = text.charCodeAt(i);
    if (c === 34) { // "
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34 && text.charCodeAt(j) !== 10) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= pos) return finish(stack, { from: i, to: j < text.length && text.charCodeAt(j) === 34 ? j + 1 : j, inString: true });
      const s = top();
      if (s && s.kind === 'o' && s.state === 'key') {
        let key = text.slice(i + 1, j);
        try { key = JSON.parse(text.slice(i, j + 1)); } catch { /* keep raw */ }
        s.key = key; s.state = 'colon';
      } else valueDone();
      i = j + 1;
      continue;
    }
    if (c === 123) stack.push({ kind: 'o', state: 'key', key: null });
    else if (c === 91) stack.push({ kind: 'a', state: 'value' });
    else if (c === 125 || c === 93) { stack.pop(); valueDone(); }
    else if (c === 58) { const s = top(); if (s && s.kind === 'o') s.state = 'value'; }
    else if (c === 44) { const s = top(); if (s) s.state = s.kind === 'o' ? 'key' : 'value'; }
    else if (c > 32 && c !== 47) { // a bare word (number, literal, or typing)
      let j = i;
      while (j < text.length && /[\w.+-]/.test(text[j])) j++;
      if (j >= pos && j > i) return finish(stack, { from: i, to: j, inString: false });
      if (j > i) { valueDone(); i = j; continue; }
    }
    i += 1;
  }
  return finish(stack, { from: pos, to: pos, inString: false });
}

function finish(stack, span) {
  const path = [];
  for (let k = 0; k < stack.length - 1; k++) path.push(stack[k].kind === 'o' ? stack[k].key : '[]');
  const s = stack[stack.length - 1];
  if (!s) return { ...span, path, where: 'none' };
  if (s.kind === 'o') {
    if (s.state === 'key') return { ...span, path, where: 'key' };
    if (s.state === 'value') return { ...span, path: [...path, s.key], where: 'value' };
    return { ...span, path, where: 'none' };
  }
  return s.state === 'value' ? { ...span, path: [...path, '[]'], where: 'value' } : { ...span, path, where: 'none' };
}

function typeLabel(node) {
  if (!node) return '';
  const ty = node.type || (node.enum ? typeof node.enum[0] : '');
  return Array.isArray(ty) ? ty.filter((x) => x !== 'null').join(' | ') : ty;
}

function enumValues(node) {
  if (!node) return [];
  const out = [];
  if (node.enum) out.push(...node.enum);
  for (const alt of node.anyOf || []) if (alt.enum) out.push(...alt.enum);
  for (const ex of node.examples || []) if (!out.includes(ex)) out.push(ex);
  const ty = Array.isArray(node.type) ? node.type : [node.type];
  if (ty.includes('boolean') && !out.includes(true)) out.push(true, false);
  return out;
}

function schemaCompletion(context) {
  const doc = context.state.doc;
  // Completion reads the text before the cursor and a little after it; a huge document gets it on request only.
  if (doc.length > LANGUAGE_MAX && !context.explicit) return null;
  const text = doc.sliceString(0, Math.min(doc.length, context.pos + 4096));
  const ctx = jsonContextAt(text, context.pos);
  if (ctx.where === 'none') return null;
  if (!ctx.inString && ctx.from === ctx.to && !context.explicit) return null;
  if (ctx.where === 'key') {
    const node = schemaAt(ctx.path);
    if (!node || !node.properties) return null;
    const options = Object.entries(node.properties).map(([name, raw]) => {
      const p = deref(raw) || {};
      const ty = Array.isArray(p.type) ? p.type[0] : p.type;
      const skeleton = ty === 'string' ? '""' : ty === 'object' ? '{}' : ty === 'array' ? '[]' : ty === 'boolean' ? 'true' : '';
      return {
        label: name, type: 'property', detail: typeLabel(p), info: p.description || '',
        apply: (view) => {
          const here = jsonContextAt(view.state.doc.toString(), view.state.selection.main.head);
          const from = here.from;
          const to = Math.max(here.to, view.state.selection.main.head);
          const ins = `"${name}": ${skeleton}`;
          const cursor = from + ins.length - (skeleton === '""' || skeleton === '{}' || skeleton === '[]' ? 1 : 0);
          view.dispatch({ changes: { from, to, insert: ins }, selection: { anchor: cursor } });
        },
      };
    });
    // Match on the key text without its opening quote; apply() replaces the whole quoted key.
    return { from: ctx.inString ? ctx.from + 1 : ctx.from, options, filter: true, validFor: /^\w*$/ };
  }
  const node = schemaAt(ctx.path);
  const values = enumValues(node);
  if (!values.length) return null;
  return {
    from: ctx.from, to: ctx.to, filter: true,
    options: values.map((v) => ({ label: JSON.stringify(v), type: 'enum', detail: typeLabel(node), info: node.description || '' })),
  };
}

// ---- diagnostics -----------------------------------------------------------------------------------------------

/** The span to underline for a diagnostic at `offset`: the JSON token that starts there (bounded), or one character. */
export function tokenSpan(text, offset) {
  const n = text.length;
  const from = Math.max(0, Math.min(offset, n));
  if (from >= n) return { from: n, to: n };
  const c = text[from];
  if (c === '"') {
    let j = from + 1;
    while (j < n && j - from < 400 && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return { from, to: Math.min(n, j < n && text[j] === '"' ? j + 1 : j) };
  }
  if (/[\w.+-]/.test(c)) {
    let j = from;
    while (j < n && j - from < 200 && /[\w.+-]/.test(text[j])) j++;
    return { from, to: j };
  }
  if (c === '\n') return { from, to: from };
  return { from, to: from + 1 };
}

// Above this many characters the JSON language (parsing, highlighting, folding, bracket and selection matching) is
// switched off: lezer re-reads a whole string token after each keystroke inside it, and a payload keeps its message in
// one string (a 5 MB one took ~0.5 s per keystroke on the main thread). The switch rides on the change transaction.
export const LANGUAGE_MAX = 1_000_000;
// highlightSpecialChars re-scans each changed line: the whole message line of such a payload (the core's diagnostics
// still name control and bidi characters).
const languageSupport = () => [json(), syntaxHighlighting(highlight), foldGutter(), bracketMatching(), highlightSelectionMatches(),
  highlightSpecialChars()];

// A stand-in for the document's text with what tokenSpan and the cap test read: the characters near one offset.
function docWindow(doc) {
  return {
    length: doc.length,
    span(offset) {
      const from = Math.max(0, Math.min(offset, doc.length));
      const win = doc.sliceString(from, Math.min(doc.length, from + 402));
      const s = tokenSpan(win, 0);
      return { from: from + s.from, to: from + s.to, last: win[s.to - 1] };
    },
  };
}

function codeMirrorDiagnostics(text, diagnostics) {
  return diagnostics.map((d) => {
    const span = typeof text === 'string' ? tokenSpan(text, d.offset) : text.span(d.offset);
    const { from, to } = span;
    const last = typeof text === 'string' ? text[to - 1] : span.last;
    return {
      // A long string token is underlined only over its first 400 characters: that end is arbitrary (see setDiagnostics).
      capped: to - from >= 400 && last !== '"',
      from, to, severity: d.severity === 'info' ? 'info' : d.severity, message: d.message, source: d.code,
      // Reads the diagnostic itself (not `d`): setDiagnostics may update a shown diagnostic's message in place.
      renderMessage() {
        const el = document.createElement('span');
        el.className = 'cm-mm-message';
        const m = document.createElement('span');
        m.textContent = this.message;
        const code = document.createElement('code');
        code.className = 'cm-mm-code';
        code.textContent = this.source;
        el.append(m, ' ', code);
        return el;
      },
    };
  });
}

/**
 * Creates the editor in `parent`. onChange(changes) runs synchronously after every document change (changes: the
 * update's ChangeSet; read the text with
 * getText() only when needed: copying a multi-megabyte document on every keystroke is a main-thread cost).
 * Returns {view, getText, setText(text), setDiagnostics(report diagnostics), focusAt(offset)}.
 */
export function createEditor(parent, { doc, onChange, label, diagnostics = null }) {
  const readOnly = new Compartment();
  // A shadow root makes CodeMirror use constructed (adopted) style sheets instead of inline <style> tags (CSP).
  const shadow = parent.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(editorCss);
  shadow.adoptedStyleSheets = [sheet];
  const host = document.createElement('div');
  host.className = 'mmx';
  shadow.append(host);
  const language = new Compartment();
  const langOn = languageSupport();
  const big = (n) => n > LANGUAGE_MAX;
  let state = EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(),
        dropCursor(), indentOnInput(), closeBrackets(), rectangularSelection(), highlightActiveLine(),
        language.of(big(doc.length) ? [] : langOn), lintGutter(),
        EditorState.transactionExtender.of((tr) => (tr.docChanged && big(tr.newDoc.length) !== big(tr.startState.doc.length)
          ? { effects: language.reconfigure(big(tr.newDoc.length) ? [] : langOn) } : null)),
        autocompletion({ override: [schemaCompletion], icons: false }),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap,
          ...completionKeymap, ...lintKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', tabindex: '0' }),
        readOnly.of([]),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.changes); }),
      ],
    });
  // Initial lint markers go into the first state: no second view update (and forced layout) at start-up.
  if (diagnostics && diagnostics.length) state = state.update(setDiagnostics(state, codeMirrorDiagnostics(doc, diagnostics))).state;
  const view = new EditorView({ parent: host, root: shadow, state });
  return {
    view,
    getText: () => view.state.doc.toString(),
    // Each replacement is one undo step of its own, never merged with a neighbouring edit made within 500 ms.
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true,
        annotations: isolateHistory.of('full') });
    },
    // `text` is the editor's document: spans are read from the document around each offset (indexing a multi-megabyte
    // string built by edits would copy all of it).
    setDiagnostics(text, diagnostics) {
      const doc = view.state.doc;
      const next = codeMirrorDiagnostics(doc.length === text.length ? docWindow(doc) : text, diagnostics);
      // Most keystrokes leave the markers where they were (mapped through the edit), at most with a new message text
      // (e.g. a character count): those are updated in place, without a transaction and a redraw of the editor.
      const shown = [];
      forEachDiagnostic(view.state, (d, from, to) => { shown.push({ d, from, to, severity: d.severity, source: d.source, message: d.message }); });
      if (shown.length === next.length) {
        const key = (x) => `${x.from}:${x.severity}:${x.source}`;
        // Typing inside a capped underline stretches the shown one by a few characters: kept within a margin.
        const sameTo = (x, y) => x.to === y.to || (y.capped && x.to >= y.to && x.to <= y.to + 64);
        const order = (a, b) => a.from - b.from || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
        const a = shown.sort(order);
        const b = next.slice().sort(order);
        const open = view.dom.querySelector('.cm-panel-lint, .cm-tooltip-lint');
        if (a.every((x, i) => key(x) === key(b[i]) && sameTo(x, b[i]) && (x.message === b[i].message || !open))) {
          a.forEach((x, i) => { x.d.message = b[i].message; });
          return;
        }
      }
      view.dispatch(setDiagnostics(view.state, next));
    },
    // Read-only (embed mode): the document cannot be edited by the user.
    setReadOnly(on) {
      view.dispatch({ effects: readOnly.reconfigure(on ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []) });
    },
    focusAt(offset) {
      const { from, to } = tokenSpan(view.state.doc.toString(), offset);
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
      view.focus();
    },
  };
}
