// The "Explain an error" tab: what a pasted Mattermost error response means (web/explain.js).
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { explainError } from '../explain.js';

const FORMS = { 'json-body': 'the JSON error body', 'log-json': 'a server log line (JSON)', 'log-text': 'a server log line', text: 'a message' };

function show(box, res) {
  box.replaceChildren();
  if (res.unknown) {
    box.append(h('p', { text: 'This is not one of the errors Mattermost answers for an incoming webhook (v11.6). Check that the URL is /hooks/<id> and that a proxy is not answering instead.' }));
    return;
  }
  const p = res.parsed;
  box.append(h('p', { class: 'hint', text: `Read as ${FORMS[p.form]}` + (p.status_code ? ` · HTTP status ${p.status_code}` : '') +
    (p.request_id ? ` · request ${p.request_id}` : '') + '.' }));
  const onlyInner = res.entries.every((e) => e.kind === 'inner');
  for (const e of res.entries) {
    const kind = e.kind === 'outer' ? 'The error Mattermost answered:' : onlyInner
      ? 'An inner error: current servers answer web.incoming_webhook.general.app_error and put this in detailed_error (only with developer mode on); servers before v10.4 answered it directly.'
      : 'The inner error (in detailed_error):';
    box.append(h('article', { class: 'explain-entry' },
      h('h4', {}, h('code', { text: e.id }), e.status ? ` — ${e.status}` : ''),
      h('p', { class: 'explain-entry__kind', text: kind }),
      h('p', { text: e.meaning }),
      h('p', { class: 'explain-entry__causes-title', text: 'Likely causes:' }),
      h('ul', {}, ...e.causes.map((c) => h('li', { text: c }))),
      e.hints ? h('p', { class: 'explain-entry__hint', text: `In your case: ${e.hints.join(' ')}` }) : null));
  }
  if (res.entries.length === 1 && res.entries[0].id === 'web.incoming_webhook.general.app_error' && !p.detailed_error) {
    box.append(h('p', { class: 'hint', text: 'detailed_error is empty because the server runs without developer mode; paste the payload into the editor to see which of these applies.' }));
  }
}

export default {
  name: 'explain',
  idle() {
    $('explain-run').addEventListener('click', () => show($('explain-result'), explainError($('explain-input').value)));
  },
};
