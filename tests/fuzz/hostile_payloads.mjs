// Hostile payloads shared by tests/js/hostile.test.mjs and tests/browser/hostile.test.mjs.
// Convention: an injected request goes to host xss.test and an injected script calls alert()/window.__xss();
// legitimate image URLs use img.test. Nothing here is ever fetched (the browser suite aborts every request).

// Strings that try to become markup, script or style wherever they land.
export const XSS_STRINGS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">click</a>',
  '<style>@import "http://xss.test/s.css";</style>',
  '<link rel=stylesheet href=http://xss.test/l.css>',
  '<object data="http://xss.test/o"></object><embed src="http://xss.test/e">',
  '<base href="http://xss.test/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<body onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  // Attribute break-outs (in case a string lands in an attribute).
  '" onmouseover="alert(1)" x="',
  "' onfocus='alert(1)' autofocus='",
  '` onclick=alert(1) `',
  '&quot; onmouseover=&quot;alert(1)',
  '&#34;><img src=x onerror=alert(1)>',
  // Mutation-XSS shapes (parser round-trip differences).
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<!--><img src=x onerror=alert(1)>-->',
  '<![CDATA[><img src=x onerror=alert(1)>]]>',
  '<textarea></textarea><img src=x onerror=alert(1)>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<title><img src=x onerror=alert(1)></title>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<template><img src=x onerror=alert(1)></template>',
  // Markdown and Mattermost syntax carrying payloads.
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java&#x09;script:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](javascript&colon;alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](<javascript:alert(1)>)',
  '[click]( javascript:alert(1) "t")',
  '[ref][r]\n\n[r]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '![img](javascript:alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![" onerror="alert(1)](http://img.test/a.png)',
  '![a](http://img.test/a.png "\\" onerror=\\"alert(1)")',
  '[x](http://img.test/ "\\" onmouseover=\\"alert(1)")',
  '<http://img.test/?<img src=x onerror=alert(1)>>',
  '```" onmouseover="alert(1)\ncode <img src=x onerror=alert(1)>\n```',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '$<img src=x onerror=alert(1)>$',
  '```latex\n\\href{javascript:alert(1)}{x} <img src=x onerror=alert(1)>\n```',
  '| <img src=x onerror=alert(1)> | b |\n|---|---|\n| " onclick="alert(1) | c |',
  '- [ ] <img src=x onerror=alert(1)>\n- [x] "><script>alert(1)</script>',
  '@user"><img src=x onerror=alert(1)> ~town-square"><img src=x onerror=alert(1)>',
  '#hashtag"onmouseover="alert(1) :smile"><img: <3 :)',
  'mail"><img src=x onerror=alert(1)>@example.com',
  'www.img.test/"onmouseover="alert(1)',
  '<!channel> <@U123"><img src=x onerror=alert(1)>> <http://img.test/|"><script>alert(1)</script>>',
  '<javascript:alert(1)|click me>',
  '<data:text/html,<script>alert(1)</script>|x>',
];

// URLs for every URL-valued field: hostile schemes in mixed case, with controls and entities, plus break-outs.
export const XSS_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  '\u0001javascript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript\u0000:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'jav&#x09;ascript:alert(1)',
  'javascript://%0aalert(1)',
  '\u2028javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'http://img.test/a.png" onerror="alert(1)',
  "http://img.test/a.png' onerror='alert(1)",
  'http://img.test/a.png><script>alert(1)</script>',
  'https://img.test/?q=`${alert(1)}`',
];

// Values for attachment `color` and action `style`: CSS injection attempts.
export const CSS_STRINGS = [
  '#fff;background:url(http://xss.test/c)',
  '#fff" onmouseover="alert(1)',
  "#fff' onmouseover='alert(1)",
  'red;behavior:url(http://xss.test/b.htc)',
  'expression(alert(1))',
  '#abc</style><script>alert(1)</script>',
  '#fff\\3b background:url(http://xss.test/e)',
  '#ff0000 !important; position:fixed; top:0; left:0; width:100%; height:100%',
  'url(http://xss.test/u)',
  '#12345g',
  'good" onclick="alert(1)',
  'danger<script>alert(1)</script>',
  '#fff}body{background:url(http://xss.test/r)}',
];

const STRING_FIELDS = [
  ['text'], ['username'], ['icon_emoji'], ['channel'], ['priority'], ['card'], ['type'],
  ['att', 'pretext'], ['att', 'text'], ['att', 'title'], ['att', 'fallback'], ['att', 'footer'], ['att', 'author_name'],
  ['att', 'field_title'], ['att', 'field_value'], ['att', 'action_name'], ['att', 'action_id'], ['att', 'option_text'],
  ['att', 'option_value'], ['att', 'action_tooltip'], ['att', 'menu_name'],
];
const URL_FIELDS = [
  ['icon_url'], ['att', 'author_link'], ['att', 'author_icon'], ['att', 'title_link'], ['att', 'image_url'],
  ['att', 'thumb_url'], ['att', 'footer_icon'], ['att', 'integration_url'], ['text_link'], ['text_image'],
];
const CSS_FIELDS = [['att', 'color'], ['att', 'action_style']];

