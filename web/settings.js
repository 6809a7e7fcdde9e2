// Every ServerSettings field of the contract (spec/api.md, spec §6.7): Mattermost's default and one line on its effect.
export const SETTINGS = [
  { key: 'enablePostUsernameOverride', type: 'bool', def: false, label: 'Enable integrations to override usernames',
    help: 'Off (default): the payload\'s "username" is ignored and the post shows the hook creator\'s name with a BOT tag. Until you set this, the default is assumed and an ignored "username" is a note; once set, it is a warning.' },
  { key: 'enablePostIconOverride', type: 'bool', def: false, label: 'Enable integrations to override profile picture icons',
    help: 'Off (default): "icon_url" and "icon_emoji" are ignored and the creator\'s own picture is shown.' },
  { key: 'postPriority', type: 'bool', def: true, label: 'Message priority',
    help: 'On (default): "important" and "urgent" posts show a priority label and the Acknowledge button.' },
  { key: 'enableLatex', type: 'bool', def: false, label: 'Enable LaTeX rendering',
    help: 'Off on fresh installs: ```latex blocks are shown as code instead of formulas.' },
  { key: 'enableInlineLatex', type: 'bool', def: true, label: 'Enable inline LaTeX rendering',
    help: 'With LaTeX on, $…$ inside text is rendered as a formula.' },
  { key: 'enableSvgs', type: 'bool', def: false, label: 'Enable SVGs',
    help: 'Off on fresh installs: SVG images show a broken-image placeholder.' },
  { key: 'enableIncomingWebhooks', type: 'bool', def: true, label: 'Enable incoming webhooks',
    help: 'Off: every call is answered 501 (webhooks disabled by the system admin).' },
  { key: 'enableDeveloper', type: 'bool', def: true, label: 'Enable developer mode (detailed_error)',
    help: 'Real servers default to off and then send detailed_error as ""; on here so the inner error is shown.' },
  { key: 'maxPostSize', type: 'int', def: 16383, min: 4000, max: 2147483647, label: 'Maximum post size (characters)',
    help: 'Messages longer than this many Unicode characters are split into several posts (16383 on every supported database).' },
  { key: 'maximumPayloadSizeBytes', type: 'int', def: 300000, min: 1, max: 2147483647, label: 'Maximum payload size (bytes)',
    help: 'Bodies beyond this + 512 bytes are cut: JSON then fails to decode (400), forms get 413.' },
  { key: 'minimumHashtagLength', type: 'int', def: 3, min: 0, max: 2147483647, label: 'Minimum hashtag length',
    help: '#words shorter than this are not linked as hashtags.' },
  { key: 'customUrlSchemes', type: 'list', def: [], label: 'Custom URL schemes',
    help: 'Extra schemes (comma-separated, e.g. "git, ssh") that bare URLs are autolinked with.' },
  { key: 'hook.displayName', type: 'text', def: 'Incoming Webhook', label: 'Hook display name',
    help: 'Stored in props.webhook_display_name; never shown on the post.' },
  { key: 'hook.creator', type: 'text', def: 'webhook-owner', label: 'Hook creator (username)',
    help: 'The account that owns the hook: its name and picture are shown when overrides are off.' },
  { key: 'hook.channel', type: 'text', def: 'town-square', label: 'Hook channel',
    help: 'The channel the hook posts to when the payload has no "channel".' },
  { key: 'hook.channelLocked', type: 'bool', def: false, label: 'Lock to this channel',
    help: 'On: a payload "channel" other than the hook\'s own is rejected with 403.' },
  { key: 'hook.username', type: 'text', def: '', label: 'Hook default username',
    help: 'Used when the payload has no "username" (only with username override on).' },
  { key: 'hook.iconUrl', type: 'text', def: '', label: 'Hook default icon URL',
    help: 'Used when the payload has no "icon_url" (only with icon override on).' },
];

/** Settings passed to check() only once the user has set them (the core then treats the value as stated). */
export const STATED_KEYS = ['enablePostUsernameOverride'];

/** The defaults as a flat {key: value} map. */
export function defaultSettings() {
  const out = {};
  for (const s of SETTINGS) out[s.key] = Array.isArray(s.def) ? [...s.def] : s.def;
  return out;
}

/** Flat map -> the nested CheckRequest.settings object (only keys that differ from the defaults when `onlyChanged`). */
export function toRequestSettings(flat, onlyChanged = false) {
  const out = {};
  for (const s of SETTINGS) {
    const v = flat[s.key];
    if (v === undefined) continue;
    if (onlyChanged && JSON.stringify(v) === JSON.stringify(s.def)) continue;
    const [a, b] = s.key.split('.');
    if (b) (out[a] ||= {})[b] = v; else out[a] = v;
  }
  return out;
}

/** Whether `v` is a valid value of the int setting `s` (the range the core and a Mattermost server accept). */
export const intInRange = (s, v) => Number.isSafeInteger(v) && v >= s.min && v <= s.max;

/**
 * Nested (possibly partial or hostile) object -> a clean flat map over the defaults. A value of the wrong type or out
 * of range keeps the default; `problems` (an array, optional) receives one line for each.
 */
export function fromRequestSettings(nested, problems = null) {
  const flat = defaultSettings();
  if (!nested || typeof nested !== 'object') return flat;
  for (const s of SETTINGS) {
    const [a, b] = s.key.split('.');
    const v = b ? (nested[a] && typeof nested[a] === 'object' ? nested[a][b] : undefined) : nested[a];
    if (v === undefined) continue;
    if (s.type === 'bool' && typeof v === 'boolean') flat[s.key] = v;
    else if (s.type === 'int' && intInRange(s, v)) flat[s.key] = v;
    else if (s.type === 'text' && typeof v === 'string') flat[s.key] = v;
    else if (s.type === 'list' && Array.isArray(v)) flat[s.key] = v.filter((x) => typeof x === 'string');
    else if (problems) {
      problems.push(s.type === 'int' && typeof v === 'number'
        ? `${s.key} is ${String(v).slice(0, 40)}, outside ${s.min.toLocaleString('en')}–${s.max.toLocaleString('en')}: the default ${s.def} is used`
        : `${s.key} has the wrong type: the default is used`);
    }
  }
  return flat;
}
