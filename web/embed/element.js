// The <mmhook-preview> element class: a webhook payload next to how Mattermost renders it, for docs sites
// (web/embed/README.md). mmhook-embed.js registers it; this module only defines it.
// One wasm instance per page, created when the first element comes into view; each element renders in its own shadow
// root with the page's post styles. Post HTML comes from the core's allow-list renderer and is parsed in an inert
// <template>; nothing from the data ever becomes script, an event handler or a request (remote images are opt-in).
import { createMmhook } from '../../wasm/mmhook.js';
import CSS from 'mmhook-embed:css';
import FONTS from 'mmhook-embed:fonts';
import { hc as h } from '../views/h.js';
import { renderVerdict } from '../views/verdict.js';
import { renderDiagnostics } from '../views/diagnostics.js';
import { blockImage } from '../views/blocked-image.js';

const VIEWS = ['verdict', 'diagnostics', 'command', 'slack-diff'];
const DEFAULT_SHOW = 'verdict diagnostics';

// What a read-only element never needs, loaded when an element first uses it (chunks of their own in the module
// build; mmhook-embed.js draws a read-only element with none of them): the editor and click → request view, the
// command view, the slack-diff view.
const PARTS = {
  edit: () => import('./editing.js'),
  command: () => import('./command-view.js'),
  diff: () => import('./diff-view.js'),
};
const loaded = {};
const part = (name) => (loaded[name] ||= PARTS[name]());
/** The command engine (mm.loadCommands in builds where it is a module of its own), loaded once. */
let commands = null;
const loadCommands = (mm) => (commands ||= Promise.resolve(typeof mm.loadCommands === 'function' ? mm.loadCommands() : null));
const REMOTE = /^https?:\/\//i;
const UNSAFE_URL = /^(?:javascript|vbscript|data):/i;

// ---- the shared engine -----------------------------------------------------------------------------------------------
const live = new Set();      // connected elements
let engine = null;           // Promise<Mmhook> once loading started
let ready = null;            // the Mmhook once loaded
let observer = null;
const stats = { wasmLoads: 0 };

function b64bytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// The fonts go to document.fonts under private family names (no stylesheet in the host page; @font-face rules in a
// shadow root would not apply). Faces with a url (the module build: fonts/ beside it) load when text first uses them,
// drawn meanwhile in the fallback font (display swap); data faces (the classic script, the icons) need no request.
function registerFonts() {
  if (typeof FontFace !== 'function' || !document.fonts) return;
  for (const { family, url, data, ...desc } of FONTS) {
    try { document.fonts.add(new FontFace(family, url ? `url(${JSON.stringify(url)}) format("woff2")` : b64bytes(data), desc)); } catch { /* a font is a nicety */ }
  }
}

function startEngine() {
  if (engine) return engine;
  stats.wasmLoads++;
  registerFonts();
  // The lean start: the mobile dialect comes with the tools module, loaded before the first mobile check (_update).
  engine = createMmhook({ platforms: ['web'] }).then((mm) => {
    ready = mm;
    if (observer) { observer.disconnect(); observer = null; }
    for (const el of live) el._engineReady();
    return mm;
  }, (err) => {
    for (const el of live) el._engineFailed(err);
    throw err;
  });
  return engine;
}

function watch(el) {
  if (ready) { el._engineReady(); return; }
  if (engine) return;
  if (typeof IntersectionObserver !== 'function') { startEngine(); return; }
  if (!observer) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) startEngine();
    }, { rootMargin: '200px 0px' });
  }
  observer.observe(el);
}

