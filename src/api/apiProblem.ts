import { z } from 'zod';
import { emitSessionSignal, SESSION_ENDED_CODES, withCsrf } from './sessionState';

/** The error envelope every API route answers a refusal with (the server's `apiProblem.ts`). */
export const apiProblemSchema = z.object({
  error: z.string(),
  code: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Only on a 409: the document as it is stored now. */
  current: z.unknown().optional(),
});

/** A refused request as the server explains it. */
export type ApiProblem = z.infer<typeof apiProblemSchema>;

/**
 * A request that failed: refused by the server (with its problem), unreachable, or answered
 * with something that is not what the endpoint promises. The message names the endpoint.
 */
export class ApiError extends Error {
  constructor(
    /** "GET /api/cases" and the like. */
    readonly endpoint: string,
    /** The HTTP status, or 0 when no answer came. */
    readonly status: number,
    message: string,
    readonly problem?: ApiProblem,
  ) {
    super(`${endpoint}: ${message}`);
    this.name = 'ApiError';
  }
}

/** The text of an error for a message to the user. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function bodyOf(res: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: (await res.json()) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The problem a refusal carries, or one made from the status when its body is not the envelope. */
export async function readProblem(res: Response): Promise<ApiProblem> {
  const body = await bodyOf(res);
  const parsed = body.ok ? apiProblemSchema.safeParse(body.value) : undefined;
  if (parsed?.success) return parsed.data;
  return { error: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} (no explanation in the answer)`, code: `http-${res.status}` };
}

/** Parses a successful answer with the endpoint's schema; anything else is an {@link ApiError} naming the endpoint. */
export async function readBody<S extends z.ZodType>(res: Response, schema: S, endpoint: string): Promise<z.output<S>> {
  const body = await bodyOf(res);
  if (!body.ok) throw new ApiError(endpoint, res.status, 'the answer is not JSON');
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ApiError(endpoint, res.status, `the answer is not what the endpoint promises (${first.join('; ')})`);
  }
  return parsed.data;
}

/** How a request treats the session. */
export interface RequestOptions {
  /**
   * True for the calls that ask whether there is a session at all (`me`, login): their 401 is
   * an answer, not a session that ended under the user, so no "session expired" signal.
   */
  sessionProbe?: boolean;
}

/** Whether a 401 says the session is gone (read from a copy, so the caller can still read the body). */
async function sessionEnded(res: Response): Promise<boolean> {
  if (res.status !== 401) return false;
  try {
    const parsed = apiProblemSchema.safeParse(await res.clone().json());
    return parsed.success && SESSION_ENDED_CODES.includes(parsed.data.code);
  } catch {
    return false;
  }
}

/**
 * Fetches, turning a network failure into an {@link ApiError} naming the endpoint. Every call
 * of the app goes through here: a state-changing one carries the session's `X-CSRF-Token`, and
 * a 401 saying the session ended raises the one app-wide "expired" signal (the caller still
 * gets the answer, so a save can stay pending instead of being lost).
 */
export async function request(endpoint: string, url: string, init?: RequestInit, options: RequestOptions = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, withCsrf(init));
  } catch (e) {
    throw new ApiError(endpoint, 0, `no answer (${errorText(e)})`);
  }
  if (!options.sessionProbe && (await sessionEnded(res))) emitSessionSignal('expired');
  return res;
}

/** Whether an error is a refusal because the session ended (the user is asked to sign in, nothing else to say). */
export const isSessionEnded = (e: unknown): boolean => e instanceof ApiError && e.status === 401 && SESSION_ENDED_CODES.includes(e.problem?.code ?? '');

/** GET-like call: the parsed body on 2xx, an {@link ApiError} carrying the server's problem otherwise. */
export async function fetchParsed<S extends z.ZodType>(endpoint: string, url: string, schema: S, init?: RequestInit, options?: RequestOptions): Promise<z.output<S>> {
  const res = await request(endpoint, url, init, options);
  if (!res.ok) {
    const problem = await readProblem(res);
    throw new ApiError(endpoint, res.status, problem.error, problem);
  }
  return readBody(res, schema, endpoint);
}
