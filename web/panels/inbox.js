// The "Inbox" tab: requests received by `mmhook serve` (POST /hooks/<id>) as they arrive, over server-sent events on
// the same origin. Only when the server announced itself (<meta name="mmhook-receiver">, added by bin/server when it
// serves the page); from disk or another static host there is no inbox. Everything from a request is shown as text.
import { h } from '../views/h.js';
import { toRequestSettings } from '../settings.js';
import { copyText, flash } from './util.js';

const FORM_CT = 'application/x-www-form-urlencoded';
const MAX_ROWS = 1000;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { ignoreBOM: true });

const size = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB`
  : `${(n / 1048576).toFixed(1)} MB`);
const clock = (iso) => iso.slice(11, 19);
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The short verdict of an entry and its modifier class. */
function verdict(e) {
  if (e.status === null) return ['no answer', 'none'];
  if (e.status !== 200) return [`${e.status}`, 'error'];
  if (e.counts.error || e.counts.warning) return ['200, warnings', 'warning'];
  return ['200 ok', 'ok'];
}

function forwardText(f) {
  if (f.state === 'done') return `Mattermost: ${f.status} ${f.match ? '= predicted' : '≠ predicted'}`;
  return f.state === 'pending' ? 'forwarding…' : `forward ${f.state}`;
}

class InboxPanel {
  constructor(app, base) {
    this.app = app;
    this.base = base;          // the API prefix the server announced, e.g. /__mmhook/
    this.rows = new Map();     // seq -> <li>
    this.entries = new Map();  // seq -> summary
    this.selected = null;
    this.state = null;
    this.pushed = null;        // the settings JSON last sent
  }

  build() {
    const hooks = `${location.origin}/hooks/`;
    this.list = h('ol', { class: 'inbox', 'data-role': 'inbox', 'data-connected': 'false',
      'aria-label': 'Received requests, newest first' });
    this.status = h('p', { class: 'hint', 'data-role': 'inbox-status', role: 'status', 'aria-live': 'polite',
      text: 'Connecting…' });
    this.sync = h('input', { type: 'checkbox', 'data-role': 'inbox-sync' });
    this.syncNote = h('span', { class: 'hint', 'data-role': 'inbox-sync-note' });
    this.forwardInput = h('input', { type: 'password', 'data-role': 'forward-url', autocomplete: 'off',
      spellcheck: 'false', placeholder: 'https://your-mattermost.example.com/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx' });
    this.forwardStatus = h('span', { class: 'hint', 'data-role': 'forward-status', role: 'status',
      'aria-live': 'polite' });
    this.detail = h('div', { class: 'inbox-detail', 'data-role': 'inbox-detail', hidden: true });
    const button = (role, text, onclick, cls = 'btn') =>
      h('button', { type: 'button', class: cls, 'data-role': role, text, onclick });
    const panel = h('div', { 'data-role': 'inbox-panel' },
      h('p', { class: 'hint' }, 'Point a tool\'s webhook URL at ', h('code', { text: `${hooks}<any id>` }),
        ' (e.g. ', h('code', { text: `${hooks}test` }), '): each request appears here with Mattermost\'s answer. ',
        'Select one to load a copy of its body into the editor.'),
      h('div', { class: 'row row--wrap' },
        h('label', { class: 'check' }, this.sync, ' ', h('span', { text: 'Answer with this page\'s server settings' })),
        this.syncNote,
        button('inbox-clear', 'Clear', () => this.clear(), 'btn btn--small')),
      h('details', { class: 'inbox-forward' },
        h('summary', { text: 'Forward to a real Mattermost webhook and compare' }),
        h('div', { class: 'row row--wrap' },
          h('label', { class: 'field field--grow' },
            h('span', { text: 'Real webhook URL (held by the local server in memory only; not stored, not logged)' }),
            this.forwardInput),
          button('forward-set', 'Forward', () => this.setForward(this.forwardInput.value)),
          button('forward-stop', 'Stop', () => this.setForward(null)),
          this.forwardStatus)),
      this.status, this.list, this.detail);
    this.sync.addEventListener('change', () => { this.pushed = null; this.pushSettings(); this.showSync(); });
    this.list.addEventListener('click', (ev) => {
      const li = ev.target.closest('li[data-seq]');
      if (li) this.select(Number(li.dataset.seq));
    });
    return panel;
  }

  connect() {
    const es = new EventSource(`${this.base}events`);
    es.addEventListener('hello', (ev) => {
      const d = JSON.parse(ev.data);
      this.list.dataset.connected = 'true';
      this.setState(d);
      this.reset();
      for (const e of d.entries) this.add(e);
      this.showStatus();
    });
    es.addEventListener('entry', (ev) => { this.add(JSON.parse(ev.data)); this.showStatus(); });
    es.addEventListener('update', (ev) => this.update(JSON.parse(ev.data)));
    es.addEventListener('clear', () => { this.reset(); this.hideDetail(); this.showStatus(); });
    es.addEventListener('state', (ev) => this.setState(JSON.parse(ev.data)));
    es.addEventListener('error', () => {
      this.list.dataset.connected = 'false';
      this.status.textContent = 'Disconnected from the local server; retrying…';
    });
  }

  reset() {
    this.rows.clear();
    this.entries.clear();
    this.list.replaceChildren();
  }

  setState(state) {
    // The first time: answer with the page's settings unless the server was started with a settings file.
    if (!this.state) this.sync.checked = state.settingsSource !== 'file';
    this.state = state;
    this.pushSettings();
    this.forwardStatus.textContent = state.forward.enabled ? `Forwarding to ${state.forward.target}`
      : 'Not forwarding.';
    this.showSync();
  }

  showSync() {
    if (!this.state) return;
    this.syncNote.textContent = same(this.state.settings, toRequestSettings(this.app.settings))
      ? 'The server answers with these settings.'
      : this.state.settingsSource === 'file' ? 'The server answers with the settings file it was started with.'
        : 'The server answers with other settings.';
  }

  /** Sends the page's settings to the server (same origin only) when they changed since the last push. */
  async pushSettings() {
    if (!this.sync.checked || !this.state) return;
    const body = JSON.stringify(toRequestSettings(this.app.settings));
    if (body === this.pushed) return;
    this.pushed = body;
    try {
      await fetch(`${this.base}settings`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body });
    } catch {
      this.pushed = null;
    }
  }

  /** Gives the server a forward URL (or null to stop); the page keeps no copy of it. */
  async setForward(url) {
    try {
      const r = await fetch(`${this.base}forward`, { method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: url === null ? null : url.trim() }) });
      if (!r.ok) { this.forwardStatus.textContent = (await r.text()).trim(); return; }
      this.forwardInput.value = '';
    } catch {
      this.forwardStatus.textContent = 'The local server did not answer.';
    }
  }

  async clear() {
    await fetch(`${this.base}clear`, { method: 'POST' }).catch(() => {});
  }

  showStatus() {
    const n = this.entries.size;
    if (this.tab) this.tab.textContent = n ? `Inbox (${n})` : 'Inbox';
    this.status.textContent = n ? `${plural(n, 'request')} received (newest first).` : 'Waiting for requests…';
  }

  row(e) {
    const [word, kind] = verdict(e);
    const fwd = e.forward;
    const mismatch = fwd && fwd.state === 'done' && fwd.match === false;
    const on = this.selected === e.seq;
    const meta = [e.remote, e.contentType ?? '(no Content-Type)', size(e.size), e.userAgent ?? '(no User-Agent)'];
    return h('li', { class: `inbox__entry inbox__entry--${kind}${mismatch ? ' inbox__entry--mismatch' : ''}`,
      'data-seq': String(e.seq), 'data-hook-id': e.id ?? '', 'data-status': String(e.status ?? ''),
      'data-selected': String(on) },
    h('button', { type: 'button', class: 'inbox__pick', 'aria-current': on ? 'true' : null },
      h('span', { class: 'inbox__time', text: clock(e.time) }),
      h('span', { class: `inbox__verdict inbox__verdict--${kind}`, text: word }),
      h('span', { class: 'inbox__what', text: `${e.method} ${e.path}${e.query ? `?${e.query}` : ''}` }),
      h('span', { class: 'inbox__meta', text: meta.join(' · ') }),
      fwd ? h('span', { class: 'inbox__forward', text: forwardText(fwd) }) : null));
  }

  add(e) {
    this.entries.set(e.seq, e);
    const li = this.row(e);
    this.rows.set(e.seq, li);
    this.list.prepend(li);
    while (this.list.children.length > Math.min(MAX_ROWS, this.state?.keep ?? MAX_ROWS)) {
      const seq = Number(this.list.lastElementChild.dataset.seq);
      this.rows.delete(seq);
      this.entries.delete(seq);
      this.list.lastElementChild.remove();
    }
  }

  update(e) {
    const old = this.rows.get(e.seq);
    if (!old) return;
    this.entries.set(e.seq, e);
    const li = this.row(e);
    old.replaceWith(li);
    this.rows.set(e.seq, li);
    if (this.selected === e.seq) this.select(e.seq, false);
  }

  hideDetail() {
    this.selected = null;
    this.detail.hidden = true;
    this.detail.replaceChildren();
  }

  markSelected(seq) {
    for (const [s, li] of this.rows) {
      li.dataset.selected = String(s === seq);
      if (s === seq) li.firstElementChild.setAttribute('aria-current', 'true');
      else li.firstElementChild.removeAttribute('aria-current');
    }
  }

  /** Shows an entry's answers; with `load`, copies its exact body and Content-Type into the editor. */
  async select(seq, load = true) {
    this.selected = seq;
    this.markSelected(seq);
    let d;
    let bytes;
    try {
      const [r1, r2] = await Promise.all([fetch(`${this.base}inbox/${seq}`),
        load ? fetch(`${this.base}inbox/${seq}/body`) : null]);
      if (!r1.ok) {
        this.detail.hidden = false;
        this.detail.replaceChildren(h('p', { class: 'hint', text: 'This entry is gone (cleared).' }));
        return;
      }
      d = await r1.json();
      if (r2) bytes = new Uint8Array(await r2.arrayBuffer());
    } catch {
      return;
    }
    if (this.selected !== seq) return;
    const notes = [];
    if (bytes) {
      let text;
      try {
        text = utf8.decode(bytes);
      } catch {
        text = lossy.decode(bytes);
        notes.push('The body is not valid UTF-8: the editor shows it with U+FFFD replacements, so its verdict can ' +
          'differ from the one received.');
      }
      if (d.truncated) {
        notes.push(`The body had ${size(d.size)}; only its first ${size(bytes.length)} are kept and loaded.`);
      }
      const ct = d.contentType;
      this.app.loadBody(text, ct !== null && ct.toLowerCase().startsWith(FORM_CT) ? 'form' : 'json', ct);
    }
    if (d.query) {
      notes.push(`The request had a query string (?${d.query.slice(0, 200)}); the editor checks the body without it.`);
    }
    if (!same(d.settings, toRequestSettings(this.app.settings))) {
      notes.push('It was answered under other server settings than this page\'s.');
    }
    this.renderDetail(d, notes);
  }

  renderDetail(d, notes) {
    const a = d.answer;
    const note = (text) => h('p', { class: 'inbox-detail__note', text });
    const pre = (role, text) => h('pre', { class: 'inbox-detail__body', 'data-role': role, text });
    const who = a && a.own ? 'mmhook answered (its own answer: not a webhook call)'
      : 'mmhook answered, as Mattermost would';
    const parts = [
      h('h3', { text: `Request ${d.seq}: ${d.method} ${d.path}` }),
      h('p', { class: 'hint', text: [d.time, `from ${d.remote}`, d.contentType ?? '(no Content-Type)', size(d.size),
        d.userAgent ?? '(no User-Agent)'].join(' · ') }),
      ...notes.map(note),
      d.note ? note(d.note) : null,
      h('p', { text: a ? `${who}: ${a.status} ${a.contentType}` : 'No answer was sent.' }),
      a ? pre('inbox-answer', a.body) : null,
      h('p', { class: 'hint', text: `${plural(d.counts.error, 'error')}, ${plural(d.counts.warning, 'warning')}, ` +
        `${plural(d.counts.info, 'info')}, ${plural(d.posts, 'post')}.` }),
      ...this.forwardParts(d.forward, pre),
    ];
    this.detail.replaceChildren(...parts.filter(Boolean));
    this.detail.hidden = false;
  }

  forwardParts(f, pre) {
    if (!f) return [];
    if (f.state !== 'done' && f.state !== 'failed') {
      return [h('p', { class: 'hint', text: f.state === 'pending' ? 'Forwarding…' : `Not forwarded: ${f.error}` })];
    }
    const text = f.error ? `Mattermost did not answer: ${f.error}`
      : f.match ? `Mattermost answered ${f.status}, as predicted.`
        : `Mattermost answered ${f.status}: not what mmhook predicted.`;
    const cls = f.match ? 'inbox-detail__same' : 'inbox-detail__diff';
    const out = [h('p', { class: cls, 'data-role': 'forward-verdict', text })];
    if (!f.error) out.push(pre('forward-answer', f.body));
    const items = (list) => list.map((x) => h('li', { text: x }));
    if (f.differences.length) out.push(h('ul', { class: 'inbox-detail__differences' }, ...items(f.differences)));
    if (f.notes.length) out.push(h('ul', { class: 'hint' }, ...items(f.notes)));
    if (f.report) {
      const status = h('span', { class: 'hint', role: 'status', 'aria-live': 'polite' });
      const copy = async () => flash(status, (await copyText(f.report)) ? 'Copied.' : 'Copy failed: select the text.');
      out.push(h('details', { class: 'inbox-detail__report' },
        h('summary', { text: 'Report this difference (webhook key replaced by xxx)' }),
        h('button', { type: 'button', class: 'btn btn--small', 'data-role': 'copy-report', text: 'Copy report',
          onclick: copy }),
        status, pre('mismatch-report', f.report)));
    }
    return out;
  }
}

/** The footer's promise changes when the page talks to the server that served it. */
function updateFooter() {
  const foot = document.querySelector('.app-footer');
  for (const node of foot ? foot.childNodes : []) {
    if (node.nodeType === Node.TEXT_NODE && node.textContent.includes('No data leaves this page')) {
      node.textContent = ' · No data leaves this machine: the page talks only to the local mmhook server that '
        + 'served it (the inbox).';
    }
  }
}

export default {
  name: 'inbox',
  init(app) {
    const meta = document.querySelector('meta[name="mmhook-receiver"]');
    if (!meta || app.embed || location.protocol === 'file:' || typeof EventSource !== 'function') return;
    const inbox = new InboxPanel(app, meta.content);
    app.inbox = inbox;
    inbox.tab = app.tabs.add({ id: 'inbox', label: 'Inbox', panel: inbox.build() });
    app.on('report', () => { inbox.pushSettings(); inbox.showSync(); });
    app.on('settings', () => { inbox.pushSettings(); inbox.showSync(); });
    updateFooter();
    inbox.connect();
  },
};
