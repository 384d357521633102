import type { IncomingMessage } from 'node:http';
import { jsonSafetyIssues } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';

/** The default body limit: plans will carry segmentation masks, so generous, but bounded. */
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/**
 * How much of a refused oversized body is still read (and thrown away) so the client gets to
 * read the 413: a client still sending when the server closes sees a reset, not the answer
 * (Node's fetch reports ECONNRESET). Past this the connection is closed instead.
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

/** What reading a body may leave behind: a 413 past the drain limit must also close the connection. */
export interface BodyFailure {
  reply: Reply;
  closeConnection: boolean;
}

const fail = (reply: Reply, closeConnection = false): Result<never, BodyFailure> => err({ reply, closeConnection });

/**
 * Reads a request's JSON body: refuses a declared non-JSON content type (415), a body over
 * `limit` bytes (413 once the body has been read to its end without keeping it, so the client
 * can read the answer; past {@link DRAIN_LIMIT} the connection is closed instead), bytes that are not UTF-8, text that is not JSON, and JSON that cannot be
 * stored faithfully (400, with the paths). An empty body reads as `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT): Promise<Result<unknown, BodyFailure>> {
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type.trim())) {
    return fail(problem(415, 'unsupported-media-type', `Send JSON (Content-Type: application/json), not ${type}`));
  }
  const tooLarge = (close: boolean): Result<never, BodyFailure> =>
    fail(problem(413, 'body-too-large', `The body is larger than the limit of ${limit} bytes`), close);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT) return tooLarge(true);

  const chunks: Buffer[] = [];
  let size = 0;
  let over = Number.isFinite(declared) && declared > limit;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      // Over the limit: read on without keeping anything, so the 413 reaches the client.
      if (size > DRAIN_LIMIT) return tooLarge(true);
      if (size > limit) over = true;
      if (!over) chunks.push(buf);
    }
  } catch {
    return fail(problem(400, 'invalid-json', 'The request body could not be read (connection aborted?)'), true);
  }
  if (over) return tooLarge(false);
  if (size === 0) return ok(undefined);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return fail(problem(400, 'invalid-json', 'The body is not valid UTF-8'));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(problem(400, 'invalid-json', `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`));
  }
  const unsafe = jsonSafetyIssues(value);
  if (unsafe.length) return fail(problem(400, 'invalid-fields', 'The body contains values that cannot be stored', { issues: unsafe }));
  return ok(value);
}
