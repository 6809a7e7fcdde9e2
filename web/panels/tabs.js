// The tools pane's tabs (Command, Server settings, Explain an error, …). Other panels add theirs with
// app.tabs.add({id, label, panel}) in their init hook; tabs declared in index.html are picked up as they are.
import { h } from '../views/h.js';
import { tablistKeys } from './util.js';

const COMMAND_TABS = ['tab-command', 'tab-actions', 'tab-dialog'];

export default {
  name: 'tabs',
  init(app) {
    const list = document.querySelector('.pane--tools > [role="tablist"]');
    const pane = list.parentElement;
    const select = (tab) => {
      for (const t of list.querySelectorAll('[role="tab"]')) {
        const on = t === tab;
        t.setAttribute('aria-selected', String(on));
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      }
      app.emit('tab', tab.id);
    };
    // The tabs that run the command engine (mm.command, simulateAction, checkDialog) load it when first opened.
    app.on('tab', (id) => { if (app.mm && COMMAND_TABS.includes(id)) app.loadCommands(); });
    const wire = (t) => t.addEventListener('click', () => select(t));
    for (const t of list.querySelectorAll('[role="tab"]')) wire(t);
    tablistKeys(list, select);
    app.tabs = {
      /** Adds a tab after the existing ones; panel: the element shown while the tab is selected. Returns the tab. */
      add({ id, label, panel }) {
        const tab = h('button', { type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': `panel-${id}`, 'aria-selected': 'false',
          tabindex: '-1', text: label });
        panel.id = `panel-${id}`;
        panel.setAttribute('role', 'tabpanel');
        panel.setAttribute('aria-labelledby', tab.id);
        panel.classList.add('panel');
        panel.hidden = true;
        list.append(tab);
        pane.append(panel);
        wire(tab);
        return tab;
      },
      select(id) { const t = document.getElementById(`tab-${id}`); if (t) select(t); },
    };
  },
};
