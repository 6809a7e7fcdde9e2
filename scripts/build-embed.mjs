// Builds the embeddable <mmhook-preview> element (web/embed/): dist/embed/mmhook-embed.js (ES module) and
// dist/embed/mmhook-embed.iife.js (classic script), both with the page's post styles (web/preview.css, rescoped from the
// frame's :root/body to the shadow root's wrapper) inlined; the module streams mmhook.wasm and fetches fonts/*.woff2
// beside it, the classic script carries the wasm and the fonts (one offline file); plus the example page (which loads
// the classic build, so it works from disk too).
// Called by build-js.mjs with its esbuild glue plugin.
import { build, transform } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LATIN_RANGE } from './build-web.mjs';
import { compassSubset } from './subset-font.mjs';

const WRAP = '.mme';   // the wrapper element inside the shadow root (web/embed/element.js)

// Splits CSS text into top-level blocks [{prelude, body}] (comments removed; nested blocks kept as text).
function blocks(css) {
  const src = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    if (open < 0) break;
    let depth = 1;
    let j = open + 1;
    for (; j < src.length && depth > 0; j++) {
      if (src[j] === '{') depth++;
      else if (src[j] === '}') depth--;
      else if (src[j] === '"' || src[j] === "'") { const q = src[j]; j++; while (j < src.length && src[j] !== q) { if (src[j] === '\\') j++; j++; } }
    }
    out.push({ prelude: src.slice(i, open).trim(), body: src.slice(open + 1, j - 1) });
    i = j;
  }
  return out;
}

/**
 * The page's frame stylesheet -> the same rules for a shadow root: `:root`, `html` and `body` become the wrapper,
 * the theme variables on :root become `--mmt-NAME` (exposed as `var(--mmhook-NAME, var(--mmt-NAME))`), font
 * families get their private embed names. Returns {css, vars} (vars: the theme variable names, without `--`).
 */
