// The simulated user/channel/team ids of a click (page Buttons tab and the editable embed): inputs whose non-empty
// values become mm.simulateAction's `context`. Kept by the caller (the page: this device's preferences; the embed:
// memory only), never in share links or attributes. Values reach the DOM only as input values.
import { h } from './h.js';

// [context key, label, what mmhook uses when the field is empty]
export const CONTEXT_FIELDS = [
  ['userName', 'User name (user_name)', 'simulated-user'], ['userId', 'User id (user_id)', 'mmhooksimulateduser0000000'],
  ['channelName', 'Channel name (channel_name)', "the post's channel"], ['channelId', 'Channel id (channel_id)', 'mmhooksimulatedchannel0000'],
  ['teamDomain', 'Team name (team_domain)', 'simulated-team'], ['teamId', 'Team id (team_id)', 'mmhooksimulatedteam0000000'],
  ['postId', 'Post id (post_id)', 'mmhooksimulatedpost0000000'],
];

/**
 * Inputs for CONTEXT_FIELDS plus `pick` (the id picked in a users/channels menu), in a grid.
 * saved: initial values by key; onInput(): after any edit. Returns {grid, inputs, context(), values(), pickFor(source)}.
 */
export function simContextInputs({ saved = {}, onInput = null, fieldClass = 'field', gridClass = 'sim-grid' } = {}) {
  const inputs = {};
  const grid = h('div', { class: gridClass });
  const add = (key, label, placeholder) => {
    const input = h('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder, 'data-sim': key });
    input.value = typeof saved[key] === 'string' ? saved[key] : '';
    if (onInput) input.addEventListener('input', onInput);
    inputs[key] = input;
    grid.append(h('label', { class: fieldClass }, h('span', { text: label }), input));
  };
  for (const [key, label, dflt] of CONTEXT_FIELDS) add(key, label, dflt);
  add('pick', 'Picked in a users/channels menu (id)', 'the simulated user or channel id');
  const context = () => {
    const c = {};
    for (const [key] of CONTEXT_FIELDS) { const v = inputs[key].value.trim(); if (v) c[key] = v; }
    return c;
  };
  const values = () => {
    const c = {};
    for (const [k, input] of Object.entries(inputs)) if (input.value.trim()) c[k] = input.value.trim();
    return c;
  };
  // The selected_option a users/channels menu sends: the picked id, else the simulated user or channel.
  const pickFor = (source) => {
    const c = context();
    return inputs.pick.value.trim() || (source === 'channels' ? c.channelId || 'mmhooksimulatedchannel0000' : c.userId || 'mmhooksimulateduser0000000');
  };
  return { grid, inputs, context, values, pickFor };
}
