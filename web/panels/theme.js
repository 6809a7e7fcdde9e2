// Light (Denim) / dark (Onyx) theme: the reader's choice, else the system preference; an embed flag wins.
import { $ } from '../shell.js';

export default {
  name: 'theme',
  init(app) {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const forced = app.embed?.theme === 'light' || app.embed?.theme === 'dark' ? app.embed.theme : null;
      const saved = app.embed?.theme === 'auto' ? null : app.prefs.theme;
      app.theme = forced || saved || (mq.matches ? 'dark' : 'light');
      document.documentElement.dataset.theme = app.theme;
      const btn = $('theme');
      btn.setAttribute('aria-pressed', String(app.theme === 'dark'));
      btn.textContent = app.theme === 'dark' ? 'Dark theme: on' : 'Dark theme: off';
      btn.title = 'Switch between Denim (light) and Onyx (dark)';
      app.emit('theme', app.theme);
    };
    mq.addEventListener?.('change', apply);
    $('theme').addEventListener('click', () => {
      app.prefs.theme = app.theme === 'dark' ? 'light' : 'dark';
      app.savePrefs();
      apply();
    });
    apply();
  },
};
