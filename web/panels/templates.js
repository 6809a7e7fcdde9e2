// "Load a template…": ready-made payloads (web/templates.js).
import { $ } from '../shell.js';
import { h } from '../views/h.js';
import { TEMPLATES } from '../templates.js';

export default {
  name: 'templates',
  idle(app) {
    const sel = $('template');
    for (const t of TEMPLATES) sel.append(h('option', { value: t.id, text: t.label }));
    sel.addEventListener('change', () => {
      const t = TEMPLATES.find((x) => x.id === sel.value);
      if (!t) return;
      app.sharedPayload = false;
      app.loadBody(t.body(), 'json', t.contentType);
      app.emit('template', t);
      sel.value = '';
    });
  },
};
