// Builds the previewer page: dist/web/ for http (index.html, style.css, app.js, mmhook.wasm compiled while it
// downloads, fonts/*.woff2 fetched only for the glyphs shown), the single self-contained dist/mmhook.html for file://
// (wasm, fonts and styles inlined, no request at all), and the payload JSON Schema as dist/incoming-webhook.schema.json.
// Called by build-js.mjs with its esbuild glue plugin.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { compassSubset } from './subset-font.mjs';

/** What @fontsource's Open Sans latin files cover (their unicode-range). */
export const LATIN_RANGE = 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';

// Open Sans (latin + latin-ext; 400, 600 (bold resolves to it, as the web app mostly uses 600) and 400 italic) and the
// Compass icons web/ uses. fontDir null: as data: URLs (no font request at all); else each woff2 is copied there and named `fonts/<file>`.
async function fontsCss(root, fontDir = null) {
  const src = async (file) => {
    if (!fontDir) return `url(data:font/woff2;base64,${(await readFile(file)).toString('base64')})`;
    await copyFile(file, path.join(fontDir, path.basename(file)));
    return `url(fonts/${path.basename(file)})`;
  };
  const files = path.join(root, 'node_modules/@fontsource/open-sans/files');
  const faces = [];
  const ranges = {
    latin: LATIN_RANGE,
    'latin-ext': 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  };
  for (const [subset, range] of Object.entries(ranges)) {
    for (const [weight, style] of [[400, 'normal'], [600, 'normal'], [400, 'italic']]) {
      const url = await src(path.join(files, `open-sans-${subset}-${weight}-${style}.woff2`));
      faces.push(`@font-face{font-family:"Open Sans";font-style:${style};font-weight:${weight};font-display:swap;` +
        `src:${url} format("woff2");unicode-range:${range}}`);
    }
  }
  // The icons: only the glyphs web/ draws (scripts/subset-font.mjs), inline as a ~1.7 KB font: no request, no swap.
  const icons = await compassSubset(root);
  faces.push('@font-face{font-family:"compass-icons";font-style:normal;font-weight:normal;font-display:block;' +
    `src:url(data:font/woff;base64,${icons.woff.toString('base64')}) format("woff")}`);
  faces.push('.icon:before,[class^="icon-"]:before,[class*=" icon-"]:before{font-family:"compass-icons";font-style:normal;' +
    'font-weight:normal;speak:never;display:inline-block;text-decoration:inherit;width:1em;text-align:center;font-variant:normal;' +
    'text-transform:none;line-height:1em;-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}');
  // The glyph table (.icon-NAME:before{content}) of the icon classes web/ names, escaped to ASCII.
  for (const [name, hex] of icons.classes) faces.push(`.icon-${name}:before{content:"\\${hex}"}`);
  return faces.join('\n');
}

const sha256 = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** The page's script (one classic IIFE: file:// blocks module scripts). inline: wasm bytes and fonts inside the script
 *  (file://); else the glue streams `mmhook.wasm` next to the page and the fonts are files. Returns the minified text. */
async function pageScript({ root, plugin, common, fonts, inline, lazy = null, out = null }) {
  // The check worker, as source text for a Blob URL: it gets the wasm bytes from the page (inline) or fetches the same
  // mmhook.wasm URL as the page, named by the page in its init message (globalThis.__mmhookBase).
  const worker = await build({ ...common, entryPoints: [path.join(root, 'web/worker.js')], format: 'iife', platform: 'browser',
    write: false, plugins: [plugin(false, inline)], external: ['node:*'],
    define: { 'import.meta.url': inline ? '"file:///mmhook-inline/"' : 'globalThis.__mmhookBase' } });
  // Over http the worker's text is a file of its own (worker-<hash>.js), fetched when a check first gets slow: app.js
  // does not carry it (~15 KB gzip); checker.js makes the same Blob URL of it (the worker keeps the page's CSP).
  let workerSrc = worker.outputFiles[0].text;
  if (!inline) {
    const file = `worker-${createHash('sha256').update(workerSrc).digest('hex').slice(0, 8)}.js`;
    await writeFile(path.join(out, file), workerSrc);
    workerSrc = { file: `./${file}` };
  }
  const webPlugin = {
    name: 'mmhook-web',
    setup(b) {
      b.onResolve({ filter: /^mmhook-web:/ }, (args) => ({ path: args.path, namespace: 'mmhook-web' }));
      b.onLoad({ filter: /.*/, namespace: 'mmhook-web' }, (args) => ({
        contents: `export default ${JSON.stringify(args.path === 'mmhook-web:worker-src' ? workerSrc : fonts)};`, loader: 'js' }));
    },
  };
  const app = await build({ ...common, entryPoints: [path.join(root, 'web/app.js')], format: 'iife', platform: 'browser',
    write: false, plugins: [plugin(inline), webPlugin, ...(lazy ? [lazyPlugin(lazy)] : [])], external: ['node:*'], loader: { '.css': 'text', '.json': 'json' },
    define: { 'import.meta.url': inline ? '"file:///mmhook-inline/"' : 'document.baseURI' } });
  return app.outputFiles[0].text;
}

// Code the first preview does not need, as chunks of their own over http: `import(specifier)` in the page's source
// (a dynamic import) becomes a request for `<name>-<hash>.js` beside app.js. The file:// page keeps them in its one
// script (esbuild evaluates a dynamically imported module only when it is first imported).
const LAZY_CHUNKS = [
  // CodeMirror and the editor's completion (web/panels/editor.js, after the first preview is drawn).
  { specifier: '../editor.js', entry: 'web/editor.js', name: 'editor' },
  // highlight.js with its common languages (web/preview.js, when a post first shows a code block).
  { specifier: 'highlight.js/lib/common', entry: 'node_modules/highlight.js/lib/common.js', name: 'highlight' },
];

/** Builds each lazy chunk into `out` as an ES module; returns {specifier: './<file>'}. */
async function lazyChunks({ root, common, out }) {
  const map = {};
  for (const c of LAZY_CHUNKS) {
    const r = await build({ ...common, entryPoints: [path.join(root, c.entry)], format: 'esm', platform: 'browser', write: false,
      loader: { '.css': 'text', '.json': 'json' } });
    const text = r.outputFiles[0].text;
    const file = `${c.name}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}.js`;
    await writeFile(path.join(out, file), text);
    map[c.specifier] = `./${file}`;
  }
  return map;
}

// Leaves the dynamic imports named in `map` as imports of their chunk files (resolved against app.js's own URL).
function lazyPlugin(map) {
  return {
    name: 'mmhook-lazy',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' && Object.hasOwn(map, args.path)
        ? { path: map[args.path], external: true } : undefined));
    },
  };
}

