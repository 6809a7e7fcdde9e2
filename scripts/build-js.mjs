// Bundles the JS outputs around the two modules' Emscripten glue (see README "Build outputs"): dist/mmhook.mjs +
// dist/mmhook.wasm (check) + dist/mmhook-tools.wasm (the complete module: check and the tools, loaded on first use),
// dist/mmhook.single.mjs (the complete module inlined), dist/mmhook.d.ts, dist/web/.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { writeShells } from './gen-shells.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const glue = path.join(root, 'build/wasm/wasm/mmhook_glue.mjs');
const wasmFile = path.join(root, 'build/wasm/wasm/mmhook_glue.wasm');
const toolsGlue = path.join(root, 'build/wasm/wasm/mmhook_tools.mjs');
const toolsWasmFile = path.join(root, 'build/wasm/wasm/mmhook_tools.wasm');
const dist = path.join(root, 'dist');

// inline: the module bytes as base64 in the bundle (file:// page, embed, single-file library), else fetched beside it.
// full: one complete module (mmhook-tools.wasm with its glue) serves check() and the tools: what the inlined builds
// use, and the page's worker when the page hands it those bytes. Else check() has mmhook.wasm and the tools load later.
export function plugin(inline, full = inline) {
  return {
    name: 'mmhook',
    setup(b) {
      b.onResolve({ filter: /^mmhook:/ }, (args) => ({ path: args.path, namespace: 'mmhook' }));
      b.onLoad({ filter: /.*/, namespace: 'mmhook' }, async (args) => {
        const js = (contents) => ({ contents, loader: 'js', resolveDir: root });
        if (args.path === 'mmhook:glue') return js(await readFile(full ? toolsGlue : glue, 'utf8'));
        if (args.path === 'mmhook:tools-glue') return js(full ? "export { default } from 'mmhook:glue';" : await readFile(toolsGlue, 'utf8'));
        if (args.path === 'mmhook:full') return js(`export default ${full};`);
        if (args.path === 'mmhook:inline-wasm') {
          const b64 = inline ? (await readFile(full ? toolsWasmFile : wasmFile)).toString('base64') : null;
          return js(`export default ${JSON.stringify(b64)};`);
        }
        return undefined;
      });
    },
  };
}

const common = { bundle: true, minify: true, legalComments: 'none', target: 'es2022', logLevel: 'warning' };

writeShells();   // wasm/shells.gen.js, from core/include/mmhook/shells.def: imported by the bundles below
await mkdir(path.join(dist, 'web'), { recursive: true });
await copyFile(wasmFile, path.join(dist, 'mmhook.wasm'));
await copyFile(toolsWasmFile, path.join(dist, 'mmhook-tools.wasm'));
await copyFile(path.join(root, 'wasm/mmhook.d.ts'), path.join(dist, 'mmhook.d.ts'));
await build({ ...common, entryPoints: [path.join(root, 'wasm/mmhook.js')], format: 'esm', platform: 'neutral',
  outfile: path.join(dist, 'mmhook.mjs'), plugins: [plugin(false)], external: ['node:*'] });
await build({ ...common, entryPoints: [path.join(root, 'wasm/mmhook.js')], format: 'esm', platform: 'neutral',
  outfile: path.join(dist, 'mmhook.single.mjs'), plugins: [plugin(true)], external: ['node:*'] });

// The page (and later the embed) are built by their own script, with the same glue plugin.
const { buildWeb } = await import('./build-web.mjs');
await buildWeb({ root, dist, plugin, common });
const embedScript = path.join(root, 'scripts/build-embed.mjs');
if (await stat(embedScript).catch(() => null)) {
  const { buildEmbed } = await import('./build-embed.mjs');
  await buildEmbed({ root, dist, plugin, common });
}
