// Static server for dist/web (and dist/ for the library files) on 127.0.0.1 only.
// Usage: node scripts/serve.mjs [--port N] [--root DIR]; PORT env overrides the default 8080. Exports serve() for tests.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
};

/** Starts a server for `root`; resolves to {server, url}. Port 0 picks a free one. */
export function serve({ root, port = 8080, host = '127.0.0.1' }) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url, 'http://localhost');
      let p = path.normalize(path.join(base, decodeURIComponent(u.pathname)));
      if (!p.startsWith(base)) { res.writeHead(403).end('forbidden'); return; }
      if ((await stat(p).catch(() => null))?.isDirectory()) p = path.join(p, 'index.html');
      const data = await readFile(p);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(p)] || 'application/octet-stream', 'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff' });
      res.end(data);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const root = opt('--root', path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/web'));
  const port = Number(opt('--port', process.env.PORT || 8080));
  serve({ root, port }).then(({ url }) => console.log(`mmhook previewer: ${url}  (Ctrl+C to stop)`), (e) => {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.code || e.message}`);
    process.exit(2);
  });
}
