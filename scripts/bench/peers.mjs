// The JS pipelines a user might pick instead of mmhook: JSON.parse + ajv (the published schema) + a regex Slack
// translation + a Markdown renderer over the message and every attachment's Markdown fields.
// They do less than mmhook.check(): no positions, no diagnostics beyond ajv's, no post splitting, no server
// semantics, no mention/emoji/hashtag rendering, and no HTML sanitising (marked and markdown-wasm pass raw HTML).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import MarkdownIt from 'markdown-it';
import { Marked } from 'marked';
import { Parser, HtmlRenderer } from '@mattermost/commonmark';

const require = createRequire(import.meta.url);

// A minimal schema, used only when the project's published schema is missing.
const FALLBACK_SCHEMA = {
  type: ['object', 'null'],
  properties: {
    text: { type: 'string' }, username: { type: 'string' }, icon_url: { type: 'string' }, icon_emoji: { type: 'string' },
    channel: { type: 'string' }, type: { type: 'string' }, props: { type: 'object' },
    attachments: { type: 'array', items: { type: 'object', properties: {
      fallback: { type: 'string' }, color: { type: 'string' }, pretext: { type: 'string' }, text: { type: 'string' },
      title: { type: 'string' }, title_link: { type: 'string' },
      fields: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, value: {}, short: { type: 'boolean' } } } },
      actions: { type: 'array', items: { type: 'object' } },
    } } },
  },
};

/** The published schema (web/incoming-webhook.schema.json) if present, else the embedded fallback. */
export function loadSchema(root) {
  const p = path.join(root, 'web/incoming-webhook.schema.json');
  if (fs.existsSync(p)) return { schema: JSON.parse(fs.readFileSync(p, 'utf8')), source: 'web/incoming-webhook.schema.json' };
  return { schema: FALLBACK_SCHEMA, source: 'embedded fallback schema' };
}

/** Slack markup -> Markdown the way a hand-written integration would do it: regexes over the string. */
export function slackTranslate(s) {
  if (typeof s !== 'string' || s === '') return '';
  return s
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<@([^|>]+)\|([^>]+)>/g, '@$2')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '[$2]($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Builds the peer pipelines. Each run(body) returns the number of HTML characters produced (proof of work). */
export async function makePeers(root) {
  const { schema, source } = loadSchema(root);
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  const validate = ajv.compile(schema);

  const mdit = new MarkdownIt({ linkify: true });
  const marked = new Marked({ gfm: true });
  const cmParser = new Parser();
  const cmRenderer = new HtmlRenderer();
  const mdwasm = require('markdown-wasm');
  await mdwasm.ready;

  const pipeline = (render) => (body) => {
    const obj = JSON.parse(body);
    if (!validate(obj)) return -1;
    let n = render(slackTranslate(obj.text)).length;
    for (const a of obj.attachments || []) {
      n += render(slackTranslate(a.pretext)).length + render(slackTranslate(a.text)).length + (a.title || '').length;
      for (const f of a.fields || []) n += render(slackTranslate(typeof f.value === 'string' ? f.value : String(f.value ?? ''))).length;
    }
    return n;
  };
  return {
    schemaSource: source,
    versions: Object.fromEntries(['ajv', 'markdown-it', 'marked', '@mattermost/commonmark', 'markdown-wasm'].map((n) =>
      [n, JSON.parse(fs.readFileSync(path.join(root, 'node_modules', n, 'package.json'), 'utf8')).version])),
    peers: [
      { name: 'markdown-it', run: pipeline((s) => mdit.render(s)) },
      { name: 'marked', run: pipeline((s) => marked.parse(s)) },
      { name: '@mattermost/commonmark', run: pipeline((s) => cmRenderer.render(cmParser.parse(s))) },
      { name: 'markdown-wasm', run: pipeline((s) => mdwasm.parse(s)) },
    ],
  };
}
