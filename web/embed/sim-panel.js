// The editable embed's simulated ids (issue 19): the user, channel and team a click is simulated for, as on the page's
// Buttons tab. Held in memory by the element only: never in an attribute, storage or a link. An edit re-runs the
// last click (onChange).
import { h } from '../views/h.js';
import { simContextInputs } from '../views/sim-context.js';

/** {node, context(), pickFor(source)}: a collapsed <details> with the inputs. */
export function simIdsPanel(onChange) {
  const sim = simContextInputs({ onInput: onChange, fieldClass: 'mme-sim__field', gridClass: 'mme-sim__grid' });
  const node = h('details', { class: 'mme-sim', part: 'sim-ids' },
    h('summary', { text: 'Simulated user, channel and team' }),
    h('p', { class: 'mme-sim__hint', text: 'Mattermost fills these with the real ids of whoever clicks; empty fields use the greyed-out placeholders.' }),
    sim.grid);
  return { node, context: sim.context, pickFor: sim.pickFor };
}
