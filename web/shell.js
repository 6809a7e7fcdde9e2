// The page shell: owns what every panel shares — the mmhook instance, the editor, the request shape (body mode,
// Content-Type, server settings), the last Report — and runs the panels' phases; the checks are web/checking.js's.
// Panels (web/panels/*.js, listed in web/panels/index.js) draw and change that state through the events below;
// web/panels/README.md says how to add one.
import { Checks } from './checking.js';
import { EXAMPLE_PAYLOAD } from './example.js';
import { defaultSettings, toRequestSettings, STATED_KEYS } from './settings.js';
import { loadPrefs, savePrefs } from './share.js';
import { readEmbedFlags, applyEmbedLayout } from './embed-mode.js';
import { h } from './views/h.js';

/** The element with data-role="role" (the page's stable hooks; tests use them too). */
export const $ = (role, root = document) => root.querySelector(`[data-role="${role}"]`);

/**
 * Events (app.on(type, fn)):
 *   report (text, report, meta{checkMs, keyTs, current, slow, limits})  after every check, in panel order (limits:
 *                         the limits table rows computed in the worker for a large body, else null)
 *   request ()            body mode or Content-Type changed (the check is rescheduled by the shell)
 *   settings ()           app.settings was replaced as a whole (share link, restore defaults): redraw fields
 *   platform (platform)   the view switched between 'web' and 'mobile' (the check is rescheduled by the shell)
 *   body (body, mode)     a whole new body was loaded (template, import, share link, restore)
 *   pause ()              typing paused: low-priority work (command text, draft)
 *   theme (theme)         light/dark switched
 *   tab (id)              a tools tab was shown
 *   webhook-url (url)     a webhook URL came from an imported command
 *   failure (text)        a panel failed (the others keep working)
 *   action ({postIndex, control, post, value})  a button was clicked or a menu option picked in the preview
 *   template (template)   a template was loaded (web/templates.js: its example response and dialog, if any)
 *   click-request (simulation)  the Buttons tab simulated a click (mm.simulateAction's result)
 */
export class App {
  /** mmReady: the mmhook instance (a promise: the wasm compiles while the page is set up); panels: web/panels/index.js. */
  constructor(mmReady, panels) {
    this.mmReady = mmReady;
    this.panels = panels;
    this.mm = null;
    this.editor = null;     // set by the editor panel (web/plain-editor.js: a textarea until CodeMirror arrives)
    this.commandsLoaded = false;   // see loadCommands()
    this.preview = null;    // set by the preview panel
    this.report = null;
    this.mode = 'json';     // 'json' | 'form' | 'multipart': the body format (the body sent is the editor text)
    this.contentType = 'application/json';   // the header sent, null = no header
    this.settings = defaultSettings();
    this.platform = 'web';  // whose Markdown dialect the preview shows: 'web' (web and desktop apps) | 'mobile'
    this.stated = new Set();  // setting keys the user set (settings tab, share link); see requestSettings()
    this.initial = null;    // {body, mode, contentType, settings} chosen by the share panel (link or draft), or null
    this.sharedPayload = false;   // the body came from a share link: commands hold back the stored URL until confirmed
    this.checks = new Checks(this);   // schedule(), edited(changes), perf, renderMarkdown(md): web/checking.js
    this.prefs = loadPrefs();
    this.embed = readEmbedFlags(location.search);
    this.listeners = new Map();
    this.failures = [];
  }

