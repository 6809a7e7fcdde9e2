// "Explain an error": what a pasted Mattermost answer means. Accepts every form people paste — the JSON error body,
// the bare message (with or without its final period), the detailed_error text, a server log line (JSON or console
// format), or just the error id — for every error a v11.6 server returns to an incoming webhook (spec §1.5, §3).

// Placeholder patterns: what the server fills into {{.param}}.
const HOOK = '[A-Za-z0-9]*';
const WORD = '[^\\s,]*';

/**
 * The error table. kind: 'outer' (the id a current server answers) or 'inner' (inside detailed_error since
 * MM-60689; the answered id on older servers). pattern: the English message as a regex source, its final period
 * optional; placeholders are WORD/HOOK. ids: every id that carries this entry (aliases on older servers).
 */
export const ERRORS = [
  { id: 'web.incoming_webhook.parse_form.app_error', kind: 'outer', status: 400,
    message: 'Failed to parse form for webhook {{.hook_id}}.', pattern: `Failed to parse form for webhook ${HOOK}`,
    meaning: 'The server could not parse the request as a form before looking at the body.',
    causes: ['A Content-Type header it cannot parse, e.g. "application/json; charset" (a parameter without a value).',
      'A malformed query string in the URL, e.g. "?a=%zz".', 'A form body larger than the payload limit.'] },
  { id: 'web.incoming_webhook.media_type.app_error', kind: 'outer', status: 400,
    message: 'Failed to parse media incoming webhook {{.hook_id}}.', pattern: `Failed to parse media incoming webhook ${HOOK}`,
    meaning: 'The Content-Type header is not a valid media type.',
    causes: ['A typo in the Content-Type header; send "Content-Type: application/json".'] },
  { id: 'web.incoming_webhook.decode.app_error', kind: 'outer', status: 400,
    message: 'Failed to decode the payload of media type {{.media_type}} for incoming webhook {{.hook_id}}.',
    pattern: `Failed to decode the payload of media type ?${WORD} for incoming webhook ${HOOK}`,
    meaning: 'The body is not a JSON object the server can decode into a webhook request.',
    causes: ['Invalid JSON: a missing quote, comma or brace, a trailing comma, or an unescaped newline in a string other than text/fallback/pretext/author_name/title/value.',
      'A value of the wrong type, e.g. a number for "text", a string for "priority", an object for "attachments", or "short": null.',
      'An empty body, or a form (payload=…) sent without "Content-Type: application/x-www-form-urlencoded".',
      'A body cut at the size limit (MaximumPayloadSizeBytes + 512 bytes).',
      'multipart/form-data with a field the server does not know (icon_url, channel, props are not accepted there).'] },
  { id: 'web.incoming_webhook.parse_multipart.app_error', kind: 'outer', status: 400,
    message: 'Failed to parse multipart form for webhook {{.hook_id}}.', pattern: `Failed to parse multipart form for webhook ${HOOK}`,
    meaning: 'The multipart/form-data body is malformed.',
    causes: ['A missing or wrong boundary in the Content-Type header (curl -F sets both; a hand-written header often lacks boundary=…).',
      'A truncated body.'] },
  { id: 'web.incoming_webhook.general.app_error', kind: 'outer', status: null,
    message: 'Failed to handle the payload of media type {{.media_type}} for incoming webhook {{.hook_id}}.',
    pattern: `Failed to handle the payload of media type ?${WORD} for incoming webhook ${HOOK}`,
    meaning: 'The payload decoded, but handling it failed; the real reason is the inner error in detailed_error (visible only with developer mode on).',
    causes: ['No text and no attachments (400).', 'Unknown hook id (400).', 'A channel or @user that does not exist (404/400).',
      'A locked hook posting elsewhere (403).', 'An invalid post type, e.g. not starting with custom_ (500).', 'priority without priority.priority (400).'] },
  { id: 'api.context.request_body_too_large.app_error', kind: 'outer', status: 413,
    message: 'Unable to process request. Request body too large.', pattern: 'Unable to process request\\. Request body too large',
    meaning: 'The form body is larger than the server accepts.',
    causes: ['A body over MaximumPayloadSizeBytes (default 300000) + 512 bytes; shorten the text or send fewer attachments.'] },
  { id: 'model.incoming_hook.parse_data.app_error', kind: 'inner', status: 400,
    message: 'Unable to parse incoming data.', pattern: 'Unable to parse incoming data', also: ['web.incoming_webhook.parse.app_error'],
    meaning: 'The JSON body failed to decode twice (also after repairing raw newlines and tabs). (web.incoming_webhook.parse.app_error has the same text; it means the request was empty after decoding, which practically never happens.)',
    causes: ['Invalid JSON or a value of the wrong type; paste the payload into the editor to see the exact position.'] },
  { id: 'web.incoming_webhook.disabled.app_error', kind: 'inner', status: 501,
    message: 'Incoming webhooks have been disabled by the system admin.', pattern: 'Incoming webhooks have been disabled by the system admin',
    meaning: 'Incoming webhooks are switched off on this server.', causes: ['System Console > Integrations > Enable Incoming Webhooks is off.'] },
  { id: 'web.incoming_webhook.text.app_error', kind: 'inner', status: 400,
    message: 'No text specified.', pattern: 'No text specified',
    meaning: 'The payload has neither "text" nor any attachment.',
    causes: ['"text" is missing, empty or misspelled.', 'Attachments were put inside "props" (ignored) or the list only holds nulls.'] },
  { id: 'web.incoming_webhook.invalid.app_error', kind: 'inner', status: 400,
    message: 'Invalid webhook.', pattern: 'Invalid webhook(?!\\.\\w)',
    meaning: 'No incoming webhook has this id.', causes: ['The hook was deleted, or its channel was archived.', 'The URL was copied incompletely.'] },
  { id: 'web.incoming_webhook.user.app_error', kind: 'inner', status: 400,
    message: 'Couldn\'t find the user {{.user}}', pattern: `Couldn[’']t find the user ?${WORD}`,
    meaning: 'The "channel" names an @user that does not exist (400), or the hook creator\'s account is gone (403).',
    causes: ['A typo in the @username.', 'The creator of the hook was deactivated or deleted.'] },
  { id: 'web.incoming_webhook.channel.app_error', kind: 'inner', status: 404,
    message: 'Couldn\'t find the channel.', pattern: 'Couldn[’\']t find the channel',
    meaning: 'The "channel" does not name an existing channel of the hook\'s team (500 instead of 404: a database error).',
    causes: ['The display name was used instead of the URL name (slug), e.g. "Town Square" instead of "town-square".', 'The channel is archived.', '"~name" was used (only "name" or "#name" work).'] },
  { id: 'app.channel.get.existing.app_error', kind: 'inner', status: 404,
    message: 'Unable to find the existing channel {{.channel_id}}.', pattern: `Unable to find the existing channel ${WORD}`,
    meaning: 'The hook\'s own channel no longer exists.', causes: ['The channel was deleted; recreate the hook.'] },
  { id: 'app.channel.get.find.app_error', kind: 'inner', status: 500,
    message: 'We encountered an error finding the channel.', pattern: 'We encountered an error finding the channel',
    meaning: 'Looking up the hook\'s channel failed inside the server (a database error), not because of the payload.',
    causes: ['A database problem on the server; retry later and check the server log.'] },
  { id: 'web.incoming_webhook.channel_locked.app_error', kind: 'inner', status: 403,
    message: 'This webhook is not permitted to post to the requested channel {{.channel_id}}',
    pattern: `This webhook is not permitted to post to the requested channel ?${WORD}`,
    meaning: 'The hook is locked to its channel and the payload asked for another.', causes: ['Remove "channel" from the payload, or unlock the hook.'] },
  { id: 'web.incoming_webhook.permissions.app_error', kind: 'inner', status: 403,
    message: 'User {{.user}} does not have appropriate permissions to channel {{.channel}}',
    pattern: `User ${WORD} does not have appropriate permissions to channel ?${WORD}`,
    meaning: 'The target is a private channel or a direct message the hook creator cannot read.', causes: ['Add the hook creator to the private channel.'] },
  { id: 'api.context.invalid_param.app_error', kind: 'inner', status: 400,
    message: 'Invalid {{.Name}} parameter.', pattern: 'Invalid (?:webhook\\.priority\\.priority|post\\.type) parameter',
    meaning: 'A parameter is invalid: webhook.priority.priority (a "priority" object without its "priority" key) or post.type (a type starting with system_).',
    causes: ['webhook.priority.priority: add "priority": "important" or "urgent" inside the priority object.',
      'post.type: use an empty type or one starting with custom_.'] },
  { id: 'web.incoming_webhook.split_props_length.app_error', kind: 'inner', status: 400,
    message: 'Unable to split webhook props into {{.Max}} character parts.', pattern: 'Unable to split webhook props into \\d* ?character parts',
    meaning: 'The props (without attachments) or a single attachment are too large to fit one post (760000 characters).',
    causes: ['Huge props or an attachment whose text alone exceeds the budget.'] },
  { id: 'api.post.create_webhook_post.creating.app_error', kind: 'inner', status: 500,
    message: 'Error creating post.', pattern: 'Error creating post',
    meaning: 'Saving the post failed after the payload was accepted (earlier split posts may already be posted).',
    causes: ['An invalid post "type" (not empty, not custom_…): "Invalid type."', 'persistent_notifications without 1–5 @mentions.',
      'A plugin rejected the post ("Post rejected by plugin").', 'Props larger than 800000 characters or 1 MiB ("Message property length exceeds the limit").'] },
  { id: 'hardened', kind: 'outer', status: 500, scan: false,
    message: 'Internal Server Error', pattern: 'Internal Server Error',
    meaning: 'The server runs in hardened mode (ExperimentalEnableHardenedMode): every 5xx answer is reduced to this, with an empty id.',
    causes: ['Error creating post (500): an invalid post type, persistent notifications without recipients, a plugin rejection or props that are too large.',
      'Incoming webhooks disabled (501, shown as 500).', 'A database error while finding the channel.'] },
];

