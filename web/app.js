// The previewer page's entry: starts the wasm first, then the shell (web/shell.js) with its panels (web/panels/).
import { mmReady } from './boot.js'; // first: starts the wasm before the other modules are evaluated
import { App } from './shell.js';
import { PANELS } from './panels/index.js';
import verdict from './panels/verdict.js';

const app = new App(mmReady, PANELS);
window.mmhookPage = app;
app.start().catch((e) => {
  verdict.fail(`mmhook failed to start: ${e && e.message ? e.message : e}`);
  document.body.dataset.ready = 'error';
});
