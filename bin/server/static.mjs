// Static files from one root, contained: real paths only, separator-checked, no symlink leaving the root,
// GET and HEAD only. The caller has already checked the Host header.
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ts': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/** Whether `p` is `base` or lies under it (`base` + separator + …); both absolute and normalised. */
export function isInside(base, p) {
  return p === base || p.startsWith(base.endsWith(path.sep) ? base : base + path.sep);
}

/** Resolves a URL path to a real file path inside `realBase`, or null (not found, outside, or a symlink leaving). */
export async function resolveStatic(realBase, urlPath) {
  if (urlPath.includes('\0')) return null;
  const joined = path.resolve(realBase, '.' + path.posix.normalize('/' + urlPath));
  if (!isInside(realBase, joined)) return null;
  let real = await realpath(joined).catch(() => null);
  if (!real || !isInside(realBase, real)) return null;
  let st = await stat(real).catch(() => null);
  if (st?.isDirectory()) {
    real = await realpath(path.join(real, 'index.html')).catch(() => null);
    if (!real || !isInside(realBase, real)) return null;
    st = await stat(real).catch(() => null);
  }
  return st?.isFile() ? { file: real, size: st.size, mtimeMs: st.mtimeMs } : null;
}

function plain(res, status, text, extra = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(text + '\n');
}

/** A request handler for the files under `root`. `frameAncestors` (a CSP source list) adds framing headers to HTML;
 *  `transformIndex(text)` rewrites the root index.html (the receiver announces itself there). */
export async function createStaticHandler({ root, frameAncestors, transformIndex = null }) {
  const realBase = await realpath(path.resolve(root)).catch(() => null);
  const index = realBase && path.join(realBase, 'index.html');
  return async function handleStatic(req, res, pathname) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, `mmhook: ${req.method} is not served here; static files answer GET and HEAD only`,
        { Allow: 'GET, HEAD' });
      return;
    }
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      plain(res, 400, 'mmhook: bad percent-encoding in the path');
      return;
    }
    const found = realBase ? await resolveStatic(realBase, decoded) : null;
    if (!found) {
      plain(res, 404, realBase ? 'not found' : `not found (the page is not built: no ${root})`);
      return;
    }
    const type = TYPES[path.extname(found.file)] || 'application/octet-stream';
    // no-cache + a validator: a reload (or the page's check worker fetching mmhook.wasm again) costs a 304, not a body.
    const headers = { 'Content-Type': type, 'Content-Length': found.size, 'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
    if (!(transformIndex && found.file === index)) {
      const etag = `"${found.size.toString(36)}-${Math.trunc(found.mtimeMs).toString(36)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
        res.end();
        return;
      }
      headers.ETag = etag;
    }
    if (frameAncestors && type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = `frame-ancestors ${frameAncestors}`;
      const fa = frameAncestors.trim();
      const xfo = fa === "'none'" ? 'DENY' : fa === "'self'" ? 'SAMEORIGIN' : null;
      if (xfo) headers['X-Frame-Options'] = xfo;
    }
    if (transformIndex && found.file === index) {
      const text = Buffer.from(transformIndex(await readFile(found.file, 'utf8')));
      res.writeHead(200, { ...headers, 'Content-Length': text.length });
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') { res.end(); return; }
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