for (const e of ERRORS) e.re = new RegExp(`(?:^|[^\\w])(${e.pattern})\\.?(?![\\w])`, 'i');
const BY_ID = new Map();
for (const e of ERRORS) for (const id of [e.id, ...(e.also || [])]) if (id !== 'hardened') BY_ID.set(id, e);

// Extra hints when the detail names the precise reason.
const HINTS = [
  [/webhook\.priority\.priority|required to use priority/i, 'The priority object has no "priority" key: add "priority": "important" or "urgent".'],
  [/post\.type parameter/i, 'The post "type" starts with system_: use an empty type or one starting with custom_.'],
  [/Invalid type\b/i, 'The post "type" is not allowed when saving: use an empty type or one starting with custom_.'],
  [/Persistent notifications/i, 'persistent_notifications needs 1 to 5 @mentioned users in the text.'],
  [/property length|props.*(limit|large)/i, 'The props are larger than 800000 characters or 1 MiB when saved.'],
  [/rejected by plugin/i, 'A server plugin rejected the post.'],
  [/no multipart boundary/i, 'The Content-Type header has no boundary=…: let curl -F set the header, or add the boundary the body uses.'],
];

/** Reads `"…"` starting at s[i] (a JSON-style quoted string); returns [text, end] or null. */
function quoted(s, i) {
  let j = i + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  if (j >= s.length) return null;
  try { return [JSON.parse(s.slice(i, j + 1)), j + 1]; } catch { return [s.slice(i + 1, j), j + 1]; }
}

