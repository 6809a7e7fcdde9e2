// The footer: the versions of mmhook and its parsers.
import { $ } from '../shell.js';

export default {
  name: 'footer',
  ready(app) {
    const v = app.mm.version;
    $('versions').textContent = `mmhook ${v.mmhook} · cmark-gfm ${v.cmarkGfm} · simdjson ${v.simdjson}`;
  },
};
