// markdown.dialect.* warnings: where the web/desktop apps (marked fork) and the mobile app (@mattermost/commonmark)
// structure a text differently. One case per code (it fires, names the line) and its fix (it does not).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mmhook } from './helpers.mjs';

const CASES = [
  ['table_after_text', 'Results:\n| a | b |\n|---|---|\n| 1 | 2 |', 'Results:\n\n| a | b |\n|---|---|\n| 1 | 2 |', 2],
  ['text_after_table', '| a | b |\n|---|---|\n| 1 | 2 |\nSee the logs', '| a | b |\n|---|---|\n| 1 | 2 |\n\nSee the logs', 4],
  ['table_extra_cells', '| a | b |\n|---|---|\n| 1 | 2 | 3 |', '| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |', 3],
  ['block_after_quote', '> quote\n- item', '> quote\n\n- item', 2],
  ['list_marker_change', '* star\n+ plus', '* star\n* plus', 2],
  ['paren_list', '1) first\n2) second', '1. first\n2. second', 1],
  ['list_interrupts_text', 'Steps\n2. two\n3. three', 'Steps\n\n2. two\n3. three', 2],
  ['text_after_list_item', '- a\n  - nested\nafter', '- a\n  - nested\n\nafter', 3],
  ['fence_unclosed', 'log:\n```\nline', 'log:\n```\nline\n```', 2],
  ['setext_multiline', 'one\ntwo\n===', 'one\n\ntwo\n===', 3],
  ['backslash_break', 'first \\\nsecond', 'first\nsecond', 1],
  ['footnote', 'Text[^1]\n\n[^1]: note', 'Text (1)\n\n(1) note', 3],
  ['hash_line', 'Build done\n#release', 'Build done\n\n#release', 2],
  ['html_block', 'Build done\n<!-- id 42 -->', 'Build done\n\n<!-- id 42 -->', 2],
];

const dialect = (r) => r.diagnostics.filter((d) => d.code.startsWith('markdown.dialect.'));

test('every dialect code fires at its construct and not after the fix', async () => {
  const m = await mmhook();
  for (const [code, bad, good, line] of CASES) {
    const r = m.check(JSON.stringify({ text: bad }));
    const found = dialect(r).filter((d) => d.code === `markdown.dialect.${code}`);
    assert.equal(found.length, 1, `${code}: ${JSON.stringify(dialect(r).map((d) => d.code))}`);
    assert.equal(found[0].severity, 'warning');
    assert.equal(found[0].path, '/text');
    assert.match(found[0].message, new RegExp(`^(Line ${line} of the text|The [a-z ]+ on line ${line} of the text)`), code);
    assert.match(found[0].message, /mobile/);
    assert.match(found[0].message, /web and desktop/);
    assert.deepEqual(dialect(m.check(JSON.stringify({ text: good }))).map((d) => d.code), [], `${code} fixed`);
  }
});

test('dialect warnings cover attachment text, pretext and field values, not titles', async () => {
  const m = await mmhook();
  const t = '* star\n+ plus';
  const r = m.check(JSON.stringify({ attachments: [{ pretext: t, text: t, title: t, fields: [{ title: 'f', value: t }] }] }));
  assert.deepEqual(dialect(r).map((d) => d.path).sort(),
    ['/attachments/0/fields/0/value', '/attachments/0/pretext', '/attachments/0/text']);
  assert.match(dialect(r).find((d) => d.path === '/attachments/0/text').message, /of attachments\[0\]\.text/);
});

test('plain texts and texts both apps agree on get no dialect warning', async () => {
  const m = await mmhook();
  for (const text of ['Deploy **done** :rocket:', 'a\nb\nc', '# Title\n\n- a\n- b\n\n| a |\n|---|\n| 1 |', '> q\n> r\n\ntext',
    '```js\nx\n```', '1. one\n2. two', 'Title\n---']) {
    assert.deepEqual(dialect(m.check(JSON.stringify({ text }))).map((d) => d.code), [], text);
  }
});

// The construct each case's warning points at (the body text at the diagnostic's offset starts with it).
const AT = {
  table_after_text: '| a | b |', text_after_table: 'See the logs', table_extra_cells: '| 1 | 2 | 3 |', block_after_quote: '- item',
  list_marker_change: '+ plus', paren_list: '1) first', list_interrupts_text: '2. two', text_after_list_item: 'after',
  fence_unclosed: '```\\nline', setext_multiline: '===', backslash_break: '\\\\\\nsecond', footnote: '[^1]: note',
  hash_line: '#release', html_block: '<!-- id 42',
};

test('every dialect warning points at its construct in the body, with its line and column', async () => {
  const m = await mmhook();
  for (const [code, bad] of CASES) {
    for (const body of [JSON.stringify({ text: bad }), JSON.stringify({ attachments: [{ text: 'x' }, { pretext: bad }] }, null, 2)]) {
      const d = dialect(m.check(body)).find((x) => x.code === `markdown.dialect.${code}`);
      assert.ok(d, `${code} in ${body}`);
      assert.equal(body.slice(d.offset, d.offset + AT[code].length), AT[code], `${code}: offset ${d.offset} in ${body}`);
      const before = body.slice(0, d.offset).split('\n');
      assert.deepEqual([d.line, d.column], [before.length, before.at(-1).length + 1], code);
    }
  }
});
