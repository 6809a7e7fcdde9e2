// The page's iframe embed mode: index.html?embed=1&readonly=1&hide=editor,command&theme=dark#s=<share>, a
// frame-friendly layout for hosts that cannot run scripts. Flags live in the query because the fragment carries the
// share state (web/embed/README.md, "Iframe mode").
const EMBED_PANELS = {
  editor: ['.editor-col'],
  command: ['[data-role="command"]', '#tab-command'],
  settings: ['[data-role="settings"]', '#tab-settings'],
  explain: ['[data-role="explain"]', '#tab-explain'],
  diagnostics: ['[data-role="diagnostics"]'],
  verdict: ['[data-role="verdict"]'],
  templates: ['[data-role="template"]'],
};

/** The flags of `search` ({readonly, hide: Set, theme}), or null when the page is not embedded. */
export function readEmbedFlags(search) {
  const q = new URLSearchParams(search);
  if (q.get('embed') !== '1') return null;
  const hide = new Set((q.get('hide') || '').split(',').map((x) => x.trim()).filter((x) => Object.hasOwn(EMBED_PANELS, x)));
  const theme = ['light', 'dark', 'auto'].includes(q.get('theme')) ? q.get('theme') : null;
  return { readonly: q.get('readonly') === '1', hide, theme };
}

export function applyEmbedLayout(flags) {
  document.documentElement.dataset.embed = 'true';
  for (const name of flags.hide) {
    for (const sel of EMBED_PANELS[name]) {
      for (const el of document.querySelectorAll(sel)) (name === 'templates' ? el.closest('label') || el : el).classList.add('is-embed-hidden');
    }
  }
  if (['command', 'settings', 'explain'].every((n) => flags.hide.has(n))) document.querySelector('.pane--tools')?.classList.add('is-embed-hidden');
}
