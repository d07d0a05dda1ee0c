// A minimal static file server for the built playground, bound to 127.0.0.1:
// GET and HEAD only, no directory listing, nothing outside its folder.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ebn': 'application/octet-stream',
};

/**
 * Serve `dir` on host:port (port 0: any free port; a busy default port falls
 * back to a free one). Resolves to the server and its address.
 */
export function servePlayground({ dir, port = 0, host = '127.0.0.1', fallback = false } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    let st;
    try {
      st = file === root || file.startsWith(root + sep) ? statSync(file) : null;
    } catch {
      st = null;
    }
    if (!st?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('not found\n');
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': st.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    const listen = (p) => {
      server.once('error', (e) => {
        if (e.code === 'EADDRINUSE' && fallback && p !== 0) listen(0);
        else fail(e);
      });
      server.listen(p, host, () => {
        const a = server.address();
        ok({ server, url: `http://${host}:${a.port}/` });
      });
    };
    listen(port);
  });
}