export function rescopePreviewCss(css) {
  const vars = new Set();
  const selector = (sel) => sel.split(',').map((s) => s.trim()
    .replace(/:root/g, WRAP)
    .replace(/(^|[\s>+~(])(html|body)(?=$|[\s.:[>+~)#])/g, (m, pre) => pre + WRAP)).join(', ');
  const fonts = (body) => body
    .replace(/font-family:\s*"Open Sans",\s*sans-serif/g, 'font-family: var(--mmhook-font-family, "mmhook Open Sans", "Open Sans", system-ui, sans-serif)')
    .replace(/"compass-icons"/g, '"mmhook compass-icons"');
  const walk = (text) => blocks(text).map(({ prelude, body }) => {
    if (prelude.startsWith('@media') || prelude.startsWith('@supports') || prelude.startsWith('@container')) return `${prelude}{${walk(body)}}`;
    if (prelude.startsWith('@')) return prelude.startsWith('@font-face') ? '' : `${prelude}{${body}}`;
    let b = fonts(body);
    if (/:root/.test(prelude)) {
      b = b.replace(/--([\w-]+)\s*:/g, (m, name) => { vars.add(name); return `--mmt-${name}:`; });
    }
    return `${selector(prelude)}{${b}}`;
  }).join('\n');
  const out = walk(css);
  const map = `${WRAP}{${[...vars].map((v) => `--${v}:var(--mmhook-${v},var(--mmt-${v}))`).join(';')}}`;
  return { css: `${out}\n${map}`, vars: [...vars] };
}

async function embedCss(root) {
  const preview = rescopePreviewCss(await readFile(path.join(root, 'web/preview.css'), 'utf8'));
  const own = await readFile(path.join(root, 'web/embed/embed.css'), 'utf8');
  const [reset, rest] = own.split('/* @preview */');
  if (rest === undefined) throw new Error('build-embed: web/embed/embed.css lacks its /* @preview */ marker');
  const all = `${reset}\n${preview.css}\n${rest}`;
  const { code } = await transform(all, { loader: 'css', minify: true, target: 'chrome111' });
  if (/:root|(^|[},\s])(html|body)[\s,{]/.test(code)) throw new Error('build-embed: preview.css rescoping left :root/html/body selectors');
  return { css: code, vars: preview.vars };
}

// The fonts, as [{family, weight?, display, unicodeRange?, url | data}] for element.js's registerFonts(). Open Sans
// latin 400 and 600: files beside the module (fonts/, by URL relative to it: fetched when text first draws with them,
// swapped in) unless `inline` (the classic script: base64, no request); the few compass icons used: always inline (~2 KB).
async function fonts(root, out, inline) {
  const os = path.join(root, 'node_modules/@fontsource/open-sans/files');
  const faces = [];
  if (!inline) await mkdir(path.join(out, 'fonts'), { recursive: true });
  for (const [weight, file] of [['400', 'open-sans-latin-400-normal.woff2'], ['600 700', 'open-sans-latin-600-normal.woff2']]) {
    const face = { family: 'mmhook Open Sans', weight, display: 'swap', unicodeRange: LATIN_RANGE };
    if (inline) faces.push({ ...face, data: (await readFile(path.join(os, file))).toString('base64') });
    else {
      await copyFile(path.join(os, file), path.join(out, 'fonts', file));
      faces.push({ ...face, url: `./fonts/${file}` });
    }
  }
  faces.push({ family: 'mmhook compass-icons', display: 'block', data: (await compassSubset(root)).woff.toString('base64') });
  // url entries resolve against the module's own URL (import.meta.url), wherever the host page is.
  const code = faces.map((f) => (f.url ? `{...${JSON.stringify({ ...f, url: undefined })},url:new URL(${JSON.stringify(f.url)},import.meta.url).href}`
    : JSON.stringify(f)));
  return `export default [${code.join(',')}];`;
}

export async function buildEmbed({ root, dist, plugin, common }) {
  const out = path.join(dist, 'embed');
  await mkdir(out, { recursive: true });
  const css = await embedCss(root);
  await rm(path.join(out, 'fonts'), { recursive: true, force: true });
  const embedPlugin = (inline) => ({
    name: 'mmhook-embed',
    setup(b) {
      b.onResolve({ filter: /^mmhook-embed:/ }, (args) => ({ path: args.path, namespace: 'mmhook-embed' }));
      b.onLoad({ filter: /.*/, namespace: 'mmhook-embed' }, async (args) => {
        if (args.path === 'mmhook-embed:css') return { contents: `export default ${JSON.stringify(css.css)};`, loader: 'js' };
        if (args.path === 'mmhook-embed:fonts') return { contents: await fonts(root, out, inline), loader: 'js' };
        return undefined;
      });
    },
  });
  const shared = { ...common, entryPoints: [path.join(root, 'web/embed/mmhook-embed.js')], platform: 'browser', external: ['node:*'] };
  // The module (http only: browsers load no module from file://): streams mmhook.wasm from beside it, and the parts a
  // read-only element never uses (editor, command and slack-diff views) are chunks loaded on first use.
  for (const f of await readdir(out)) if (/^mmhook-embed-[\w-]+\.js$/.test(f)) await rm(path.join(out, f));
  await build({ ...shared, format: 'esm', splitting: true, outdir: out, entryNames: '[name]', chunkNames: 'mmhook-embed-[name]-[hash]',
    plugins: [plugin(false), embedPlugin(false)] });
  await copyFile(path.join(root, 'build/wasm/wasm/mmhook_glue.wasm'), path.join(out, 'mmhook.wasm'));
  // The tools module (the command view, clicks in an editable element): fetched by mm.loadCommands() on first use.
  await copyFile(path.join(root, 'build/wasm/wasm/mmhook_tools.wasm'), path.join(out, 'mmhook-tools.wasm'));
  // The classic script: one self-contained file (wasm inlined), for pages without modules and for file://.
  await build({ ...shared, format: 'iife', outfile: path.join(out, 'mmhook-embed.iife.js'), plugins: [plugin(true), embedPlugin(true)],
    define: { 'import.meta.url': '"file:///mmhook-inline/"' } });
  await copyFile(path.join(root, 'web/embed/ci-report.json'), path.join(out, 'ci-report.json'));
  // The example's src fallbacks (<script type="application/json" data-inline-from="FILE">) get FILE's text, so the
  // page also renders opened from disk.
  let example = await readFile(path.join(root, 'web/embed/example.html'), 'utf8');
  for (const m of [...example.matchAll(/<script type="application\/json" data-inline-from="([\w.-]+)"><\/script>/g)]) {
    const json = (await readFile(path.join(root, 'web/embed', m[1]), 'utf8')).replace(/</g, '\\u003c');
    example = example.replace(m[0], () => `<script type="application/json">${json.trimEnd()}</script>`);
  }
  await writeFile(path.join(out, 'example.html'), example);
}

/**
 * What a page with a read-only <mmhook-preview> (module build) transfers, as paths relative to `dir` (dist/embed):
 * mmhook-embed.js, the chunks it imports statically, mmhook.wasm and the Open Sans files (latin 400 and 600). The
 * budget test (tests/browser/embed.test.mjs) checks a browser fetches exactly these; the bench reports their sum.
 */
export async function readOnlyEmbedFiles(dir) {
  const files = ['mmhook-embed.js'];
  for (let i = 0; i < files.length; i++) {
    const text = await readFile(path.join(dir, files[i]), 'utf8');
    for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?"\.\/([\w.-]+\.js)"/g)) if (!files.includes(m[1])) files.push(m[1]);
  }
  const fonts = (await readdir(path.join(dir, 'fonts'))).filter((f) => /^open-sans-latin-(?:400|600)-normal\.woff2$/.test(f)).map((f) => `fonts/${f}`);
  return [...files, 'mmhook.wasm', ...fonts.sort()];
}
