import { z } from 'zod';
import {
  postProcedureAssessmentSchema,
  postProcedureResultSchema,
  registrationReportSchema,
  type PostProcedureAssessment,
  type PostProcedureRequest,
  type PostProcedureResult,
  type RegistrationReport,
} from '../records/postProcedure';
import { ApiError, apiProblemSchema, errorText, fetchParsed, readBody, request } from './apiProblem';

/**
 * Typed client of the post-procedure API (issue 18; the server is src/server/postprocedure/).
 *
 * Routes:
 * - `POST /api/plans/:id/post-procedure` body {@link PostProcedureRequest} → 200 {@link PostProcedureResult};
 *   422 problem `{ error, code: 'registration-failed', title, detail, registration }` when the registration
 *   failed (thrown here as {@link RegistrationFailedError}), 422 `analysis-failed` when the input cannot be
 *   analysed, 503 `busy` with Retry-After when other analyses are queued.
 * - `POST /api/plans/:id/post-procedure/assessments` body {@link PostProcedureRequest} with `matrix` →
 *   201 {@link PostProcedureAssessment}: the server re-analyses with that matrix and stores its own result.
 * - `GET /api/plans/:id/post-procedure/assessments` → `{ assessments: PostProcedureAssessment[], problems }`, newest first.
 * - `GET /api/cases/:id/post-procedure/assessments` → the same for every plan of the case.
 * - `GET /api/series/:seriesUID/volume?studyInstanceUID=…&step=N` → the series' HU as Int16 little endian,
 *   geometry in the `x-percuplan-volume` header (JSON {dimensions, spacing, origin, direction}), every
 *   N-th voxel along each axis when `step` is given (the fused view uses the CBCT this way).
 */
export interface SeriesVolumeData {
  readonly dimensions: readonly [number, number, number];
  readonly spacing: readonly [number, number, number];
  readonly origin: readonly [number, number, number];
  readonly direction: readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];
  readonly scalars: Int16Array;
}

/** A 422 of a run or accept whose registration failed: its report says where it stopped and why. */
export class RegistrationFailedError extends ApiError {
  constructor(
    endpoint: string,
    message: string,
    readonly registration: RegistrationReport | null,
  ) {
    super(endpoint, 422, message, { error: message, code: 'registration-failed' });
    this.name = 'RegistrationFailedError';
  }
}

const json = { 'content-type': 'application/json' };
const triple = z.tuple([z.number(), z.number(), z.number()]);
const volumeHeaderSchema = z.object({
  dimensions: z.tuple([z.int().min(1), z.int().min(1), z.int().min(1)]),
  spacing: triple,
  origin: triple,
  direction: z.tuple([triple, triple, triple]),
});
const listSchema = z.object({ assessments: z.array(postProcedureAssessmentSchema), problems: z.array(z.object({ id: z.string(), error: z.string() })).optional() });
const registrationProblemSchema = apiProblemSchema.extend({ registration: registrationReportSchema.nullable().optional() });
const planUrl = (planId: string, tail = ''): string => `/api/plans/${encodeURIComponent(planId)}/post-procedure${tail}`;

/** POSTs a run or accept; a failed registration is a {@link RegistrationFailedError}, any other refusal an {@link ApiError}. */
async function post<S extends z.ZodType>(endpoint: string, url: string, body: PostProcedureRequest, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
  const res = await request(endpoint, url, { method: 'POST', headers: json, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  if (res.ok) return readBody(res, schema, endpoint);
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    throw new ApiError(endpoint, res.status, `HTTP ${res.status} (no explanation in the answer)`);
  }
  const problem = registrationProblemSchema.safeParse(raw);
  if (!problem.success) throw new ApiError(endpoint, res.status, `HTTP ${res.status} (no explanation in the answer)`);
  if (res.status === 422 && problem.data.code === 'registration-failed') throw new RegistrationFailedError(endpoint, problem.data.error, problem.data.registration ?? null);
  const retry = res.headers.get('retry-after');
  const error = retry && res.status === 503 ? `${problem.data.error} (retry after ${retry} s)` : problem.data.error;
  throw new ApiError(endpoint, res.status, error, { ...problem.data, error });
}

/** Reads a body to its end, telling the fraction received when the length is known. */
async function readAll(res: Response, endpoint: string, onProgress?: (fraction: number) => void): Promise<ArrayBuffer> {
  const total = Number(res.headers.get('content-length') ?? NaN);
  if (!res.body || !onProgress || !Number.isFinite(total) || total <= 0) return res.arrayBuffer();
  const out = new Uint8Array(total);
  const reader = res.body.getReader();
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.byteLength > total) throw new ApiError(endpoint, res.status, `the answer is longer than its content-length (${total} bytes)`);
    out.set(value, at);
    at += value.byteLength;
    onProgress(at / total);
  }
  if (at !== total) throw new ApiError(endpoint, res.status, `the answer ended after ${at} of ${total} bytes`);
  return out.buffer;
}

