// "Explain an error": matches a pasted Mattermost error response against the spec's error tables (§1.5).
const OUTER = [
  { id: 'web.incoming_webhook.parse_form.app_error', status: 400, message: 'Failed to parse form for webhook {{.hook_id}}.',
    meaning: 'The server could not parse the request as a form before looking at the body.',
    causes: ['A Content-Type header it cannot parse, e.g. "application/json; charset" (a parameter without a value).',
      'A malformed query string in the URL, e.g. "?a=%zz".', 'A form body larger than the payload limit.'] },
  { id: 'web.incoming_webhook.media_type.app_error', status: 400, message: 'Failed to parse media incoming webhook {{.hook_id}}.',
    meaning: 'The Content-Type header is not a valid media type.',
    causes: ['A typo in the Content-Type header; send "Content-Type: application/json".'] },
  { id: 'web.incoming_webhook.decode.app_error', status: 400,
    message: 'Failed to decode the payload of media type {{.media_type}} for incoming webhook {{.hook_id}}.',
    meaning: 'The body is not a JSON object the server can decode into a webhook request.',
    causes: ['Invalid JSON: a missing quote, comma or brace, a trailing comma, or an unescaped newline in a string other than text/fallback/pretext/author_name/title/value.',
      'A value of the wrong type, e.g. a number for "text", a string for "priority", an object for "attachments", or "short": null.',
      'An empty body, or a form (payload=…) sent without "Content-Type: application/x-www-form-urlencoded".',
      'A body cut at the size limit (MaximumPayloadSizeBytes + 512 bytes).',
      'multipart/form-data with a field the server does not know (icon_url, channel, props are not accepted there).'] },
  { id: 'web.incoming_webhook.parse_multipart.app_error', status: 400, message: 'Failed to parse multipart form for webhook {{.hook_id}}.',
    meaning: 'The multipart/form-data body is malformed.',
    causes: ['A missing or wrong boundary in the Content-Type header.', 'A truncated body.'] },
  { id: 'web.incoming_webhook.general.app_error', status: null,
    message: 'Failed to handle the payload of media type {{.media_type}} for incoming webhook {{.hook_id}}.',
    meaning: 'The payload decoded, but handling it failed; the real reason is the inner error in detailed_error (visible only with developer mode on).',
    causes: ['No text and no attachments (400).', 'Unknown hook id (400).', 'A channel or @user that does not exist (404/400).',
      'A locked hook posting elsewhere (403).', 'An invalid post type, e.g. not starting with custom_ (500).', 'priority without priority.priority (400).'] },
  { id: 'api.context.request_body_too_large.app_error', status: 413, message: 'Unable to process request. Request body too large.',
    meaning: 'The form body is larger than the server accepts.',
    causes: ['A body over MaximumPayloadSizeBytes (default 300000) + 512 bytes; shorten the text or send fewer attachments.'] },
];