let sheet = null;
function adoptStyles(root) {
  try {
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}

const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener('change', () => { for (const el of live) el._applyTheme(); });

// ---- DOM helpers ------------------------------------------------------------------------------------------------------
/** Strips the common indentation and surrounding blank lines of a payload written inside HTML. */
export function dedent(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

// Defence in depth over the core's allow-list: no script-capable element, handler attribute or script URL survives;
// images load only when allowed (remote ones only with `remote-images`).
function sanitize(root, remoteImages) {
  for (const bad of root.querySelectorAll('script, iframe, object, embed, link, meta, base, form, frame, frameset, style, template')) bad.remove();
  for (const el of root.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction' || name === 'srcset') { el.removeAttribute(attr.name); continue; }
      if ((name === 'href' || name === 'src' || name === 'action' || name === 'xlink:href' || name === 'poster')) {
        const v = attr.value.replace(/[\u0000-\u0020]+/g, '');
        if (UNSAFE_URL.test(v) && !(name === 'src' && el.tagName === 'IMG' && /^data:image\/(png|gif|jpe?g|webp);/i.test(v))) el.removeAttribute(attr.name);
      }
    }
    if (el.tagName === 'A') { el.setAttribute('rel', 'noopener noreferrer'); el.setAttribute('target', '_blank'); }
  }
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src') || '';
    const ok = /^data:image\//i.test(src) || (REMOTE.test(src) && remoteImages);
    if (!ok) {
      if (img.classList.contains('mm-post__avatar-img')) {
        // The avatar: Mattermost's default picture (a same-sized box) instead of a placeholder.
        const box = document.createElement('span');
        box.className = 'mm-post__avatar-placeholder';
        box.setAttribute('aria-hidden', 'true');
        img.replaceWith(box);
      } else blockImage(img);
      continue;
    }
    img.setAttribute('referrerpolicy', 'no-referrer');
    img.setAttribute('loading', 'lazy');
  }
}