// A payload with every feature present and `value` placed at one field.
export function payloadWith(field, value) {
  const att = {
    fallback: 'fb', color: '#36a64f', pretext: 'pre', author_name: 'author', author_link: 'https://img.test/author',
    author_icon: 'https://img.test/ai.png', title: 'title', title_link: 'https://img.test/t', text: 'body text',
    fields: [{ title: 'Field', value: 'v', short: true }, { title: 'Long', value: 'long value', short: false }],
    image_url: 'https://img.test/i.png', thumb_url: 'https://img.test/th.png', footer: 'foot',
    footer_icon: 'https://img.test/fi.png', ts: 1700000000,
    actions: [
      { id: 'approve', name: 'Approve', type: 'button', style: 'good', tooltip: 'tip', integration: { url: 'https://img.test/act', context: { a: 1 } } },
      { id: 'menu', name: 'Pick', type: 'select', options: [{ text: 'One', value: '1' }, { text: 'Two', value: '2' }], integration: { url: 'https://img.test/act' } },
    ],
  };
  const p = { text: 'hello', attachments: [att], props: { card: 'card **md**' }, priority: { priority: 'urgent', requested_ack: true } };
  const [a, b] = field;
  if (a === 'att') {
    switch (b) {
      case 'field_title': att.fields[0].title = value; break;
      case 'field_value': att.fields[0].value = value; att.fields[1].value = value; break;
      case 'action_name': att.actions[0].name = value; break;
      case 'action_id': att.actions[0].id = value; break;
      case 'action_tooltip': att.actions[0].tooltip = value; break;
      case 'action_style': att.actions[0].style = value; break;
      case 'menu_name': att.actions[1].name = value; break;
      case 'option_text': att.actions[1].options[0].text = value; break;
      case 'option_value': att.actions[1].options[0].value = value; break;
      case 'integration_url': att.actions[0].integration.url = value; break;
      default: att[b] = value;
    }
  } else if (a === 'priority') {
    p.priority.priority = value;
  } else if (a === 'card') {
    p.props.card = value;
  } else if (a === 'type') {
    p.type = value;
    delete p.attachments;
  } else if (a === 'text_link') {
    p.text = `[link](${value}) <${value}> <${value}|label>`;
  } else if (a === 'text_image') {
    p.text = `![alt](${value}) ![alt][r]\n\n[r]: ${value}`;
  } else {
    p[a] = value;
  }
  return p;
}

// Settings under which every optional renderer path is on.
export const SETTINGS_VARIANTS = [
  {},
  {
    enablePostUsernameOverride: true, enablePostIconOverride: true, enableLatex: true, enableInlineLatex: true,
    enableSvgs: true, customUrlSchemes: ['git', 'JavaScript', 'data', 'vbscript'],
    hook: { displayName: '<img src=x onerror=alert(1)>', creator: '"><script>alert(1)</script>', username: '<b>u</b>', iconUrl: 'javascript:alert(1)' },
  },
];

// Every (field, value) case: [name, bodyObject].
export function fieldCases() {
  const out = [];
  for (const f of STRING_FIELDS) for (const [i, v] of XSS_STRINGS.entries()) out.push([`${f.join('.')} <- string#${i}`, payloadWith(f, v)]);
  for (const f of URL_FIELDS) for (const [i, v] of XSS_URLS.entries()) out.push([`${f.join('.')} <- url#${i}`, payloadWith(f, v)]);
  for (const f of CSS_FIELDS) for (const [i, v] of CSS_STRINGS.entries()) out.push([`${f.join('.')} <- css#${i}`, payloadWith(f, v)]);
  // Props the web app reads.
  for (const [i, v] of XSS_STRINGS.entries()) {
    out.push([`props.override_icon_emoji <- string#${i}`, { text: 'x', props: { override_icon_emoji: v } }]);
    out.push([`props.channel_mentions <- string#${i}`, { text: '~town-square', props: { channel_mentions: { 'town-square': { display_name: v } } } }]);
  }
  return out;
}

