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
  | 'archived'
  /** A path that names no resource of its kind (e.g. not a DICOMweb resource path). */
  | 'invalid-path'
  /** No PACS is configured for a PACS route. */
  | 'not-configured'
  /** The PACS could not serve the request (unreachable, failing, refusing our credentials): 502. */
  | 'pacs-unavailable'
  /** A fault of the server itself: 500, details in the server log. */
  | 'internal-error'
  /** Accounts mode: no session (401), or the cookie named one that expired or was revoked. */
  | 'no-session'
  | 'session-expired'
  /** The account's roles do not allow the route's action (403, audited). */
  | 'forbidden'
  /** A state-changing request without the session's X-CSRF-Token, or from another site (403). */
  | 'csrf'
  | 'cross-site'
  | 'invalid-credentials'
  /** Too many requests (429), e.g. failed sign-ins. */
  | 'too-many-attempts'
  /** Issue 18: a series the server holds but cannot read as a volume (422). */
  | 'series-unreadable'
  /** Issue 18: the registration ran and does not trust its answer (422, with its report). */
  | 'registration-failed'
  /** Issue 18: the analysis cannot use its input (422: no lesion, volumes that do not overlap…). */
  | 'analysis-failed'
  /** The server is busy with other long work (503 with Retry-After). */
  | 'busy';

/**
 * The body of every refused request on every API route (records, studies, files, PACS search,
 * the DICOMweb proxy's own refusals): a sentence, a code, and where relevant the field paths or
 * (409 only) the current document.
 */
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