export const postProcedureApi = {
  /** Runs the analysis on the server (registration unless `body.matrix`); nothing is stored. `signal` cancels it there too. */
  run: (planId: string, body: PostProcedureRequest, signal?: AbortSignal): Promise<PostProcedureResult> =>
    post('POST /api/plans/:id/post-procedure', planUrl(planId), body, postProcedureResultSchema, signal),
  /** Accepts: the server re-analyses with `body.matrix` and stores the result as the plan's next version. */
  accept: (planId: string, body: PostProcedureRequest): Promise<PostProcedureAssessment> =>
    post('POST /api/plans/:id/post-procedure/assessments', planUrl(planId, '/assessments'), body, postProcedureAssessmentSchema),
  /** The plan's accepted assessments, newest first. */
  async listForPlan(planId: string): Promise<PostProcedureAssessment[]> {
    return (await fetchParsed('GET /api/plans/:id/post-procedure/assessments', planUrl(planId, '/assessments'), listSchema)).assessments;
  },
  /** The accepted assessments of every plan of the case, newest first. */
  async listForCase(caseId: string): Promise<PostProcedureAssessment[]> {
    return (await postProcedureApi.listForCaseWithProblems(caseId)).assessments;
  },
  /** The same, with the stored rows that no longer restore (their id and why), so a page can name them. */
  async listForCaseWithProblems(caseId: string): Promise<{ assessments: PostProcedureAssessment[]; problems: { id: string; error: string }[] }> {
    const list = await fetchParsed('GET /api/cases/:id/post-procedure/assessments', `/api/cases/${encodeURIComponent(caseId)}/post-procedure/assessments`, listSchema);
    return { assessments: list.assessments, problems: list.problems ?? [] };
  },
  /** A series' HU (every `step`-th voxel) with its geometry; `onProgress` hears the fraction downloaded. */
  async seriesVolume(studyInstanceUID: string, seriesInstanceUID: string, step = 1, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<SeriesVolumeData> {
    const endpoint = 'GET /api/series/:uid/volume';
    const q = new URLSearchParams({ studyInstanceUID, step: String(step) });
    const res = await request(endpoint, `/api/series/${encodeURIComponent(seriesInstanceUID)}/volume?${q.toString()}`, signal ? { signal } : undefined);
    if (!res.ok) {
      const problem = apiProblemSchema.safeParse(await res.json().catch(() => null));
      const error = problem.success ? problem.data.error : `HTTP ${res.status}`;
      throw new ApiError(endpoint, res.status, error, problem.success ? problem.data : undefined);
    }
    let header: z.infer<typeof volumeHeaderSchema>;
    try {
      header = volumeHeaderSchema.parse(JSON.parse(res.headers.get('x-percuplan-volume') ?? 'null'));
    } catch (e) {
      throw new ApiError(endpoint, res.status, `the x-percuplan-volume header is missing or not the geometry it promises (${errorText(e)})`);
    }
    const bytes = await readAll(res, endpoint, onProgress);
    const [nx, ny, nz] = header.dimensions;
    if (bytes.byteLength !== nx * ny * nz * 2) throw new ApiError(endpoint, res.status, `the body has ${bytes.byteLength} bytes for ${nx}×${ny}×${nz} Int16 voxels`);
    return { ...header, scalars: new Int16Array(bytes) };
  },
};
