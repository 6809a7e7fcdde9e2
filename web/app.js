// The previewer page: edits a payload and shows what Mattermost would answer and draw.
import { createMmhook } from '../wasm/mmhook.js';
import { EXAMPLE_PAYLOAD } from './example.js';

const $ = (role) => document.querySelector(`[data-role="${role}"]`);

function renderReport(report) {
  const verdict = $('verdict');
  verdict.className = 'verdict ' + (report.ok ? 'verdict--ok' : 'verdict--error');
  verdict.textContent = report.ok
    ? 'Mattermost would answer 200 ok'
    : `Mattermost would answer ${report.status}: ${report.error ? report.error.message : ''}`;
  // Post HTML comes from the core's allow-list renderer (escaped by construction).
  $('preview').innerHTML = report.posts.map((p) => p.html).join('');
  const list = $('diagnostics');
  list.replaceChildren(...report.diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = `diagnostic diagnostic--${d.severity}`;
    li.textContent = `${d.line}:${d.column} ${d.severity}: ${d.message} [${d.code}]`;
    return li;
  }));
}

async function main() {
  const mm = await createMmhook();
  const editor = $('editor');
  const ct = $('content-type');
  editor.value = EXAMPLE_PAYLOAD;
  const run = () => renderReport(mm.check(editor.value, { contentType: ct.value === '' ? null : ct.value }));
  editor.addEventListener('input', run);
  ct.addEventListener('change', run);
  $('versions').textContent = `mmhook ${mm.version.mmhook} · cmark-gfm ${mm.version.cmarkGfm} · simdjson ${mm.version.simdjson}`;
  run();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('verdict').textContent = `mmhook failed to start: ${e && e.message ? e.message : e}`;
});
