// The "Server settings" tab: every ServerSettings field with Mattermost's default (web/settings.js).
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { SETTINGS, defaultSettings, intInRange } from '../settings.js';

function renderFields(app) {
  const box = $('settings-fields');
  box.replaceChildren();
  for (const s of SETTINGS) {
    const id = `setting-${s.key.replace('.', '-')}`;
    const helpId = `${id}-help`;
    const v = app.settings[s.key];
    const defText = Array.isArray(s.def) ? (s.def.length ? s.def.join(', ') : 'none') : s.def === '' ? 'empty' : String(s.def);
    let input;
    if (s.type === 'bool') input = h('input', { type: 'checkbox', id, 'aria-describedby': helpId, checked: v });
    else if (s.type === 'int') input = h('input', { type: 'number', id, min: String(s.min), max: String(s.max), step: '1', value: String(v), 'aria-describedby': helpId });
    else input = h('input', { type: 'text', id, value: Array.isArray(v) ? v.join(', ') : v, 'aria-describedby': helpId, spellcheck: 'false' });
    input.dataset.setting = s.key;
    input.addEventListener(s.type === 'bool' ? 'change' : 'input', () => {
      if (s.type === 'bool') app.settings[s.key] = input.checked;
      else if (s.type === 'int') { const n = Number(input.value); if (intInRange(s, n)) app.settings[s.key] = n; else return; }
      else if (s.type === 'list') app.settings[s.key] = input.value.split(/[,\s]+/).filter(Boolean);
      else app.settings[s.key] = input.value;
      app.stated?.add(s.key);
      app.schedule();
    });
    const row = h('div', { class: `setting setting--${s.type}` },
      s.type === 'bool' ? h('label', { for: id, class: 'setting__label setting__label--check' }, input, ' ', s.label)
        : h('label', { for: id, class: 'setting__label' }, s.label),
      s.type === 'bool' ? null : input,
      h('p', { id: helpId, class: 'setting__help' }, s.help, h('span', { class: 'setting__default', text: ` Default: ${defText}.` })));
    box.append(row);
  }
}

export default {
  name: 'settings',
  idle(app) {
    renderFields(app);
    app.on('settings', () => renderFields(app));
    $('settings-reset').addEventListener('click', () => app.replaceSettings(defaultSettings()));
  },
};
