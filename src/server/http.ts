import type { ServerResponse } from 'node:http';
import type { ApiProblem, ProblemCode } from './records/apiProblem';

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

/** Sends the API's one error envelope `{ error, code, issues? }` with the status; messages name what was wrong. */
export function sendError(res: ServerResponse, status: number, code: ProblemCode, error: string, extra: Omit<ApiProblem, 'error' | 'code'> = {}): void {
  sendJson(res, status, { error, code, ...extra } satisfies ApiProblem);
}