  /** Adds a listener; one added while a panel's phase hook runs is reported under that panel's name if it throws. */
  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push({ fn, owner: this.currentPanel || type });
  }

  /** Calls every listener of `type`; one failing listener does not stop the others (it is reported once). */
  emit(type, ...args) {
    for (const { fn, owner } of this.listeners.get(type) || []) {
      try { fn(...args); } catch (e) { if (type !== 'failure') this.panelFailed(owner, e); }
    }
  }

  savePrefs() { savePrefs(this.prefs); }

  /** Checks the editor text again (after a change of the request; the editor's own changes go to checks.edited). */
  schedule() { this.checks.schedule(); }

  /** The check worker once checks moved there, and whether they run there now (read by the browser tests). */
  get checker() { return this.checks.checker; }
  get slow() { return this.checks.slow; }

  /** Runs one phase hook ('init' | 'ready' | 'idle') of every panel, in order; a failing panel is reported, not fatal. */
  async phase(name, ...args) {
    for (const p of this.panels) {
      if (typeof p[name] !== 'function') continue;
      this.currentPanel = p.name;
      try { await p[name](this, ...args); } catch (e) { this.panelFailed(p.name, e); }
      this.currentPanel = null;
    }
  }

  panelFailed(name, e) {
    const text = `The ${name} panel failed: ${e && e.message ? e.message : e}`;
    console.error(text, e);
    this.failures.push(text);
    this.notify({ text, kind: 'error' });
    this.emit('failure', text);
  }

  /**
   * A notice under the page header until dismissed. kind: 'info' | 'error'; actions: [{label, run}] (each a button,
   * the notice closes after it runs); key: a notice with the same key replaces the older one. Returns the element.
   */
  notify({ text, kind = 'info', actions = [], key = null }) {
    const box = $('notices');
    if (!box) return null;
    if (key) box.querySelector(`[data-key="${CSS.escape(key)}"]`)?.remove();
    const note = h('div', { class: `notice notice--${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-key': key });
    const close = () => note.remove();
    note.append(h('span', { class: 'notice__text', text }),
      ...actions.map((a) => h('button', { type: 'button', class: 'btn btn--small', text: a.label, onclick: () => { close(); a.run(); } })),
      h('button', { type: 'button', class: 'btn btn--small notice__close', 'aria-label': 'Dismiss', text: 'Dismiss', onclick: close }));
    box.append(note);
    return note;
  }

  async start() {
    if (this.embed) applyEmbedLayout(this.embed);
    await this.phase('init');
    this.mm = await this.mmReady;
    if (this.platform === 'mobile') await this.loadCommands().catch(() => {});   // the mobile dialect: the tools module
    // The first check runs before the editor exists, so the editor starts with its lint markers (no second update).
    const doc = this.initial ? this.initial.body : EXAMPLE_PAYLOAD;
    // A large body (a share link, a draft) is checked in the worker from the start: the page never freezes on it.
    const first = await this.checks.first(doc);
    await this.phase('ready', doc, first.report);
    if (!this.editor) throw new Error('the editor did not start');
    performance.mark('mmhook:editor');
    if (this.preview) await this.preview.ready;
    this.checks.apply(doc, first.report, first.ms, null, this.checks.version);
    performance.mark('mmhook:preview');
    document.body.dataset.preview = 'true';
    // CodeMirror is fetched only now (the textarea works meanwhile); data-ready="true" once it took over.
    const editor = this.loadEditor ? this.loadEditor() : Promise.resolve();
    // Panels nobody uses in the first moment are filled right after the first preview, in their own task.
    await new Promise((r) => setTimeout(r, 0));
    await this.phase('idle');
    // A chunk that cannot load (a partial upload) leaves the textarea working: reported, not fatal.
    await editor.catch((e) => this.panelFailed('editor', e));
    performance.mark('mmhook:ready');
    document.body.dataset.ready = 'true';
  }

  /** Loads the on-demand command engine (mm.loadCommands, when the build has one) once; a promise. Call it before the
   *  first command()/simulateAction()/checkDialog()/restFollowUp(). `commandsLoaded`: it has resolved. */
  loadCommands() {
    if (!this.commandsPromise) {
      if (typeof this.mm?.loadCommands !== 'function') {
        this.commandsLoaded = true;   // a build with one module: nothing to load
        this.commandsPromise = Promise.resolve();
      } else {
        this.commandsPromise = Promise.resolve(this.mm.loadCommands()).then(() => { this.commandsLoaded = true; });
        this.commandsPromise.catch((e) => this.panelFailed('command engine', e));
      }
    }
    return this.commandsPromise;
  }

  // ---- the request ------------------------------------------------------------------------------------------------
  /** The request options of mm.check for the editor text: {contentType, settings, platform}. */
  checkRequest() { return { contentType: this.contentType, settings: requestSettings(this.settings, this.stated), platform: this.platform }; }

  /** Switches the view between the web/desktop apps and the mobile app (an unknown value means web). */
  setPlatform(platform) {
    const p = platformName(platform);
    if (p === this.platform) return;
    this.platform = p;
    this.emit('platform', p);
    if (this.mm && this.editor) this.schedule();
  }

  setContentType(ct) {
    this.contentType = ct === undefined || ct === '' ? null : ct;
    this.emit('request');
    this.schedule();
  }

  /** Replaces the editor content (undoable) and the request shape. */
  loadBody(body, mode, contentType) {
    this.mode = bodyMode(mode);
    this.contentType = contentType === undefined || contentType === '' ? null : contentType;
    this.emit('request');
    this.editor.setText(body);
    this.emit('body', body, this.mode);
    this.schedule();
  }

  /** Replaces every server setting (share link, restore defaults). */
  replaceSettings(flat) {
    this.settings = flat;
    const defaults = defaultSettings();
    this.stated = new Set(STATED_KEYS.filter((k) => flat[k] !== defaults[k]));
    this.emit('settings');
    this.schedule();
  }
}

/** 'mobile', or 'web' for anything else (share links and drafts are untrusted). */
export const platformName = (p) => (p === 'mobile' ? 'mobile' : 'web');

/** A body format name, or 'json' for anything else (share links and drafts are untrusted). */
export const bodyMode = (mode) => (mode === 'form' || mode === 'multipart' ? mode : 'json');

// Keys of STATED_KEYS go to check() only once the user has set them: an assumed default (off) then reports an ignored
// `username` as what the post shows (info), a stated one as a problem with their server (warning).
function requestSettings(settings, stated) {
  const out = toRequestSettings(settings);
  const defaults = defaultSettings();
  for (const k of STATED_KEYS) if (!stated.has(k) && out[k] === defaults[k]) delete out[k];
  return out;
}
