// The payload editor: a plain textarea at once, CodeMirror (web/editor.js, loaded after the first preview is drawn)
// behind the same object (web/plain-editor.js); lint markers from each Report and the status line under it.
import { $ } from '../shell.js';
import { LazyEditor } from '../plain-editor.js';

export default {
  name: 'editor',
  init(app) {
    // Keystroke-to-preview latency: the first keydown since the last check is the start of the measurement.
    $('editor').addEventListener('keydown', (e) => { if (app.checks.perf.pendingKey === null) app.checks.perf.pendingKey = e.timeStamp; }, true);
    app.on('report', (text, report, meta) => {
      if (meta.current) app.editor.setDiagnostics(text, report.diagnostics);
      const size = text.length < 200000 ? `${new TextEncoder().encode(text).length.toLocaleString('en')} bytes` : `${(text.length / 1024).toFixed(0)} K characters`;
      $('editor-status').textContent = `${size} · ${report.posts.length} post${report.posts.length === 1 ? '' : 's'} · checked in ${meta.checkMs.toFixed(1)} ms` +
        (meta.slow ? ' (in the background)' : '');
    });
  },
  ready(app, doc, firstReport) {
    app.editor = new LazyEditor($('editor'), {
      doc, label: 'Webhook payload', diagnostics: firstReport.diagnostics, onChange: (changes) => app.checks.edited(changes),
    });
    if (app.embed?.readonly) app.editor.setReadOnly(true);
    // Called by the shell once the first preview is on screen: CodeMirror is its own chunk over http.
    app.loadEditor = () => import('../editor.js').then((mod) => app.editor.upgrade(mod));
  },
};