export async function buildWeb({ root, dist, plugin, common }) {
  const out = path.join(dist, 'web');
  await mkdir(out, { recursive: true });
  await rm(path.join(out, 'fonts'), { recursive: true, force: true });
  await mkdir(path.join(out, 'fonts'), { recursive: true });
  const fonts = await fontsCss(root);
  // The http page: the wasm is its own cacheable file, compiled while it downloads; fonts are fetched per glyph range.
  for (const f of await readdir(out)) if (/^(?:editor|highlight|worker)-[0-9a-f]{8}\.js$/.test(f)) await rm(path.join(out, f));
  const lazy = await lazyChunks({ root, common, out });
  await writeFile(path.join(out, 'app.js'), await pageScript({ root, plugin, common, fonts: await fontsCss(root, path.join(out, 'fonts')), inline: false, lazy, out }));
  for (const [spec, file] of Object.entries(lazy)) {
    if (!(await readFile(path.join(out, 'app.js'), 'utf8')).includes(`import("${file}")`)) throw new Error(`build-web: app.js does not import ${file} (${spec})`);
  }
  await copyFile(path.join(root, 'build/wasm/wasm/mmhook_glue.wasm'), path.join(out, 'mmhook.wasm'));
  await copyFile(path.join(root, 'build/wasm/wasm/mmhook_tools.wasm'), path.join(out, 'mmhook-tools.wasm'));
  // Page styles: bundled (the @import-free file is copied through esbuild for minification).
  await build({ ...common, entryPoints: [path.join(root, 'web/style.css')], outfile: path.join(out, 'style.css'), loader: { '.css': 'css' } });
  // Over http the page fetches its own mmhook.wasm (same origin only); the file on disk for file:// connects nowhere.
  const source = await readFile(path.join(root, 'web/index.html'), 'utf8');
  if (!source.includes("connect-src 'none'")) throw new Error("build-web: web/index.html must say connect-src 'none'");
  // (No <link rel=preload> for the wasm: opened from disk it would be a failed CORS request before boot.js redirects.)
  await writeFile(path.join(out, 'index.html'), source.replace("connect-src 'none'", "connect-src 'self'"));
  // The preview frame's styles (fonts + preview.css, as the page adopts them) for the CLI's `mmhook render`.
  const previewCss = await build({ ...common, entryPoints: [path.join(root, 'web/preview.css')], write: false, loader: { '.css': 'css' } });
  await writeFile(path.join(dist, 'preview.css'), `${fonts}\n${previewCss.outputFiles[0].text}`);
  await copyFile(path.join(root, 'web/incoming-webhook.schema.json'), path.join(dist, 'incoming-webhook.schema.json'));
  await copyFile(path.join(root, 'web/incoming-webhook.schema.json'), path.join(out, 'incoming-webhook.schema.json'));

  // The single self-contained file: style and script inline, allowed by their hashes only.
  const html = source;
  const css = (await readFile(path.join(out, 'style.css'), 'utf8')).replace(/<\/style/gi, '<\\/style');
  const js = (await pageScript({ root, plugin, common, fonts, inline: true })).replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  let single = html.replace('<link rel="stylesheet" href="style.css">', () => `<style>${css}</style>`)
    .replace('<script src="app.js"></script>', () => `<script>${js}</script>`);
  single = single.replace("script-src 'self' 'wasm-unsafe-eval'", `script-src ${sha256(js)} 'wasm-unsafe-eval'`)
    .replace("style-src 'self'", `style-src ${sha256(css)}`);
  if (single.includes('src="app.js"') || single.includes('href="style.css"')) throw new Error('build-web: single-file inlining failed');
  await writeFile(path.join(dist, 'mmhook.html'), single);
}
