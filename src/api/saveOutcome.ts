import type { z } from 'zod';
import { ApiError, apiProblemSchema, errorText, readBody, readProblem, request, type ApiProblem } from './apiProblem';

/** The outcome of a create or a save: the stored document, or why not (a 409 carries the stored document as `current`). */
export type SaveOutcome<D> =
  /** `headers`: the answer's, for what one endpoint says beside the document (a plan save's notes). */
  | { ok: true; document: D; headers?: Headers }
  | { ok: false; status: number; problem: ApiProblem & { current?: D } };

/**
 * Sends a create or a save and reads the answer with the document's schema. Never throws: no
 * answer, a refusal, and an answer that is not a document all come back as a problem whose
 * sentence names the endpoint where the server gave none.
 */
export async function sendDocument<S extends z.ZodType>(endpoint: string, url: string, init: RequestInit, schema: S): Promise<SaveOutcome<z.output<S>>> {
  try {
    const res = await request(endpoint, url, init);
    if (res.ok) return { ok: true, document: await readBody(res, schema, endpoint), headers: res.headers };
    const problem = await readProblem(res);
    const current = problem.current === undefined ? undefined : schema.safeParse(problem.current);
    return { ok: false, status: res.status, problem: { ...problem, current: current?.success ? (current.data as z.output<S>) : undefined } };
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0;
    return { ok: false, status, problem: { error: errorText(e), code: status ? 'unreadable-answer' : 'no-answer' } };
  }
}

/** Whether an unknown value is the error envelope (for answers read elsewhere). */
export const isApiProblem = (v: unknown): v is ApiProblem => apiProblemSchema.safeParse(v).success;
