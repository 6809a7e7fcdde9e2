// The verdict box: what Mattermost would answer (the shared view of web/views/verdict.js).
import { $ } from '../shell.js';
import { renderVerdict, renderFailure } from '../views/verdict.js';

export default {
  name: 'verdict',
  init(app) {
    app.on('report', (text, report) => renderVerdict($('verdict'), report));
  },
  /** Start-up failed before any report: say so as an error. */
  fail(message) { const el = $('verdict'); if (el) renderFailure(el, message); },
};