function clock() { return new Date().toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' }); }

// ---- the element ------------------------------------------------------------------------------------------------------
const Base = typeof HTMLElement === 'function' ? HTMLElement : class {};

export class MmhookPreview extends Base {
  static get observedAttributes() {
    return ['payload', 'src', 'theme', 'content-type', 'settings', 'editable', 'show', 'webhook-url', 'remote-images', 'platform'];
  }
  /** How many times this bundle created the wasm instance (0 or 1). */
  static get wasmLoads() { return stats.wasmLoads; }
  /** Loads the shared engine now instead of on first visibility. */
  static load() { return startEngine(); }

  constructor() {
    super();
    this._root = this.attachShadow({ mode: 'open' });
    adoptStyles(this._root);
    this._wrap = h('div', 'mme');
    this._wrap.setAttribute('part', 'root');
    this._loading = h('div', 'mme-loading', 'Mattermost preview: loads when scrolled into view…');
    this._loading.setAttribute('part', 'placeholder');
    this._wrap.append(this._loading);
    this._root.append(this._wrap);
    this._edited = null;       // the editor's text once the reader typed
    this._srcCache = new Map();
    this._report = null;
    this._body = '';
    this._pending = false;
    this._seq = 0;
    this._shell = 'posix';
    this._built = false;
    this._parts = { edit: null, command: null, diff: null };
    this._applyTheme();
  }

  connectedCallback() {
    live.add(this);
    this._applyTheme();
    if (!this._mo && typeof MutationObserver === 'function') {
      // A child <script type="application/json"> may arrive after the element (streaming parser, frameworks).
      this._mo = new MutationObserver(() => { if (this._edited === null && !this.hasAttribute('payload') && !this.hasAttribute('src')) this._schedule(); });
      this._mo.observe(this, { childList: true, subtree: true, characterData: true });
    }
    watch(this);
  }

  disconnectedCallback() {
    live.delete(this);
    if (observer) observer.unobserve(this);
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'theme') { this._applyTheme(); return; }
    if (name === 'payload' || name === 'src') this._edited = null;
    if (name === 'editable' || name === 'show') this._built = false;
    this._schedule();
  }

  /** The last Report (null before the first check). */
  get report() { return this._report; }
  /** The payload text being checked (the editor's text once edited). */
  get value() { return this._body; }
  set value(text) { this._edited = String(text); if (this._editor) this._editor.value = this._edited; this._schedule(); }

  /** Re-checks now (after the engine is ready); resolves to the Report. */
  async check() {
    await startEngine();
    return this._update();
  }

  _engineReady() {
    if (this._loading) { this._loading.remove(); this._loading = null; }
    this._schedule();
  }

  _engineFailed(err) {
    if (this._loading) this._loading.textContent = `The Mattermost preview could not start: ${err && err.message ? err.message : err}`;
  }

  _applyTheme() {
    const t = (this.getAttribute('theme') || 'light').toLowerCase();
    const dark = t === 'dark' || (t === 'auto' && darkQuery && darkQuery.matches);
    this._wrap.dataset.theme = dark ? 'dark' : 'light';
    this._wrap.style.colorScheme = dark ? 'dark' : 'light';
  }

  _schedule() {
    if (!ready || this._pending || !this.isConnected) return;
    this._pending = true;
    queueMicrotask(() => { this._pending = false; this._update().catch(() => {}); });
  }

  _views() {
    const raw = this.getAttribute('show');
    const words = (raw === null ? DEFAULT_SHOW : raw).toLowerCase().split(/[\s,]+/).filter(Boolean);
    return new Set(words.filter((w) => VIEWS.includes(w)));
  }

  _contentType() {
    const ct = this.getAttribute('content-type');
    if (ct === null) return 'application/json';
    return ct === '' || ct.toLowerCase() === 'none' ? null : ct;
  }

  _settings() {
    const raw = this.getAttribute('settings');
    if (!raw) return { settings: undefined, problem: null };
    try {
      const v = JSON.parse(raw);
      if (!v || typeof v !== 'object' || Array.isArray(v)) return { settings: undefined, problem: 'the settings attribute must be a JSON object' };
      return { settings: v, problem: null };
    } catch (e) {
      return { settings: undefined, problem: `the settings attribute is not valid JSON (${e.message})` };
    }
  }

  // The payload: the editor's text once edited, else the payload attribute, else src (a same-origin URL), else a child
  // <script type="application/json">. A child script is also the fallback when src cannot be loaded — always so on a
  // page opened from disk, where browsers refuse to read files (no request is tried there when a fallback exists).
  async _source() {
    if (this._edited !== null) return { text: this._edited };
    const payload = this.getAttribute('payload');
    if (payload !== null) return { text: payload };
    const script = [...this.children].find((c) => c.tagName === 'SCRIPT' && /^application\/(json|x-www-form-urlencoded)$/i.test(c.type));
    const inline = script ? { text: dedent(script.textContent) } : null;
    const src = this.getAttribute('src');
    if (src !== null) {
      let url;
      try { url = new URL(src, document.baseURI); } catch { return inline || { text: '', problem: `src is not a URL: ${src}` }; }
      if (url.origin !== location.origin) return { text: '', problem: `src must be a same-origin URL (${url.origin} is not ${location.origin})` };
      if (url.protocol === 'file:' && inline) return inline;
      if (!this._srcCache.has(url.href)) {
        this._srcCache.set(url.href, fetch(url.href, { credentials: 'same-origin' }).then(async (r) => {
          if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
          return r.text();
        }));
      }
      try { return { text: await this._srcCache.get(url.href) }; } catch (e) {
        this._srcCache.delete(url.href);
        return inline || { text: '', problem: `cannot load ${src}: ${e.message}` };
      }
    }
    return inline || { text: '', problem: 'no payload: add a <script type="application/json"> child, a payload attribute or a src URL' };
  }

  // Builds the fixed layout for the current `editable` and `show` attributes.
  _build(views) {
    const layout = h('div', 'mme-layout');
    this._editor = null;
    if (this._parts.edit) {
      layout.classList.add('mme-layout--editable');
      layout.append(this._parts.edit.buildEditor(this));
    }
    const main = h('div', 'mme-main');
    this._verdict = views.has('verdict') ? h('div', 'verdict') : null;
    if (this._verdict) { this._verdict.setAttribute('part', 'verdict'); this._verdict.setAttribute('role', 'status'); }
    this._preview = h('div', 'mme-preview mmp-post-list');
    this._preview.setAttribute('part', 'preview');
    this._preview.setAttribute('role', 'list');
    this._preview.setAttribute('aria-label', 'The post as Mattermost shows it');
    this._preview.addEventListener('click', (e) => this._onPreviewClick(e));
    this._preview.addEventListener('change', (e) => {
      const t = e.target instanceof Element ? e.target : null;
      if (t && t.matches('select.mm-action-select[data-action]') && t.value !== '') this._simulate(t, t.value);
    });
    const section = (name, title, always = false) => {
      if (!always && !views.has(name)) return null;
      const s = h('section', `mme-section mme-${name}`);
      s.setAttribute('part', name);
      const head = h('h3', 'mme-section__title');
      head.append(h('span', '', title));
      s.append(head);
      s._head = head;
      return s;
    };
    this._diags = section('diagnostics', 'Problems');
    this._diff = section('slack-diff', 'Slack format → what Mattermost stores');
    this._command = section('command', 'Send it');
    if (this._command) this._parts.command.buildCommand(this, this._command, () => this._renderCommand());
    // editable: a click on a button or menu shows the request Mattermost would send to the integration (issue 19).
    this._action = this._parts.edit ? section('action', 'Click → request to the integration', true) : null;
    if (this._action) {
      this._action.hidden = true;
      this._actionBox = h('div', 'req');
      this._simIds = this._parts.edit.simIdsPanel(() => { if (this._lastClick && this._lastClick[0].isConnected) this._simulate(...this._lastClick); });
      this._action.append(this._simIds.node, this._actionBox);
    }
    main.append(...[this._verdict, this._preview, this._action, this._diags, this._diff, this._command].filter(Boolean));
    layout.append(main);
    this._wrap.replaceChildren(layout);
    this._shownHtml = null;
    this._built = true;
  }

  async _update() {
    const seq = ++this._seq;
    const mm = await startEngine();
    const src = await this._source();
    const views = this._views();
    const parts = await this._loadParts(views, mm);
    if ((this.getAttribute('platform') || '').toLowerCase() === 'mobile') await loadCommands(mm).catch(() => {});
    if (seq !== this._seq) return this._report;   // a newer update started meanwhile
    this._parts = parts;
    if (!this._built) this._build(views);
    const body = src.text;
    this._body = body;
    if (this._editor && this._editor.value !== body) this._editor.value = body;
    const contentType = this._contentType();
    const { settings, problem: settingsProblem } = this._settings();
    // platform="mobile": the mobile app's view (phone width, its typography and Markdown dialect); an unknown value is
    // passed on, so the report carries the options.platform warning and the web view is shown.
    const platform = this.getAttribute('platform');
    this._wrap.dataset.platform = platform !== null && platform.toLowerCase() === 'mobile' ? 'mobile' : 'web';
    let report;
    try {
      report = mm.check(body, { contentType, settings, platform: platform === null || platform === '' ? undefined : platform.toLowerCase() });
    } catch (e) {
      report = { ok: false, status: 0, error: { id: 'mmhook.embed', message: String(e && e.message), detailed_error: '' }, diagnostics: [], posts: [] };
    }
    this._report = report;
    this._renderVerdict(report, src.problem || settingsProblem);
    this._renderPosts(report, src.problem);
    if (this._diags) this._renderDiagnostics(report);
    if (this._diff) this._renderDiff(body, contentType, report);
    if (this._command) this._renderCommand();
    this.dispatchEvent(new CustomEvent('mmhook-check', { bubbles: true, composed: true, detail: { report, body, contentType } }));
    return report;
  }

  // The lazily loaded parts this element uses now: {edit, command, diff} (each a module or null).
  async _loadParts(views, mm) {
    const editable = this.hasAttribute('editable');
    const [edit, command, diff] = await Promise.all([editable ? part('edit') : null, views.has('command') ? part('command') : null,
      views.has('slack-diff') ? part('diff') : null]);
    // The command view needs the tools module; if it cannot load, the rest still draws and the view says why.
    if (command) await loadCommands(mm).catch((e) => { this._commandsFailed = e; });
    return { edit, command, diff };
  }

  _renderVerdict(report, problem) {
    if (this._verdict) renderVerdict(this._verdict, report, { note: problem || '' });
  }

  _renderPosts(report, problem) {
    const list = this._preview;
    if (!report.ok || report.posts.length === 0) {
      // Keep the last good posts, dimmed, while the reader fixes the payload.
      if (this._shownHtml) { list.classList.add('mme-preview--stale'); list.setAttribute('aria-busy', 'true'); return; }
      const msg = problem || (report.error ? `Not posted: ${report.error.message}` : 'Not posted.');
      list.replaceChildren(h('div', 'mme-empty', msg));
      return;
    }
    list.classList.remove('mme-preview--stale');
    list.removeAttribute('aria-busy');
    const remote = this.hasAttribute('remote-images');
    const htmls = report.posts.map((p) => p.html);
    const key = htmls.join('\u0000') + (remote ? '\u0001' : '');
    if (key === this._shownHtml) return;
    const clickable = this._parts.edit;
    const n = report.posts.length;
    const frag = document.createDocumentFragment();
    report.posts.forEach((p, i) => {
      if (n > 1) {
        const sep = h('div', 'mmp-split');
        sep.setAttribute('role', 'separator');
        sep.append(h('span', '', i === 0 ? `Split into ${n} posts — part 1 of ${n}` : `Part ${i + 1} of ${n} — a separate post`));
        frag.append(sep);
      }
      const wrap = h('div', 'mmp-post');
      wrap.setAttribute('role', 'listitem');
      wrap.setAttribute('part', 'post');
      const tpl = document.createElement('template');
      tpl.innerHTML = p.html;   // inert: nothing in a template runs or loads
      sanitize(tpl.content, remote);
      if (clickable) clickable.enableActions(tpl.content);
      for (const t of tpl.content.querySelectorAll('time.mm-post__time')) if (!t.textContent) t.textContent = clock();
      wrap.append(tpl.content);
      frag.append(wrap);
    });
    list.replaceChildren(frag);
    this._shownHtml = key;
  }

  _onPreviewClick(e) {
    const t = e.target instanceof Element ? e.target : null;
    const button = t && t.closest('.mm-action-button[data-action]');
    if (button) { e.preventDefault(); this._simulate(button, null); return; }
    const menu = t && t.closest('select.mm-action-select[data-action]');
    if (menu && menu.options.length <= 1) { this._simulate(menu, null); return; }
    const toggle = t && t.closest('[data-role="card-toggle"], .mm-post__card-icon');
    if (toggle) {
      e.preventDefault();
      const panel = toggle.closest('.mm-post') && toggle.closest('.mm-post').querySelector('.mm-post__card');
      if (panel) {
        panel.hidden = !panel.hidden;
        toggle.setAttribute('aria-expanded', String(!panel.hidden));
      }
    }
  }

  // The request a click on `control` (a drawn action) makes; value: the picked menu option (null: a users/channels
  // menu stands for the simulated user or channel).
  _simulate(control, value) {
    if (!this._action || !ready || !this._report || !this._report.ok || !this._parts.edit) return;
    const mm = ready;
    loadCommands(mm).then(() => this._parts.edit.simulate(this, mm, control, value), () => {});
  }

  _renderDiagnostics(report) {
    const jump = this._editor ? (d) => { this._editor.focus(); this._editor.setSelectionRange(d.offset, d.offset); } : null;
    renderDiagnostics(this._diags, report.diagnostics, { onJump: jump, parts: true, idPrefix: 'mme-diag' });
  }

  _renderDiff(body, contentType, report) {
    this._parts.diff.renderDiff(this._diff, body, contentType, report);
  }

  _renderCommand() {
    if (!this._command || !ready || !this._parts.command) return;
    this._parts.command.renderCommand(this, ready);
  }
}
