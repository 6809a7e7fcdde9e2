// The payload editor as the page first shows it: a plain <textarea> with CodeMirror's size and font, usable at once,
// until CodeMirror (web/editor.js, its own chunk) arrives and takes over with the same text, selection and focus.
// The page talks to one object (app.editor) whatever is behind it.

/**
 * An editor over `parent` that starts as a textarea and becomes CodeMirror when `load()` resolves with web/editor.js.
 * Methods as createEditor's: getText, setText, setDiagnostics, setReadOnly, focusAt; `length` (characters), `view`
 * (CodeMirror's EditorView, null until it is there), `ready` (a promise: CodeMirror took over).
 */
export class LazyEditor {
  constructor(parent, { doc, onChange, label, diagnostics = null }) {
    this.parent = parent;
    this.options = { onChange, label };
    this.inner = null;          // the CodeMirror editor once loaded
    this.diagnostics = diagnostics ? { text: doc, list: diagnostics } : null;   // kept for CodeMirror's first state
    this.readOnly = false;
    const ta = document.createElement('textarea');
    ta.className = 'editor__plain';
    ta.value = doc;
    ta.spellcheck = false;
    ta.setAttribute('aria-label', label);
    ta.setAttribute('autocapitalize', 'off');
    ta.setAttribute('autocomplete', 'off');
    ta.setAttribute('wrap', 'off');
    ta.addEventListener('input', () => onChange());
    parent.append(ta);
    this.ta = ta;
  }

  /** Swaps in CodeMirror: `mod` is web/editor.js. Text, selection, scroll position and focus carry over. */
  upgrade(mod) {
    if (this.inner) return;
    const ta = this.ta;
    const focused = ta.getRootNode().activeElement === ta;
    const doc = ta.value;
    const [from, to, top] = [ta.selectionStart, ta.selectionEnd, ta.scrollTop];
    const diagnostics = this.diagnostics && this.diagnostics.text === doc ? this.diagnostics.list : null;
    this.inner = mod.createEditor(this.parent, { doc, onChange: this.options.onChange, label: this.options.label, diagnostics });
    if (this.readOnly) this.inner.setReadOnly(true);
    const view = this.inner.view;
    view.dispatch({ selection: { anchor: Math.min(from, doc.length), head: Math.min(to, doc.length) } });
    view.scrollDOM.scrollTop = top;
    ta.remove();
    this.ta = null;
    if (focused) view.focus();
  }

  get view() { return this.inner ? this.inner.view : null; }
  get length() { return this.inner ? this.inner.view.state.doc.length : this.ta.value.length; }
  getText() { return this.inner ? this.inner.getText() : this.ta.value; }

  setText(text) {
    if (this.inner) { this.inner.setText(text); return; }
    this.ta.value = text;
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
    else this.ta.readOnly = on;
  }

  focusAt(offset) {
    if (this.inner) { this.inner.focusAt(offset); return; }
    const at = Math.max(0, Math.min(offset, this.ta.value.length));
    this.ta.focus();
    this.ta.setSelectionRange(at, at);
  }
}
