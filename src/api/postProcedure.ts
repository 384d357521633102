import type { PostProcedureAssessment, PostProcedureRequest, PostProcedureResult } from '../records/postProcedure';

/**
 * Typed client of the post-procedure API (issue 18). CONTRACT STUB: the server work of issue 18
 * implements the routes and these calls; the UI codes against these signatures.
 *
 * Routes:
 * - `POST /api/plans/:id/post-procedure` body {@link PostProcedureRequest} → 200 {@link PostProcedureResult};
 *   422 problem `{ title, detail, registration }` when the registration failed (detail says why).
 * - `POST /api/plans/:id/post-procedure/assessments` body {@link PostProcedureRequest} with `matrix` →
 *   201 {@link PostProcedureAssessment}: the server re-analyses with that matrix and stores its own result.
 * - `GET /api/plans/:id/post-procedure/assessments` → `{ assessments: PostProcedureAssessment[] }`, newest first.
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

const stub = (name: string): never => {
  throw new Error(`postProcedureApi.${name}: not implemented yet`);
};

export const postProcedureApi = {
  run: (planId: string, body: PostProcedureRequest, signal?: AbortSignal): Promise<PostProcedureResult> => stub(`run ${planId} ${body.seriesInstanceUID} ${String(signal)}`),
  accept: (planId: string, body: PostProcedureRequest): Promise<PostProcedureAssessment> => stub(`accept ${planId} ${body.seriesInstanceUID}`),
  listForPlan: (planId: string): Promise<PostProcedureAssessment[]> => stub(`listForPlan ${planId}`),
  listForCase: (caseId: string): Promise<PostProcedureAssessment[]> => stub(`listForCase ${caseId}`),
  seriesVolume: (studyInstanceUID: string, seriesInstanceUID: string, step = 1, onProgress?: (fraction: number) => void): Promise<SeriesVolumeData> =>
    stub(`seriesVolume ${studyInstanceUID} ${seriesInstanceUID} ${step} ${String(onProgress)}`),
};
