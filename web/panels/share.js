// Share links (the payload and settings in the URL fragment, never the webhook URL) and the local draft.
import { $, bodyMode, platformName } from '../shell.js';
import { copyText, flash } from './util.js';
import { encodeShare, readShare, SHARE_WARN_LENGTH, saveDraft, loadDraft, keepPreviousDraft, loadPreviousDraft } from '../share.js';
import { toRequestSettings, fromRequestSettings } from '../settings.js';

const DRAFT_MAX = 1_000_000;   // characters kept as a draft at most

function currentState(app) {
  return { body: app.editor.getText(), contentType: app.contentType, mode: app.mode, settings: toRequestSettings(app.settings, true),
    platform: app.platform };
}

// A shared payload never silently replaces the reader's work: their draft is kept aside (one click brings it back),
// and a link that cannot be read is said to be unreadable rather than ignored.
function opened(app, state, own) {
  app.openedShare = state;
  if (!own || own.body === state.body) return;
  keepPreviousDraft(own);
  app.notify({ key: 'share', text: 'Opened a shared payload. Your own draft is kept.', actions: [{ label: 'Restore your draft', run: () => {
    const d = loadPreviousDraft();
    if (!d || !app.editor) return;
    app.openedShare = null;
    app.sharedPayload = false;
    history.replaceState(null, '', location.href.replace(/#.*$/, ''));
    app.replaceSettings(fromRequestSettings(d.settings));
    app.setPlatform(d.platform);
    app.loadBody(d.body, d.mode, typeof d.contentType === 'string' ? d.contentType : null);
  } }] });
}

// The link's settings over the defaults; values a server would refuse are named in a notice, never used.
function sharedSettings(app, nested) {
  const problems = [];
  const flat = fromRequestSettings(nested, problems);
  if (problems.length) app.notify({ key: 'share-settings', text: `This share link's settings were not all usable: ${problems.join('; ')}.` });
  return flat;
}

function unreadable(app, r, fallback) {
  const why = r.tooLarge ? '' : `The app that carried it may have cut it short (${location.hash.length.toLocaleString('en')} characters of it arrived). `;
  app.notify({ key: 'share', kind: 'error', text: `This share link cannot be read: ${r.error}. ${why}${fallback} ` +
    'Ask the sender for the link again, or for the payload itself.' });
}

export default {
  name: 'share',
  async init(app) {
    const link = await readShare(location.hash);
    const draft = app.embed ? null : loadDraft();
    app.initial = link && link.state ? link.state : draft;
    if (link && link.state && !app.embed) opened(app, link.state, draft);
    app.sharedPayload = !!(link && link.state);   // the reader's webhook URL waits for their confirmation
    if (link && link.error) unreadable(app, link, draft ? 'Showing your own draft instead.' : 'Showing the example instead.');
    if (app.initial) {
      app.settings = link && link.state ? sharedSettings(app, app.initial.settings) : fromRequestSettings(app.initial.settings);
      app.mode = bodyMode(app.initial.mode);
      app.contentType = typeof app.initial.contentType === 'string' ? app.initial.contentType : null;
      app.platform = platformName(app.initial.platform);
    }
    window.addEventListener('hashchange', async () => {
      const r = await readShare(location.hash);
      if (!r || !app.editor) return;
      if (r.error) { unreadable(app, r, 'The payload in the editor is unchanged.'); return; }
      const now = currentState(app);
      if (!app.embed) opened(app, r.state, app.openedShare && now.body === app.openedShare.body ? loadDraft() : now);
      app.replaceSettings(sharedSettings(app, r.state.settings));
      app.sharedPayload = true;
      app.setPlatform(r.state.platform);
      app.loadBody(r.state.body, r.state.mode, typeof r.state.contentType === 'string' ? r.state.contentType : null);
      app.command?.update();
    });
    // The draft: saved when typing pauses; an embedded view never overwrites the reader's own draft, and neither does
    // a shared payload nobody has changed yet.
    app.on('pause', () => {
      if (app.embed) return;
      if (app.editor.length > DRAFT_MAX) {
        // Beyond what localStorage holds anyway (~5 MB of UTF-16 per origin); serialising it blocked typing.
        if (!app.draftTooLarge) app.notify({ key: 'draft', text: `This body is over ${DRAFT_MAX / 1e6} million characters: it is not kept as a draft in this browser (save it with Download).` });
        app.draftTooLarge = true;
        return;
      }
      app.draftTooLarge = false;
      const state = currentState(app);
      if (app.openedShare && state.body === app.openedShare.body) return;
      saveDraft(state);
    });
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
