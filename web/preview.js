// The preview: Report.posts[].html drawn in a sandboxed iframe (no allow-scripts: nothing in it can ever run script,
// even if the renderer had a bug) styled like Mattermost's centre channel. The page manipulates the frame's DOM
// from outside (same origin via allow-same-origin); code blocks are highlighted here with highlight.js.
// highlight.js (its common languages) is evaluated on first use, not at page start.
let hljs = null;
let hljsLoading = null;
function loadHljs(then) {
  if (!hljsLoading) hljsLoading = import('highlight.js/lib/common').then((m) => { hljs = m.default || m; });
  hljsLoading.then(then);
}

import { morphChildren, morphRange, diffPost, scanTree } from './morph.js';
import { blockImage, isBlockedImage } from './views/blocked-image.js';
import { enableActions } from './views/interact.js';
import { hIn } from './views/h.js';

const REMOTE = /^https?:\/\//i;
// Posts drawn at most; the rest of a huge split payload is summarised in one line (the check still covers all of them).
export const MAX_DRAWN_POSTS = 100;
const CARD_TRIGGER = '[data-role="card-toggle"], .mm-post__card-icon, [data-mm-card]';
const highlightCache = new Map();
let clockFormat = null;

function highlighted(lang, text) {
  const key = lang + '\u0000' + text;
  let html = highlightCache.get(key);
  if (html === undefined) {
    try { html = hljs.highlight(text, { language: lang, ignoreIllegals: true }).value; } catch { html = null; }
    if (highlightCache.size > 200) highlightCache.clear();
    highlightCache.set(key, html);
  }
  return html;
}

const liveName = (node) => (node.nodeType === 1 ? node.localName : node.nodeName);
const hasCard = (p) => !!(p.props && typeof p.props.card === 'string' && p.props.card);

