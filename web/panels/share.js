// Share links (the payload and settings in the URL fragment, never the webhook URL) and the local draft.
import { $, bodyMode } from '../shell.js';
import { copyText, flash } from './util.js';
import { encodeShare, decodeShare, SHARE_WARN_LENGTH, saveDraft, loadDraft } from '../share.js';
import { toRequestSettings, fromRequestSettings } from '../settings.js';

function currentState(app) {
  return { body: app.editor.getText(), contentType: app.contentType, mode: app.mode, settings: toRequestSettings(app.settings, true) };
}

export default {
  name: 'share',
  async init(app) {
    const shared = await decodeShare(location.hash);
    const draft = shared || app.embed ? null : loadDraft();
    app.initial = shared || draft;
    if (app.initial) {
      app.settings = fromRequestSettings(app.initial.settings);
      app.mode = bodyMode(app.initial.mode);
      app.contentType = typeof app.initial.contentType === 'string' ? app.initial.contentType : null;
    }
    window.addEventListener('hashchange', async () => {
      const s = await decodeShare(location.hash);
      if (!s || !app.editor) return;
      app.replaceSettings(fromRequestSettings(s.settings));
      app.loadBody(s.body, s.mode, s.contentType ?? null);
    });
    // The draft: saved when typing pauses; an embedded view never overwrites the reader's own draft.
    app.on('pause', () => { if (!app.embed) saveDraft(currentState(app)); });
    const btn = $('share');
    const panel = $('share-panel');
    btn.addEventListener('click', async () => {
      if (!panel.hidden) { panel.hidden = true; btn.setAttribute('aria-expanded', 'false'); return; }
      const link = location.href.replace(/#.*$/, '') + await encodeShare(currentState(app));
      $('share-url').value = link;
      const len = $('share-length');
      len.className = 'share-panel__meta' + (link.length > SHARE_WARN_LENGTH ? ' share-panel__meta--warn' : '');
      len.textContent = `${link.length.toLocaleString('en')} characters` + (link.length > SHARE_WARN_LENGTH
        ? ` — longer than ${SHARE_WARN_LENGTH.toLocaleString('en')}: some chat clients, mail programs and browsers cut or refuse links this long.`
        : ' — short enough for chat clients.');
      panel.hidden = false;
      btn.setAttribute('aria-expanded', 'true');
      $('share-url').focus();
      $('share-url').select();
    });
    $('share-copy').addEventListener('click', async () => {
      const ok = await copyText($('share-url').value);
      flash($('share-length'), ok ? 'Link copied.' : 'Copy failed: select the link and copy it by hand.');
    });
  },
};
