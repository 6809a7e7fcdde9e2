// The page's panels, in the order their hooks run. A panel is {name, init?(app), ready?(app, doc, report), idle?(app)}:
//   init  — before the wasm is ready: wire the DOM, subscribe to app events (web/shell.js lists them);
//   ready — the wasm is ready and the first report exists (the editor panel creates the editor here);
//   idle  — after the first preview is on screen, in a task of its own (work nobody needs in the first moment).
// How to add one: web/panels/README.md.
import tabs from './tabs.js';
import theme from './theme.js';
import share from './share.js';
import preview from './preview.js';
import body from './body.js';
import editor from './editor.js';
import verdict from './verdict.js';
import diagnostics from './diagnostics.js';
import command from './command.js';
import templates from './templates.js';
import settings from './settings.js';
import explain from './explain.js';
import inbox from './inbox.js';
import footer from './footer.js';
import payload from './payload.js';
import actions from './actions.js';
import dialog from './dialog.js';

export const PANELS = [tabs, theme, share, body, editor, verdict, preview, diagnostics, payload, command, templates, settings, explain, inbox, actions, dialog, footer];