// Bodies that stress the decoder and the renderer: [name, body (string | Uint8Array), settings].
export function stressCases() {
  const big = { maximumPayloadSizeBytes: 32 * 1024 * 1024 };
  const deep = 100000;
  const enc = new TextEncoder();
  const cat = (...parts) => {
    const bufs = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
    const out = new Uint8Array(bufs.reduce((n, b) => n + b.length, 0));
    let o = 0;
    for (const b of bufs) { out.set(b, o); o += b.length; }
    return out;
  };
  return [
    ['invalid UTF-8 in text', cat('{"text":"a', new Uint8Array([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]), ' b"}'), {}],
    ['invalid UTF-8 in a key and in props', cat('{"te', new Uint8Array([0xff]), 'xt":"k","text":"x","props":{"card":"', new Uint8Array([0xc3]), '"}}'), {}],
    ['invalid UTF-8 outside strings', cat('{"text":"x"}', new Uint8Array([0x80, 0xff])), {}],
    ['lone surrogates escaped', '{"text":"\\ud800 \\udfff \\udc00\\ud800 ok","attachments":[{"text":"\\ud83d"}]}', {}],
    ['lone surrogates in a JS string', '{"text":"\ud800 and \udfff"}', {}],
    ['NUL escaped', '{"text":"a\\u0000b <\\u0000script>","username":"n\\u0000"}', {}],
    ['raw NUL in a string', '{"text":"a\u0000b"}', {}],
    ['raw NUL outside', '{"text":"x"}\u0000', {}],
    ['BOM before the body', '\ufeff{"text":"bom"}', {}],
    ['BOM inside text', '{"text":"\ufeffbom\ufeff"}', {}],
    ['100000-deep arrays in props', '{"text":"x","props":{"a":' + '['.repeat(deep) + ']'.repeat(deep) + '}}', big],
    ['100000-deep objects', '{"text":"x","props":' + '{"a":'.repeat(deep) + '1' + '}'.repeat(deep + 1), big],
    ['100000-deep unterminated', '['.repeat(deep), big],
    ['100000 nested blockquotes', JSON.stringify({ text: '>'.repeat(deep) + ' x' }), big],
    ['100000 nested list markers', JSON.stringify({ text: '- '.repeat(deep) + 'x' }), big],
    ['deep indented lists', JSON.stringify({ text: Array.from({ length: 1500 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n') }), big],
    ['100000 emphasis openers', JSON.stringify({ text: '*'.repeat(deep) + 'x' + '_'.repeat(deep) }), big],
    ['100000 link openers', JSON.stringify({ text: '['.repeat(deep) + 'x' + '](y)'.repeat(1000) }), big],
    ['100000 backticks', JSON.stringify({ text: '`'.repeat(deep) + 'x' + '``'.repeat(deep / 2) }), big],
    ['50000 Slack link openers', JSON.stringify({ text: '<a|'.repeat(50000), attachments: [{ text: '<a|'.repeat(50000) }] }), big],
    ['thousands of mentions, emoji, hashtags', JSON.stringify({ text: '@user :smile: #hashtag ~town-square :) '.repeat(20000) }), big],
    ['a huge table', JSON.stringify({ text: '|' + 'h|'.repeat(200) + '\n|' + '-|'.repeat(200) + '\n' + ('|' + 'c|'.repeat(200) + '\n').repeat(500) }), big],
    ['10 MB text (default limit)', JSON.stringify({ text: 'x'.repeat(10 * 1024 * 1024) }), {}],
    ['10 MB text analysed', JSON.stringify({ text: 'a<b>&"\' '.repeat(10 * 1024 * 1024 / 8) }), big],
    ['10 MB attachment text', JSON.stringify({ attachments: [{ text: '**x** '.repeat(10 * 1024 * 1024 / 6) }] }), big],
    ['10 MB key', '{"' + 'k'.repeat(10 * 1024 * 1024) + '":1,"text":"x"}', big],
    ['10 MB form body (default limit)', 'payload=' + encodeURIComponent(JSON.stringify({ text: 'y'.repeat(10 * 1024 * 1024) })), {}, 'application/x-www-form-urlencoded'],
    ['10 MB multipart body (default limit)', '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n' + 'z'.repeat(10 * 1024 * 1024) + '\r\n--b--\r\n', {}, 'multipart/form-data; boundary=b'],
    ['20000 attachments', JSON.stringify({ attachments: Array.from({ length: 20000 }, () => ({ text: 'a' })) }), big],
    ['100000 fields', JSON.stringify({ attachments: [{ fields: Array.from({ length: 100000 }, () => ({ title: 't', value: 1, short: true })) }] }), big],
    ['error after 1000 warnings (the cap must keep errors)', JSON.stringify({ attachments: [...Array.from({ length: 1100 }, () => ({ color: 'nope', text: 'x' })), { fields: [{ title: 'x'.repeat(800000), value: 'v' }] }] }), big],
    ['20000 attachments with problems (diagnostics cap)', JSON.stringify({ text: 'x', attachments: Array.from({ length: 20000 }, () => ({ color: 'nope', title_link: 'javascript:x' })) }), big],
  ];
}
