import type { ServerResponse } from 'node:http';
import type { FieldIssue } from '../../records';

/** Machine-readable reasons an API request was refused, for the UI to branch on. */
export type ProblemCode =
  | 'invalid-json'
  | 'invalid-fields'
  | 'invalid-query'
  | 'invalid-header'
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'not-found'
  | 'method-not-allowed'
  | 'version-required'
  | 'version-conflict'
  | 'archived';

/** The body of every refused request: a sentence, a code, and where relevant the field paths or the current document. */
export interface ApiProblem {
  error: string;
  code: ProblemCode;
  issues?: FieldIssue[];
  current?: unknown;
}

/** An answer a handler has decided on, before it is sent. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A refusal as a reply. */
export const problem = (status: number, code: ProblemCode, error: string, extra: Omit<ApiProblem, 'error' | 'code'> = {}): Reply => ({
  status,
  body: { error, code, ...extra } satisfies ApiProblem,
});

/** Sends a reply as JSON; its own headers (a FHIR content type, an ETag) win over the defaults. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...reply.headers,
  });
  res.end(text);
}
