// The "Explain an error" tab: what a pasted Mattermost error response means (web/explain.js).
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { explainError } from '../explain.js';

function show(box, res) {
  box.replaceChildren();
  if (res.unknown) {
    box.append(h('p', { text: 'This is not one of the errors Mattermost answers for an incoming webhook (v11.6). Check that the URL is /hooks/<id> and that a proxy is not answering instead.' }));
    return;
  }
  if (res.parsed.status_code) box.append(h('p', { text: `HTTP status ${res.parsed.status_code}.` }));
  for (const e of res.entries) {
    box.append(h('article', { class: 'explain-entry' },
      h('h4', {}, h('code', { text: e.id }), e.status ? ` — ${e.status}` : ''),
      h('p', { class: 'explain-entry__kind', text: e.kind === 'inner' ? 'The inner error (in detailed_error):' : 'The error Mattermost answered:' }),
      h('p', { text: e.meaning }),
      h('p', { class: 'explain-entry__causes-title', text: 'Likely causes:' }),
      h('ul', {}, ...e.causes.map((c) => h('li', { text: c })))));
  }
  if (res.entries.length === 1 && res.entries[0].id === 'web.incoming_webhook.general.app_error' && !res.parsed.detailed_error) {
    box.append(h('p', { class: 'hint', text: 'detailed_error is empty because the server runs without developer mode; paste the payload into the editor to see which of these applies.' }));
  }
}

export default {
  name: 'explain',
  idle() {
    $('explain-run').addEventListener('click', () => show($('explain-result'), explainError($('explain-input').value)));
  },
};
