// The payload editor as the page first shows it: a plain <textarea> with CodeMirror's size and font, usable at once,
// until CodeMirror (web/editor.js, its own chunk) arrives and takes over with the same text, selection and focus.
// The page talks to one object (app.editor) whatever is behind it.

// A textarea lays out its text as one block: a multi-megabyte line took seconds per keystroke. Longer texts wait for
// CodeMirror (which draws only the visible part) behind a read-only textarea that says so.
export const PLAIN_MAX = 100_000;

/**
 * An editor over `parent`: a textarea until upgrade(web/editor.js's module) puts CodeMirror in its place.
 * Methods as createEditor's: getText, setText, setDiagnostics, setReadOnly, focusAt; `length` (characters) and `view`
 * (CodeMirror's EditorView, null until it is there).
 */
export class LazyEditor {
  constructor(parent, { doc, onChange, label, diagnostics = null }) {
    this.parent = parent;
    this.options = { onChange, label };
    this.inner = null;          // the CodeMirror editor once loaded
    this.diagnostics = diagnostics ? { text: doc, list: diagnostics } : null;   // kept for CodeMirror's first state
    this.readOnly = false;
    this.held = null;           // the text while it is too long for the textarea
    const ta = document.createElement('textarea');
    ta.className = 'editor__plain';
    this.ta = ta;
    this.#show(doc);
    ta.spellcheck = false;
    ta.setAttribute('aria-label', label);
    ta.setAttribute('autocapitalize', 'off');
    ta.setAttribute('autocomplete', 'off');
    ta.setAttribute('wrap', 'off');
    ta.addEventListener('input', () => onChange());   // no change set: the worker gets the whole text next
    parent.append(ta);
  }

  #show(text) {
    this.held = text.length > PLAIN_MAX ? text : null;
    this.ta.value = this.held === null ? text : `Loading the editor for this ${(text.length / 1e6).toFixed(1)} million character payload…`;
    this.ta.readOnly = this.readOnly || this.held !== null;
  }

  /** Swaps in CodeMirror: `mod` is web/editor.js. Text, selection, scroll position and focus carry over. */
  upgrade(mod) {
    if (this.inner) return;
    const ta = this.ta;
    const focused = ta.getRootNode().activeElement === ta;
    const doc = this.getText();
    const [from, to, top] = this.held === null ? [ta.selectionStart, ta.selectionEnd, ta.scrollTop] : [0, 0, 0];
    const diagnostics = this.diagnostics && this.diagnostics.text === doc ? this.diagnostics.list : null;
    this.inner = mod.createEditor(this.parent, { doc, onChange: this.options.onChange, label: this.options.label, diagnostics });
    if (this.readOnly) this.inner.setReadOnly(true);
    const view = this.inner.view;
    view.dispatch({ selection: { anchor: Math.min(from, doc.length), head: Math.min(to, doc.length) } });
    view.scrollDOM.scrollTop = top;
    ta.remove();
    this.ta = null;
    this.held = null;
    if (focused) view.focus();
  }

  get view() { return this.inner ? this.inner.view : null; }
  get length() { return this.inner ? this.inner.view.state.doc.length : this.getText().length; }
  getText() { return this.inner ? this.inner.getText() : this.held ?? this.ta.value; }

  setText(text) {
    if (this.inner) { this.inner.setText(text); return; }
    this.#show(text);
    this.ta.setSelectionRange(0, 0);
    this.ta.scrollTop = 0;
    this.options.onChange();
  }

  setDiagnostics(text, list) {
    if (this.inner) this.inner.setDiagnostics(text, list);
    else this.diagnostics = { text, list };
  }

  setReadOnly(on) {
    this.readOnly = on;
    if (this.inner) this.inner.setReadOnly(on);
    else this.ta.readOnly = on || this.held !== null;
  }

  focusAt(offset) {
    if (this.inner) { this.inner.focusAt(offset); return; }
    const at = this.held === null ? Math.max(0, Math.min(offset, this.ta.value.length)) : 0;
    this.ta.focus();
    this.ta.setSelectionRange(at, at);
  }
}
