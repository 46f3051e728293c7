// Small static servers for the end-to-end tests that need their own headers: a page under a strict
// Content Security Policy, the card's files on a second origin (CORS), a .wasm sent as
// application/octet-stream, data without a Content-Length. Bound to 127.0.0.1; closed by the test.
import http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json',
  '.geojson': 'application/geo+json', '.ts': 'text/plain; charset=utf-8', '.png': 'image/png',
};

/** The ports the tests' own servers use: beside the one Playwright serves www/ on (E2E_PORT). */
export const PORTS = (() => {
  const base = Number(process.env.E2E_PORT || 8391);
  return { page: base + 1, files: base + 2, other: base + 3 };
})();

/**
 * Serves `root` on 127.0.0.1:`port`. Options: `headers` (added to every response), `types` (extension
 * → Content-Type, over the defaults), `missing` (paths answered 404), `pages` (path → [type, body]
 * served as given), `hang` (paths never answered). A `?chunked` query sends a file without a
 * Content-Length. Resolves to {origin, requests (the paths asked, in order), close()}.
 */
export function serve({ port, root, headers = {}, types = {}, missing = [], pages = {}, hang = [] }) {
  const requests = [];
  const open = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    requests.push(path + url.search);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (hang.includes(path)) return; // never answered
    if (pages[path]) {
      const [type, body] = pages[path];
      res.writeHead(200, { 'content-type': type });
      return res.end(body);
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    let stat;
    try {
      if (missing.includes(path) || !file.startsWith(normalize(root))) throw new Error('missing');
      stat = statSync(file);
      if (!stat.isFile()) throw new Error('missing');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    const ext = file.endsWith('.d.ts') ? '.ts' : extname(file);
    res.setHeader('content-type', types[ext] ?? TYPES[ext] ?? 'application/octet-stream');
    if (!url.searchParams.has('chunked')) res.setHeader('content-length', stat.size);
    res.writeHead(200);
    createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(res);
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok({
      origin: `http://127.0.0.1:${port}`,
      requests,
      close: () => new Promise((done) => {
        for (const s of open) s.destroy();
        server.close(() => done());
      }),
    }));
  });
}