/** The fields found in the pasted text: {form, id, message, detailed_error, status_code, request_id, where}. */
export function parseInput(input) {
  const text = String(input ?? '').trim();
  const out = { form: 'text' };
  const brace = text.indexOf('{');
  if (brace >= 0) {
    let obj = null;
    try { obj = JSON.parse(text.slice(brace, text.lastIndexOf('}') + 1)); } catch { obj = null; }
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      if ('msg' in obj || 'http_code' in obj || 'err_where' in obj) {
        out.form = 'log-json';
        if (typeof obj.msg === 'string') out.message = obj.msg;
        if (typeof obj.error === 'string') out.detailed_error = obj.error;
        if (Number.isInteger(obj.http_code)) out.status_code = obj.http_code;
        if (typeof obj.request_id === 'string') out.request_id = obj.request_id;
        if (typeof obj.err_where === 'string') out.where = obj.err_where;
        return out;
      }
      if ('id' in obj || 'message' in obj || 'detailed_error' in obj || 'status_code' in obj) {
        out.form = 'json-body';
        for (const k of ['id', 'message', 'detailed_error', 'request_id']) if (typeof obj[k] === 'string') out[k] = obj[k];
        if (Number.isInteger(obj.status_code)) out.status_code = obj.status_code;
        return out;
      }
    }
  }
  // Console log format: level [timestamp] message key=value key="quoted value" …
  const kv = /(?:^|\s)(err_where|http_code|error|request_id)=/;
  if (kv.test(text)) {
    out.form = 'log-text';
    const first = text.search(/\s(caller|path|request_id|ip_addr|user_id|method|err_where|http_code|error)=/);
    const head = first >= 0 ? text.slice(0, first) : text;
    out.message = head.replace(/^\s*\w+\s+\[[^\]]*\]\s*/, '').trim();
    const re = /(?:^|\s)(\w+)=/g;
    let m;
    while ((m = re.exec(text))) {
      const start = m.index + m[0].length;
      let value;
      let end;
      if (text[start] === '"') { const q = quoted(text, start); if (!q) break; [value, end] = q; } else {
        end = text.slice(start).search(/\s/);
        end = end < 0 ? text.length : start + end;
        value = text.slice(start, end);
      }
      if (m[1] === 'error') out.detailed_error = value;
      else if (m[1] === 'http_code' && /^\d+$/.test(value)) out.status_code = Number(value);
      else if (m[1] === 'request_id') out.request_id = value;
      else if (m[1] === 'err_where') out.where = value;
      re.lastIndex = end;
    }
    return out;
  }
  if (text) out.message = text;
  return out;
}

