// The problem list under the preview (the shared view of web/views/diagnostics.js); an item moves the editor there.
import { $ } from '../shell.js';
import { renderDiagnostics } from '../views/diagnostics.js';

export default {
  name: 'diagnostics',
  init(app) {
    app.on('report', (text, report) => renderDiagnostics($('diagnostics'), report.diagnostics, { onJump: (d) => app.editor.focusAt(d.offset) }));
  },
};
