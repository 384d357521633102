import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves a file from the built app. Paths that escape the folder are refused; a path with no
 * file falls back to index.html so client-side routes such as /studies/<uid> load the app.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, distDir: string, urlPath: string): Promise<void> {
  const decoded = decodeURIComponent(urlPath);
  const candidate = path.resolve(distDir, '.' + decoded);
  const inside = candidate === distDir || candidate.startsWith(distDir + path.sep);
  let file = inside ? candidate : path.join(distDir, 'index.html');
  let info = await stat(file).catch(() => undefined);
  if (!info || info.isDirectory()) {
    file = path.join(distDir, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The app is not built: run `npm start` (it builds) or `npm run build`.');
    return;
  }
  const ext = path.extname(file);
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