/**
 * Explains a pasted error. Returns {parsed, entries: [{kind, id, status, message, meaning, causes, hints}], unknown}.
 * The error the server answered comes first; inner errors (from detailed_error or a log line) follow.
 */
export function explainError(input) {
  const parsed = parseInput(input);
  const found = [];   // [{e, at, kind}]
  const add = (e, at, kind) => { if (e && !found.some((f) => f.e === e)) found.push({ e, at, kind }); };
  // 1. An id in a JSON body is the answered error, whichever table it is in (older servers answered inner ids).
  if (parsed.form === 'json-body' && typeof parsed.id === 'string') {
    const e = parsed.id === '' ? (/Internal Server Error/i.test(parsed.message || '') ? ERRORS.find((x) => x.id === 'hardened') : null) : BY_ID.get(parsed.id);
    if (e) add(e, -1, 'outer');
  }
  // 2. Every id and every message anywhere in the fields, in order of appearance.
  const haystack = [parsed.id, parsed.message, parsed.detailed_error].filter((x) => typeof x === 'string' && x).join('\n');
  for (const [id, e] of BY_ID) {
    const at = haystack.indexOf(id);
    if (at >= 0) add(e, at, null);
  }
  for (const e of ERRORS) {
    if (e.scan === false) continue;
    const m = e.re.exec(haystack);
    if (m) add(e, m.index, null);
  }
  found.sort((a, b) => a.at - b.at);
  const entries = found.map(({ e, kind }) => ({
    kind: kind || e.kind,
    id: e.id === 'hardened' ? '(empty id: hardened mode)' : e.id, status: e.status, message: e.message, meaning: e.meaning, causes: e.causes,
  }));
  const hints = HINTS.filter(([re]) => re.test(haystack)).map(([, h]) => h);
  if (hints.length && entries.length) entries[entries.length - 1].hints = hints;
  return { parsed, entries, unknown: entries.length === 0 };
}
