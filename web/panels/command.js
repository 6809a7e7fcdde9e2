// The "Command" tab: the payload as a ready-to-run command for the chosen shell, with the reader's webhook URL
// (kept on this page; stored only when asked). The stored URL is never loaded in embed mode, and a payload from a
// share link (app.sharedPayload) gets the placeholder until the reader confirms (or types a URL).
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { copyText, flash, tablistKeys } from './util.js';
import { bodyAsJson } from './body.js';
import { saveWebhookUrl, loadWebhookUrl, forgetWebhookUrl } from '../share.js';
import { SHELLS } from '../../wasm/shells.gen.js';

// Bodies longer than this get their command built on Copy only: generating and drawing a multi-megabyte command on
// every typing pause blocked the main thread for ~0.5 s at 5 MB.
const LIVE_MAX = 256 * 1024;
const PLACEHOLDER_URL = 'https://your-mattermost.example.com/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx';

class CommandPanel {
  constructor(app) {
    this.app = app;
    this.ok = false;
    this.realUrl = false;
    this.shell = app.prefs.shell && SHELLS.some((s) => s.id === app.prefs.shell) ? app.prefs.shell : 'posix';
  }

  wire() {
    const url = $('webhook-url');
    const remember = $('remember-url');
    const stored = this.app.embed ? '' : loadWebhookUrl();
    if (stored) { url.value = stored; remember.checked = true; }
    if (this.app.embed) remember.disabled = true;   // a framed page never reads or writes the stored URL
    url.addEventListener('input', () => {
      this.app.sharedPayload = false;
      if (remember.checked) saveWebhookUrl(url.value.trim());
      this.update();
    });
    remember.addEventListener('change', () => { if (remember.checked) saveWebhookUrl(url.value.trim()); else forgetWebhookUrl(); });
    this.app.on('webhook-url', (u) => { url.value = u; if (remember.checked) saveWebhookUrl(u); });
    const reveal = $('reveal-url');
    reveal.addEventListener('click', () => {
      const show = url.type === 'password';
      url.type = show ? 'text' : 'password';
      reveal.setAttribute('aria-pressed', String(show));
      reveal.textContent = show ? 'Hide' : 'Show';
    });
    const tabs = $('shell');
    for (const { id: key, label } of SHELLS) {
      const b = h('button', { type: 'button', role: 'tab', 'data-shell': key, 'aria-selected': String(key === this.shell),
        tabindex: key === this.shell ? '0' : '-1', 'aria-controls': 'command-text-wrap', text: label });
      b.addEventListener('click', () => this.selectShell(key));
      tabs.append(b);
    }
    tablistKeys(tabs, (b) => this.selectShell(b.dataset.shell));
    $('command-text').id = 'command-text-wrap';
    for (const r of document.querySelectorAll('input[name="encoding"]')) r.addEventListener('change', () => this.update());
    $('copy-command').addEventListener('click', async () => {
      await this.app.loadCommands();
      const text = this.update(true);
      if (!this.ok) { flash($('copy-status'), 'Nothing to copy: the command is not available.'); return; }
      const ok = await copyText(text);
      flash($('copy-status'), ok ? (this.realUrl ? 'Copied — contains your real webhook URL.' : 'Copied (with a placeholder URL: paste yours above).')
        : 'Copy failed: select the command and copy it by hand.');
    });
    this.app.on('pause', () => this.update());
    this.app.on('tab', (id) => { if (id === 'tab-command') this.update(); });
  }

  selectShell(key) {
    this.shell = key;
    this.app.prefs.shell = key;
    this.app.savePrefs();
    for (const b of $('shell').querySelectorAll('[role="tab"]')) {
      const on = b.dataset.shell === key;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    this.update();
  }

  holdNote() {
    return h('li', { class: 'hint', 'data-role': 'shared-url-hold' },
      'This payload came from a share link, so the command uses a placeholder instead of your webhook URL. ',
      h('button', { type: 'button', class: 'btn btn--small', 'data-role': 'use-own-url', text: 'Use my webhook URL for this payload',
        onclick: () => { this.app.sharedPayload = false; this.update(); } }));
  }

  /** Rebuilds the command (a large body only when `force`); returns its text ('' when there is none). */
  update(force = false) {
    const app = this.app;
    if (!app.mm || !app.editor) return '';
    const pre = $('command-text');
    if (!app.commandsLoaded) {   // the command engine is its own module: loaded on the tab's first use
      if (!pre.textContent) pre.textContent = 'Loading the command generator…';
      app.loadCommands().then(() => this.update(force), () => {});
      return '';
    }
    const notes = $('command-notes');
    const encoding = document.querySelector('input[name="encoding"]:checked')?.value || 'json';
    const typed = $('webhook-url').value.trim();
    const held = typed !== '' && app.sharedPayload === true;
    const raw = held ? '' : typed;
    this.realUrl = raw !== '';
    const url = raw || PLACEHOLDER_URL;
    const text = app.editor.getText();
    notes.replaceChildren();
    if (text.length > LIVE_MAX && !force) {
      this.ok = true;
      pre.textContent = `The command for this ${(text.length / 1048576).toFixed(1)} MB body is built when you press Copy (drawing it here would slow typing).`;
      if (held) notes.append(this.holdNote());
      return '';
    }
    const body = bodyAsJson(text, app.mode);
    try {
      const opts = { url, shell: this.shell, encoding };
      const out = typeof app.mm.commandDetails === 'function' ? app.mm.commandDetails(body, opts) : app.mm.command(body, opts);
      const cmd = typeof out === 'string' ? out : out && typeof out.command === 'string' ? out.command : String(out);
      pre.textContent = text.length > LIVE_MAX ? `The command for this ${(text.length / 1048576).toFixed(1)} MB body was built and copied.` : cmd;
      this.ok = true;
      const diags = out && typeof out === 'object' && Array.isArray(out.diagnostics) ? out.diagnostics : [];
      for (const d of diags) {
        if (!this.realUrl && /^command\.url/.test(d.code)) continue;
        notes.append(h('li', { class: `diagnostic--${d.severity}`, text: `${d.message} [${d.code}]` }));
      }
      if (held) notes.append(this.holdNote());
      else if (!this.realUrl) notes.append(h('li', { class: 'hint', text: 'The command uses a placeholder URL; paste your webhook URL above to get a ready-to-run command.' }));
      return cmd;
    } catch (e) {
      this.ok = false;
      pre.textContent = `Command generation is not available in this build of mmhook (${e && e.message ? e.message : e}).`;
      return '';
    }
  }
}

export default {
  name: 'command',
  init(app) {
    app.command = new CommandPanel(app);
    app.command.wire();
  },
};