export class Preview {
  /**
   * frame: the sandboxed <iframe>; sheets: CSS texts to adopt in it; renderCard(markdown) -> html string (safe, from the core).
   */
  constructor({ frame, staleBanner, sheets, renderCard, onAction = null }) {
    this.frame = frame;
    this.onAction = onAction;   // (postIndex, control, post, value) on a click of a button or a menu pick
    this.staleBanner = staleBanner;
    this.sheets = sheets;
    this.renderCard = renderCard;
    this.loadRemoteImages = false;
    this.theme = 'light';
    this.platform = 'web';
    this.posts = [];
    this.stats = { patched: 0, rebuilt: 0 }; // posts updated in place / re-parsed whole
    // The frame first holds its initial about:blank document (already "complete", with a body) until the srcdoc one
    // replaces it; when the script runs early (a reload from the cache), drawing into the blank one would be lost.
    // A later load (the frame's document replaced) sets the frame up again; the next render redraws every post.
    this.ready = new Promise((resolve) => {
      if (this.#init()) resolve();
      frame.addEventListener('load', () => { if (this.doc !== frame.contentDocument && this.#init()) resolve(); });
    });
  }

  /** The frame's document when it is the loaded srcdoc one, else null. */
  #frameDoc() {
    const doc = this.frame.contentDocument;
    return doc && doc.body && doc.readyState === 'complete' && (doc.URL === 'about:srcdoc' || !this.frame.hasAttribute('srcdoc')) ? doc : null;
  }

  #init() {
    const doc = this.#frameDoc();
    if (!doc) return false;
    this.postEls = null;
    this.doc = doc;
    const win = this.frame.contentWindow;
    doc.adoptedStyleSheets = this.sheets.map((css) => { const s = new win.CSSStyleSheet(); s.replaceSync(css); return s; });
    this.channelName = hIn(doc, 'span', { class: 'mmp-channel-header__name', text: 'Town Square' });
    const header = hIn(doc, 'header', { class: 'mmp-channel-header' }, this.channelName,
      hIn(doc, 'span', { class: 'mmp-channel-header__icon icon icon-star-outline', 'aria-hidden': 'true' }));
    this.list = hIn(doc, 'div', { class: 'mmp-post-list', role: 'list', 'aria-label': 'Posts as Mattermost shows them' });
    this.rhs = hIn(doc, 'aside', { class: 'mmp-rhs', hidden: true, 'aria-label': 'Card' });
    this.textbox = hIn(doc, 'div', { class: 'mmp-textbox', text: 'Write to Town Square' });
    doc.body.replaceChildren(hIn(doc, 'div', { class: 'mmp-app' }, header,
      hIn(doc, 'div', { class: 'mmp-channel-body' }, this.list, this.rhs), hIn(doc, 'div', { class: 'mmp-channel-footer' }, this.textbox)));
    doc.documentElement.lang = 'en';
    doc.title = 'Post preview';
    // Links never navigate the frame; card icons open the side panel.
    doc.addEventListener('click', (e) => this.#onClick(e), true);
    doc.addEventListener('submit', (e) => e.preventDefault(), true);
    doc.addEventListener('change', (e) => this.#onAction(e.target, 'change'), true);
    doc.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const t = e.target;
      if (t && t.closest && t.closest(CARD_TRIGGER) && t.tagName !== 'BUTTON') {
        e.preventDefault();
        this.openCard(t);
      }
      if (e.key === 'Escape' && !this.rhs.hidden) this.closeCard();
    }, true);
    this.#applyTheme();
    return true;
  }

  #onClick(e) {
    const target = e.target instanceof this.frame.contentWindow.Element ? e.target : null;
    if (!target) return;
    const card = target.closest(CARD_TRIGGER);
    if (card) { e.preventDefault(); this.openCard(card); return; }
    if (target.closest('.mmp-rhs__close')) { e.preventDefault(); this.closeCard(); return; }
    if (target.closest('.mmp-dialog-layer__close')) { e.preventDefault(); this.showDialog(null); return; }
    if (target.closest('.mm-action-button[data-action]')) { e.preventDefault(); this.#onAction(target.closest('.mm-action-button'), 'click'); return; }
    // A users/channels menu has no options to pick here: a click stands for picking the simulated one.
    const menu = target.closest('select.mm-action-select[data-action]');
    if (menu && menu.options.length <= 1) this.#onAction(menu, 'click');
    if (target.closest('a')) e.preventDefault();
  }

  #onAction(control, how) {
    if (!this.onAction || !control || !control.matches || !control.matches('[data-action]')) return;
    if (how === 'change' && !control.matches('select')) return;
    const postEl = control.closest('.mmp-post');
    const index = postEl ? Number(postEl.dataset.index) : 0;
    this.onAction(index, control, this.posts[index], how === 'change' ? control.value : null);
  }

  /** Shows the dialog HTML (safe, from the core's checkDialog) over the channel, or removes it (null). */
  showDialog(html, { label = 'Dialog preview' } = {}) {
    if (!this.doc) return;
    this.dialogLayer?.remove();
    this.dialogLayer = null;
    if (html === null) return;
    const layer = hIn(this.doc, 'div', { class: 'mmp-dialog-layer', 'data-role': 'dialog-layer' });
    const close = hIn(this.doc, 'button', { class: 'mmp-dialog-layer__close', type: 'button', text: `Close the ${label.toLowerCase()}` });
    const tpl = this.doc.createElement('template');
    tpl.innerHTML = html;
    this.#sanitizeMedia(tpl.content);
    layer.append(close, tpl.content);
    this.doc.querySelector('.mmp-app').append(layer);
    this.dialogLayer = layer;
  }

  openCard(fromEl) {
    const postEl = fromEl.closest('.mmp-post');
    const index = postEl ? Number(postEl.dataset.index) : 0;
    const post = this.posts[index];
    const card = post && post.props && typeof post.props.card === 'string' ? post.props.card : '';
    const doc = this.doc;
    const close = hIn(doc, 'button', { class: 'mmp-rhs__close icon icon-close', type: 'button', 'aria-label': 'Close the card panel' });
    const head = hIn(doc, 'div', { class: 'mmp-rhs__header' }, hIn(doc, 'h2', { class: 'mmp-rhs__title', text: 'Info' }), close);
    const content = hIn(doc, 'div', { class: 'mmp-rhs__content mm-post__message' });
    // The renderer ships the card's HTML in a hidden panel of the post; older renderers: render it through the core.
    const shipped = postEl && postEl.querySelector('.mm-post__card-body');
    if (shipped) content.append(...[...shipped.childNodes].map((n) => n.cloneNode(true)));
    else {
      const tpl = doc.createElement('template');
      tpl.innerHTML = this.renderCard(card);
      this.#sanitizeMedia(tpl.content);
      const msg = tpl.content.querySelector('.mm-post__body');
      content.append(...(msg ? msg.childNodes : tpl.content.childNodes));
    }
    const by = hIn(doc, 'div', { class: 'mmp-rhs__by', text: `Message by ${post ? post.username : ''}` });
    this.rhs.replaceChildren(head, content, by);
    this.rhs.hidden = false;
    this.#highlight(this.rhs);
    close.focus();
  }

  closeCard() {
    this.rhs.hidden = true;
    this.rhs.replaceChildren();
  }

  setTheme(theme) { this.theme = theme; this.#applyTheme(); }
  /** 'web' | 'mobile': the frame's typography (the posts' HTML comes from a check with the same platform). */
  setPlatform(platform) { this.platform = platform; this.#applyTheme(); }
  #applyTheme() {
    if (!this.doc) return;
    this.doc.documentElement.dataset.platform = this.platform === 'mobile' ? 'mobile' : 'web';
    this.doc.documentElement.dataset.theme = this.theme;
    this.doc.documentElement.style.colorScheme = this.theme === 'dark' ? 'dark' : 'light';
  }

  setLoadRemoteImages(on) { this.loadRemoteImages = on; this.postEls = null; }

  setStale(stale, why) {
    this.staleBanner.hidden = !stale;
    this.frame.classList.toggle('preview__frame--stale', stale);
    if (stale) this.staleBanner.querySelector('[data-part="why"]').textContent = why || '';
  }

  // Images: remote ones only when allowed; anything not http(s)/data (e.g. server-relative /static/emoji paths)
  // has no server here, so it becomes a placeholder instead of a request to the page's origin.
  #sanitizeMedia(root) {
    for (const img of root.querySelectorAll('img')) {
      const src = img.getAttribute('src') || '';
      if (!(/^data:image\//i.test(src) || (REMOTE.test(src) && this.loadRemoteImages))) { blockImage(img); continue; }
      img.setAttribute('referrerpolicy', 'no-referrer');
      img.setAttribute('loading', 'lazy');
    }
  }

  #highlight(root) {
    const blocks = root.querySelectorAll('pre code[class*="language-"]');
    if (!blocks.length) return;
    if (!hljs) { loadHljs(() => { if (this.list) this.#highlight(this.list); if (this.rhs && !this.rhs.hidden) this.#highlight(this.rhs); }); return; }
    for (const code of blocks) {
      if (code.firstElementChild) continue;   // highlighted already (the core's own class="hljs language-x" is no sign)
      const m = /(?:^|\s)language-([\w+#-]+)/.exec(code.className);
      let lang = m ? m[1].toLowerCase() : '';
      if (lang === 'html') lang = 'xml';
      if (!lang || !hljs.getLanguage(lang)) continue;
      const html = highlighted(lang, code.textContent);
      if (html !== null && html.includes('<')) code.innerHTML = html;
    }
  }

  /** Draws report.posts (or keeps the last good ones, marked stale, when the report has none). */
  render(report, settings, { split = true } = {}) {
    if (this.doc && this.doc !== this.frame.contentDocument && !this.#init()) this.doc = null; // replaced, not loaded yet
    if (!this.doc) return false;
    const channel = report.posts[0] ? report.posts[0].channel : (settings && settings['hook.channel']) || 'town-square';
    const shown = channel.startsWith('@') ? channel : channel.replace(/^#/, '');
    this.channelName.textContent = shown;
    this.textbox.textContent = `Write to ${shown}`;
    if (!report.ok || report.posts.length === 0) return false;
    const doc = this.doc;
    const total = report.posts.length;
    const n = Math.min(total, MAX_DRAWN_POSTS);
    const htmls = report.posts.slice(0, n).map((p) => p.html);
    const same = this.postEls && this.postEls.length === n && this.shownTotal === total && this.shownRemote === this.loadRemoteImages &&
      this.shownSplit === split;
    this.posts = report.posts;
    const token = (this.renderToken = (this.renderToken || 0) + 1);
    if (!same) {
      const frag = doc.createDocumentFragment();
      this.postEls = [];
      this.shownHtml = new Array(n).fill(null);
      this.shownCard = new Array(n).fill(false);
      this.shownTree = new Array(n).fill(null);
      this.shownMinute = new Array(n).fill(null);
      for (let i = 0; i < n; i++) {
        if (total > 1 && split) {
          frag.append(hIn(doc, 'div', { class: 'mmp-split', role: 'separator', 'aria-label': `Split ${i + 1} of ${total}` },
            hIn(doc, 'span', { text: i === 0 ? `Split into ${total} posts — part 1 of ${total}` : `Part ${i + 1} of ${total} — a separate post` })));
        }
        const wrap = hIn(doc, 'div', { class: 'mmp-post', role: 'listitem', 'data-index': String(i) });
        this.postEls.push(wrap);
        frag.append(wrap);
      }
      if (total > n) {
        frag.append(hIn(doc, 'div', { class: 'mmp-split mmp-more', role: 'note', 'data-more': String(total - n) },
          hIn(doc, 'span', { text: `…and ${(total - n).toLocaleString('en')} more posts not drawn (the check covers all ${total.toLocaleString('en')})` })));
      }
      this.list.replaceChildren(frag);
      this.shownRemote = this.loadRemoteImages;
      this.shownTotal = total;
      this.shownSplit = split;
    }
    // Typing usually changes one post: only posts whose HTML changed are rebuilt. Many changed posts (huge split
    // payloads) are rebuilt in slices of ~10 ms so input stays responsive; a newer render cancels the rest.
    const todo = [];
    for (let i = 0; i < n; i++) if (htmls[i] !== this.shownHtml[i]) todo.push(i);
    let next = 0;
    const step = () => {
      if (token !== this.renderToken) return;
      const t0 = performance.now();
      while (next < todo.length) {
        const i = todo[next++];
        if (this.#patchPost(i, report.posts[i])) this.stats.patched++;
        else { morphChildren(this.postEls[i], this.#buildPost(report.posts[i], i)); this.stats.rebuilt++; }
        this.shownHtml[i] = htmls[i];
        this.shownTree[i] = this.scanned;
        this.shownCard[i] = hasCard(report.posts[i]);
        this.shownMinute[i] = this.clockMinute;
        if (next < todo.length && performance.now() - t0 > 10) { setTimeout(step, 0); return; }
      }
    };
    step();
    if (!this.rhs.hidden && todo.length) this.closeCard();
    return true;
  }

  /**
   * Typing changes a few characters of a post: parses only the sibling nodes around the change and patches them in
   * place. false when the change cannot be placed safely (the caller rebuilds the post from its whole HTML).
   */
  #patchPost(i, p) {
    this.scanned = null;
    const prev = this.shownHtml[i];
    if (prev === null || this.shownCard[i] !== hasCard(p)) return false;
    this.clock();
    if (this.shownMinute[i] !== this.clockMinute) return false;
    const tree = scanTree(p.html);
    this.scanned = tree; // kept with the post for the next keystroke (whether it is patched or rebuilt)
    const ops = diffPost(this.postEls[i], prev, this.shownTree[i] || scanTree(prev), p.html, tree);
    // The post header gets a card icon when the whole post has no card trigger: decided on whole posts only.
    if (!ops || ops.some((op) => op.html.includes('mm-post__header'))) return false;
    const parsed = [];
    for (const op of ops) {
      const tpl = this.doc.createElement('template');
      tpl.innerHTML = op.html;
      this.#finish(tpl.content);   // first: a blocked image becomes its placeholder before anything is kept
      const news = [...tpl.content.childNodes];
      const same = (node, k) => liveName(node) === op.names[k] || (op.names[k] === 'img' && isBlockedImage(node));
      if (news.length !== op.names.length || !news.every(same)) return false;
      parsed.push(news);
    }
    ops.forEach((op, k) => morphRange(op.parent, op.olds, parsed[k], op.anchor));
    return true;
  }

  /** What every parsed piece of a post gets: safe media, the post time, keyboard access to card icons, highlighting. */
  #finish(root) {
    this.#sanitizeMedia(root);
    if (this.onAction) enableActions(root);
    for (const t of root.querySelectorAll('time.mm-post__time')) {
      if (!t.textContent) { t.textContent = this.clock(); t.setAttribute('datetime', this.clockIso); }
    }
    for (const b of root.querySelectorAll(CARD_TRIGGER)) {
      if (b.tagName !== 'BUTTON' && !b.hasAttribute('tabindex')) { b.setAttribute('tabindex', '0'); b.setAttribute('role', 'button'); }
      if (!b.getAttribute('aria-label')) b.setAttribute('aria-label', 'View additional info');
    }
    this.#highlight(root);
  }

  #buildPost(p) {
    const doc = this.doc;
    const tpl = doc.createElement('template');
    tpl.innerHTML = p.html;
    if (hasCard(p) && !tpl.content.querySelector(CARD_TRIGGER)) {
      // A card icon when the renderer does not draw one.
      const btn = hIn(doc, 'button', { class: 'mmp-card-icon', type: 'button', 'data-mm-card': true, title: 'View additional info', 'aria-label': 'View additional info' });
      (tpl.content.querySelector('.mm-post__header') || tpl.content).append(btn);
    }
    this.#finish(tpl.content);
    return tpl.content;
  }

  /** The post time as the web app shows it ("3:07 PM"); formatted once a minute, not once per post and render. */
  clock() {
    const now = Date.now();
    const minute = Math.floor(now / 60000);
    if (minute !== this.clockMinute) {
      clockFormat ||= new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });
      this.clockMinute = minute;
      this.clockText = clockFormat.format(now);
      this.clockIso = new Date(minute * 60000).toISOString();
    }
    return this.clockText;
  }

  /** Text of the preview (for tests and the clipboard). */
  text() { return this.list ? this.list.textContent : ''; }
}
