// The post preview (web/preview.js in its sandboxed frame) and its tools: desktop/mobile view (width, typography and
// the app's Markdown dialect), remote images.
import { $ } from '../shell.js';
import { Preview } from '../preview.js';
import previewCss from '../preview.css';
import fontsCss from 'mmhook-web:fonts-css';

export default {
  name: 'preview',
  init(app) {
    const fonts = new CSSStyleSheet();
    fonts.replaceSync(fontsCss);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, fonts];
    const preview = new Preview({
      frame: $('preview').querySelector('iframe'), staleBanner: $('stale'), sheets: [fontsCss, previewCss],
      renderCard: (md) => app.checks.renderMarkdown(md),
      // Buttons and menus are live (the Buttons tab shows the request), except in the read-only iframe embed mode.
      // The click is simulated by the command engine: loaded first (at once when it is there).
      onAction: app.embed && app.embed.readonly ? null : (postIndex, control, post, value) => {
        const emit = () => app.emit('action', { postIndex, control, post, value });
        if (app.commandsLoaded) emit(); else app.loadCommands().then(emit, () => {});
      },
    });
    app.preview = preview;
    preview.ready.then(() => { preview.setTheme(app.theme); preview.setPlatform(app.platform); });
    app.on('theme', (theme) => preview.setTheme(theme));
    let lastGood = false;
    app.on('report', (text, report) => {
      const drawn = preview.render(report, app.settings);
      if (drawn) lastGood = true;
      const firstError = report.diagnostics.find((d) => d.severity === 'error');
      preview.setStale(!drawn && lastGood,
        firstError ? `Line ${firstError.line}, column ${firstError.column}: ${firstError.message}` : (report.error ? report.error.message : ''));
    });
    // Desktop = the web and desktop apps; Mobile = the mobile app: phone width, its typography and its Markdown dialect.
    const showPlatform = (p) => {
      for (const r of document.querySelectorAll('input[name="viewport"]')) r.checked = (r.value === 'mobile') === (p === 'mobile');
      $('preview').classList.toggle('preview--mobile', p === 'mobile');
      $('preview').dataset.platform = p;
      preview.setPlatform(p);
    };
    showPlatform(app.platform);
    app.on('platform', showPlatform);
    for (const r of document.querySelectorAll('input[name="viewport"]')) {
      r.addEventListener('change', () => { if (r.checked) app.setPlatform(r.value === 'mobile' ? 'mobile' : 'web'); });
    }
    // Off by default: a remote image is a request to a host named by the payload (its URL leaves the page).
    const remote = $('remote-images');
    const note = () => { $('remote-images-note').textContent = remote.checked
      ? 'On: your browser fetches the payload\'s images from their hosts (those hosts see the image URLs and your address).'
      : 'Off: no image from the payload is loaded; each shows a placeholder.'; };
    remote.checked = app.prefs.remoteImages === true;
    preview.setLoadRemoteImages(remote.checked);
    note();
    remote.addEventListener('change', () => {
      app.prefs.remoteImages = remote.checked;
      app.savePrefs();
      preview.setLoadRemoteImages(remote.checked);
      note();
      app.schedule();
    });
  },
};
