// Sizes and limits: how close each part of a payload is to the limits Mattermost applies (spec §1.2, §2.1, §3.3,
// §3.4, §3.8, §3.9, §6.3). Computed from the payload text; what the server does past a limit is in each row's note.

const runes = (s) => { let n = 0; for (const _ of s) n++; return n; };   // Unicode code points, as Go counts runes
const bytes = (s) => new TextEncoder().encode(s).length;
// Go's json.Marshal escapes <, > and & as \u003c…: 6 runes each instead of 1.
const goJsonRunes = (v) => { const j = JSON.stringify(v) ?? ''; return runes(j) + 5 * (j.match(/[<>&]/g) || []).length; };

/** The value of `key` in `obj` as Go decodes it: keys match case-insensitively, the last match wins. */
function field(obj, key) {
  let v;
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) for (const [k, x] of Object.entries(obj)) if (k.toLowerCase() === key) v = x;
  return v;
}

const MAX_POST_ROWS = 20;

function row(key, label, size, limit, unit, overNote, nearAt = 0.9) {
  const state = size > limit ? 'over' : size >= limit * nearAt ? 'near' : 'ok';
  return { key, label, size, limit, unit, state, note: state === 'over' ? overNote : '' };
}

/**
 * rows [{key, label, size, limit, unit, state: 'ok'|'near'|'over', note}] for the body text `text` sent as it is,
 * whose JSON payload is `json` (the parsed payload, or undefined when it is not JSON), under flat `settings`;
 * `report` (its check) gives the props each post is stored with.
 */
export function payloadLimits(text, json, settings, report = null) {
  const maxBody = (settings.maximumPayloadSizeBytes ?? 300000) + 512;
  const maxPost = settings.maxPostSize ?? 16383;
  const rows = [row('body', 'Request body', bytes(text), maxBody, 'bytes',
    'Mattermost reads only this much: JSON is cut and fails to decode (400), forms get 413.')];
  if (json === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) return rows;
  const t = field(json, 'text');
  if (typeof t === 'string') {
    const n = runes(t);
    rows.push(row('text', 'text', n, maxPost, 'characters', `Split into ${Math.ceil(n / maxPost)} posts of at most ${maxPost.toLocaleString('en')} characters.`));
  }
  const posts = report && report.ok ? report.posts : [];
  if (posts.length) {
    // Exact: the props each post is stored with (attachments included), as the core built them.
    // One row per post for the first MAX_POST_ROWS posts (and the last, which carries the attachments); the rest of a
    // huge split payload is one row with the largest of their sizes.
    const propsRow = (key, label, size) => row(key, label, size, 760000, 'characters',
      'Mattermost cannot fit this into one post: 400 split error, or 500 when saving (800000).');
    posts.forEach((p, i) => {
      if (posts.length > MAX_POST_ROWS && i >= MAX_POST_ROWS - 1 && i < posts.length - 1) return;
      rows.push(propsRow(`posts/${i}/props`, posts.length > 1 ? `post ${i + 1} of ${posts.length}: props as stored` : 'props as stored (attachments included)',
        goJsonRunes(p.props)));
    });
    if (posts.length > MAX_POST_ROWS) {
      const rest = posts.slice(MAX_POST_ROWS - 1, -1);
      rows.splice(rows.length - 1, 0, propsRow('posts/rest/props', `posts ${MAX_POST_ROWS} to ${posts.length - 1}: largest props as stored`,
        rest.reduce((m, p) => Math.max(m, goJsonRunes(p.props)), 0)));
    }
  } else {
    const props = field(json, 'props');
    if (props && typeof props === 'object' && !Array.isArray(props)) {
      const base = Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'attachments'));
      rows.push(row('props', 'props (without attachments)', goJsonRunes(base), 760000, 'characters',
        'Mattermost refuses to split the post: 400 web.incoming_webhook.split_props_length.app_error.'));
    }
  }
  const atts = field(json, 'attachments');
  if (Array.isArray(atts)) {
    atts.forEach((a, i) => {
      const footer = a && typeof a === 'object' ? field(a, 'footer') : undefined;
      if (typeof footer === 'string') {
        rows.push(row(`attachments/${i}/footer`, `attachments[${i}].footer`, runes(footer), 300, 'characters',
          'The web app shows the first 299 characters and "…".', 1));
      }
    });
  }
  const pr = field(json, 'priority');
  const level = pr && typeof pr === 'object' ? field(pr, 'priority') : undefined;
  if (typeof level === 'string') {
    rows.push(row('priority', 'priority.priority', runes(level), 32, 'characters',
      'The database column holds 32 characters: saving fails with 500 "Error creating post.".', 1));
  }
  for (const [key, label, max] of [['hook.username', 'Hook default username (setting)', 64], ['hook.iconUrl', 'Hook default icon URL (setting)', 1024]]) {
    const v = settings[key];
    if (typeof v === 'string' && v) rows.push(row(key, label, bytes(v), max, 'bytes', 'Mattermost refuses to save a hook with this value.', 1));
  }
  return rows;
}