const INNER = [
  { id: 'model.incoming_hook.parse_data.app_error', status: 400, message: 'Unable to parse incoming data.',
    meaning: 'The JSON body failed to decode twice (also after repairing raw newlines/tabs).',
    causes: ['Invalid JSON or a value of the wrong type; paste the payload into the editor to see the exact position.'] },
  { id: 'web.incoming_webhook.disabled.app_error', status: 501, message: 'Incoming webhooks have been disabled by the system admin.',
    meaning: 'Incoming webhooks are switched off on this server.', causes: ['System Console > Integrations > Enable Incoming Webhooks is off.'] },
  { id: 'web.incoming_webhook.parse.app_error', status: 400, message: 'Unable to parse incoming data.',
    meaning: 'The request was empty after decoding.', causes: ['Practically unreachable; check the body is sent at all.'] },
  { id: 'web.incoming_webhook.text.app_error', status: 400, message: 'No text specified.',
    meaning: 'The payload has neither "text" nor any attachment.',
    causes: ['"text" is missing, empty or misspelled.', 'Attachments were put inside "props" (ignored) or the list only holds nulls.'] },
  { id: 'web.incoming_webhook.invalid.app_error', status: 400, message: 'Invalid webhook.',
    meaning: 'No incoming webhook has this id.', causes: ['The hook was deleted, or its channel was archived.', 'The URL was copied incompletely.'] },
  { id: 'web.incoming_webhook.user.app_error', status: 400, message: 'Couldn\'t find the user {{.user}}',
    meaning: 'The "channel" names @user that does not exist (400), or the hook creator\'s account is gone (403).',
    causes: ['A typo in the @username.', 'The creator of the hook was deactivated or deleted.'] },
  { id: 'web.incoming_webhook.channel.app_error', status: 404, message: 'Couldn\'t find the channel.',
    meaning: 'The "channel" does not name an existing channel of the hook\'s team.',
    causes: ['The display name was used instead of the URL name (slug), e.g. "Town Square" instead of "town-square".', 'The channel is archived.', '"~name" was used (only "name" or "#name" work).'] },
  { id: 'app.channel.get.existing.app_error', status: 404, message: 'Unable to find the existing channel {{.channel_id}}.',
    meaning: 'The hook\'s own channel no longer exists.', causes: ['The channel was deleted; recreate the hook.'] },
  { id: 'web.incoming_webhook.channel_locked.app_error', status: 403, message: 'This webhook is not permitted to post to the requested channel {{.channel_id}}',
    meaning: 'The hook is locked to its channel and the payload asked for another.', causes: ['Remove "channel" from the payload, or unlock the hook.'] },
  { id: 'web.incoming_webhook.permissions.app_error', status: 403, message: 'User {{.user}} does not have appropriate permissions to channel {{.channel}}',
    meaning: 'The target is a private channel or DM the hook creator cannot read.', causes: ['Add the hook creator to the private channel.'] },
  { id: 'api.context.invalid_param.app_error', status: 400, message: 'Invalid {{.Name}} parameter.',
    meaning: 'A parameter is invalid: webhook.priority.priority (a "priority" object without its "priority" key) or post.type (a type starting with system_).',
    causes: ['Add "priority": "important" or "urgent" inside the priority object.', 'Use an empty type or one starting with custom_.'] },
  { id: 'web.incoming_webhook.split_props_length.app_error', status: 400, message: 'Unable to split webhook props into {{.Max}} character parts.',
    meaning: 'The props (without attachments) or a single attachment are too large to fit one post (760000 characters).',
    causes: ['Huge props or an attachment whose text alone exceeds the budget.'] },
  { id: 'api.post.create_webhook_post.creating.app_error', status: 500, message: 'Error creating post.',
    meaning: 'Saving the post failed after the payload was accepted (earlier split posts may already be posted).',
    causes: ['An invalid post "type" (not empty, not custom_…).', 'persistent_notifications without 1–5 @mentions.',
      'A plugin rejected the post.', 'Props larger than 800000 characters or 1 MiB.'] },
];

const msgRegex = (m) => new RegExp('^' + m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\\\.\w+\\\}\\\}/g, '.*?') + '$', 'i');
for (const e of [...OUTER, ...INNER]) e.re = msgRegex(e.message);

function findById(id) { return [...OUTER, ...INNER].find((e) => e.id === id) || null; }
function findByMessage(text) {
  const t = text.trim();
  return [...OUTER, ...INNER].find((e) => e.re.test(t)) || [...INNER, ...OUTER].find((e) => t.includes(e.message.split('{{')[0].trim())) || null;
}

/**
 * Explains a pasted error response (JSON body or plain message).
 * Returns {parsed: {...fields found}, entries: [{kind: 'outer'|'inner', id, status, message, meaning, causes}], unknown: bool}.
 */
export function explainError(input) {
  const text = String(input || '').trim();
  const parsed = {};
  let obj = null;
  const brace = text.indexOf('{');
  if (brace >= 0) {
    try { obj = JSON.parse(text.slice(brace, text.lastIndexOf('}') + 1)); } catch { obj = null; }
  }
  if (obj && typeof obj === 'object') {
    for (const k of ['id', 'message', 'detailed_error', 'request_id', 'status_code']) if (obj[k] !== undefined) parsed[k] = obj[k];
  } else if (text) {
    parsed.message = text;
  }
  const entries = [];
  const add = (e, kind) => { if (e && !entries.some((x) => x.id === e.id)) entries.push({ kind, ...e }); };
  if (typeof parsed.id === 'string') add(findById(parsed.id), 'outer');
  if (!entries.length && typeof parsed.message === 'string') add(findByMessage(parsed.message), 'outer');
  if (typeof parsed.id !== 'string' && !obj && text) {
    for (const e of [...OUTER, ...INNER]) if (text.includes(e.id)) add(e, 'outer');
  }
  const detail = typeof parsed.detailed_error === 'string' ? parsed.detailed_error : (obj ? '' : text);
  if (detail) {
    for (const e of INNER) {
      if (detail.includes(e.id) || e.re.test(detail.split(/[:,]\s*/).pop() || '') || detail.includes(e.message.split('{{')[0].trim())) add(e, 'inner');
    }
  }
  return { parsed, entries, unknown: entries.length === 0 };
}
