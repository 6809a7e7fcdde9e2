// "Format": re-indents a JSON body without changing what it means to Mattermost. Only whitespace between tokens
// changes: number text (1.0, 1e5, 2^64), key order, duplicate keys and string escapes are copied as they are — unlike
// JSON.parse + JSON.stringify, which would drop duplicates, reorder numeric keys and rewrite numbers and escapes.

/** Where `offset` is in `text`: {line, column}, both from 1 (columns in UTF-16 units, as the editor shows them). */
function position(text, offset) {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, column: offset - last };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = /[ \t\n\r]*/y;

/**
 * text -> {text} (formatted with `indent` spaces, ending in a newline) or {error, line, column} when it is not one
 * JSON value. Raw control characters inside strings are kept (the server repairs some of them, spec §1.4).
 */
export function formatJson(text, indent = 2) {
  let i = 0;
  const out = [];
  const fail = (what) => { const p = position(text, i); return { error: `${what} at line ${p.line}, column ${p.column}`, ...p }; };
  const ws = () => { WS.lastIndex = i; WS.exec(text); i = WS.lastIndex; };
  const pad = (depth) => '\n' + ' '.repeat(indent * depth);
  // Iterative over a stack: deep nesting (Go allows 10000 levels) must not overflow the JS stack.
  const stack = [];   // {kind: '{' | '[', count}
  ws();
  if (i < text.length && text.charCodeAt(0) === 0xfeff) return fail('a byte order mark (Mattermost refuses it)');
  let expect = 'value';
  for (;;) {
    ws();
    if (expect === 'value' || expect === 'key') {
      const c = text[i];
      if (expect === 'key' && c !== '"') return fail(i >= text.length ? 'the text ends inside an object' : 'a key (a "string") expected');
      if (c === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        if (j >= text.length) return fail('a string that never ends');
        out.push(text.slice(i, j + 1));
        i = j + 1;
        if (expect === 'key') {
          ws();
          if (text[i] !== ':') return fail('":" expected after the key');
          i++;
          out.push(': ');
          expect = 'value';
          continue;
        }
      } else if (c === '{' || c === '[') {
        stack.push({ kind: c, count: 0 });
        out.push(c);
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) { stack.pop(); out.push(text[i]); i++; expect = 'after'; continue; }
        stack.at(-1).count = 1;
        out.push(pad(stack.length));
        expect = c === '{' ? 'key' : 'value';
        continue;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) return fail('a malformed number');
        out.push(m[0]);
        i = NUMBER.lastIndex;
      } else {
        const word = /^(true|false|null)/.exec(text.slice(i, i + 5));
        if (!word) return fail(i >= text.length ? 'the text ends where a value was expected' : 'a value expected');
        out.push(word[1]);
        i += word[1].length;
      }
      expect = 'after';
      continue;
    }
    // after a value: a comma, the end of its container, or the end of the text
    if (!stack.length) {
      if (i < text.length) return fail('text after the JSON value (Mattermost ignores it; formatting would not keep it)');
      return { text: out.join('') + '\n' };
    }
    const top = stack.at(-1);
    const close = top.kind === '{' ? '}' : ']';
    if (text[i] === ',') {
      i++;
      top.count++;
      out.push(',', pad(stack.length));
      expect = top.kind === '{' ? 'key' : 'value';
    } else if (text[i] === close) {
      i++;
      stack.pop();
      out.push(pad(stack.length), close);
    } else return fail(i >= text.length ? `the text ends before its closing ${close}` : `"," or "${close}" expected`);
  }
}

/** The JSON tokens of a text, for checking that formatting changed nothing but whitespace. */
export function jsonTokens(text) {
  const out = [];
  const re = /"(?:[^"\\]|\\[\s\S])*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\],:]/g;
  let m;
  while ((m = re.exec(text))) out.push(m[0]);
  return out;
}
