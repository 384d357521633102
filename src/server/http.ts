import type { ServerResponse } from 'node:http';

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Sends `{ error }` with the status; messages name what was wrong. */
export function sendError(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}
