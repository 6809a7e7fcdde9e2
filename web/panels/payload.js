// Payload tools above the editor — Format (whitespace only: numbers, key order, duplicates and escapes are kept),
// Copy payload, Download — and the "Sizes and limits" table under the problems.
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { copyText, flash } from './util.js';
import { formatJson } from '../format.js';
import { payloadLimits } from '../limits.js';
import { bodyAsJson } from './body.js';

const LIVE_MAX = 50000;   // longer bodies: the table is refreshed when typing pauses

function format(app) {
  const status = $('payload-status');
  if (app.mode === 'form') { flash(status, 'A payload= form is not JSON: switch the body format to JSON to format it (and back).', 8000); return; }
  if (app.mode === 'multipart') { flash(status, 'A multipart body is sent part by part, not as JSON: there is nothing to re-indent.', 8000); return; }
  const text = app.editor.getText();
  if (!text.trim()) { flash(status, 'Nothing to format: the body is empty.'); return; }
  const res = formatJson(text);
  if (res.error) { flash(status, `Not formatted: the body is not one JSON value — ${res.error}.`, 8000); return; }
  if (res.text === text) { flash(status, 'Already formatted.'); return; }
  app.editor.setText(res.text);
  flash(status, 'Formatted (only whitespace changed; Ctrl+Z undoes it).');
}

function download(app) {
  const text = app.editor.getText();
  const name = app.mode === 'json' ? 'payload.json' : 'payload.txt';
  const url = URL.createObjectURL(new Blob([text], { type: app.mode === 'json' ? 'application/json' : 'text/plain' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  flash($('payload-status'), `Saved as ${name}.`);
}

function renderLimits(app, text, report, given = null) {
  let rows = given;
  if (!rows) {
    let json;
    try { json = JSON.parse(bodyAsJson(text, app.mode)); } catch { json = undefined; }
    rows = payloadLimits(text, json, app.settings, report);
  }
  const body = $('limits').querySelector('tbody');
  body.replaceChildren(...rows.map((r) => h('tr', { class: `limit limit--${r.state}`, 'data-field': r.key },
    h('th', { scope: 'row', text: r.label }),
    h('td', { class: 'limit__size', text: `${r.size.toLocaleString('en')} / ${r.limit.toLocaleString('en')} ${r.unit}` }),
    h('td', { class: 'limit__note', text: r.note || (r.state === 'near' ? 'Close to the limit.' : '') }))));
}

export default {
  name: 'payload',
  init(app) {
    $('format').addEventListener('click', () => format(app));
    $('copy-payload').addEventListener('click', async () => {
      const ok = await copyText(app.editor.getText());
      flash($('payload-status'), ok ? 'Payload copied.' : 'Copy failed: select the text in the editor and copy it by hand.');
    });
    $('download').addEventListener('click', () => download(app));
    // Large bodies: rows from the worker with the report when it sent them, else computed here when typing pauses.
    let fromWorker = false;
    app.on('report', (text, report, meta) => {
      fromWorker = !!(meta && meta.limits);
      if (fromWorker) renderLimits(app, text, report, meta.limits);
      else if (text.length <= LIVE_MAX) renderLimits(app, text, report);
    });
    app.on('pause', () => {
      if (fromWorker || !app.report || app.editor.length <= LIVE_MAX) return;
      renderLimits(app, app.editor.getText(), app.report);
    });
  },
};
