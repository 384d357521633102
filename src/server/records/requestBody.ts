import type { IncomingMessage } from 'node:http';
import { jsonSafetyIssues } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';

/** The default body limit: plans will carry segmentation masks, so generous, but bounded. */
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** What reading a body may leave behind: a 413 must also close the connection. */
export interface BodyFailure {
  reply: Reply;
  closeConnection: boolean;
}

const fail = (reply: Reply, closeConnection = false): Result<never, BodyFailure> => err({ reply, closeConnection });

/**
 * Reads a request's JSON body: refuses a declared non-JSON content type (415), a body over
 * `limit` bytes (413, decided from Content-Length when declared, else while streaming, without
 * buffering the rest), bytes that are not UTF-8, text that is not JSON, and JSON that cannot be
 * stored faithfully (400, with the paths). An empty body reads as `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT): Promise<Result<unknown, BodyFailure>> {
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type.trim())) {
    return fail(problem(415, 'unsupported-media-type', `Send JSON (Content-Type: application/json), not ${type}`));
  }
  const tooLarge = (): Result<never, BodyFailure> =>
    fail(problem(413, 'body-too-large', `The body is larger than the limit of ${limit} bytes`), true);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > limit) return tooLarge();
      chunks.push(buf);
    }
  } catch {
    return fail(problem(400, 'invalid-json', 'The request body could not be read (connection aborted?)'), true);
  }
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
