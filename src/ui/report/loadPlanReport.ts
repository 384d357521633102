import { api, ApiError } from '../../api/client';
import { casesApi } from '../../api/cases';
import { plansApi } from '../../api/plans';
import { fetchParsed, errorText } from '../../api/apiProblem';
import { planDocumentSchema, type CaseDocument, type PlanDocument } from '../../records';
import { lesionContentSchema, type LesionContent } from '../../planning/records/lesionContent';
import { migrateTrajectoryContent, trajectoryContentSchema, type TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import { contentHash, type ContentHash } from '../../planning/report/contentHash';
import type { Vec3 } from '../../shared/vec3';

/** Everything the plan report prints, as the server answered it. */
export interface PlanReportData {
  readonly plan: PlanDocument;
  readonly lesions: LesionContent;
  readonly trajectories: TrajectoryContent;
  /** The case, or why it could not be read (the plan is still reported). */
  readonly caseDoc: CaseDocument | { readonly error: string };
  readonly softwareVersion: string | null;
  /** The series' slice positions in its stored order, or why there are none. */
  readonly slices: { readonly positions: readonly Vec3[] } | { readonly error: string };
  readonly hash: ContentHash | { readonly error: string };
}

/** Why there is no report: the plan is unknown, or could not be read. */
export interface PlanReportFailure {
  readonly notFound: boolean;
  readonly message: string;
}

const versionUrl = (id: string, n: number) => `/api/plans/${encodeURIComponent(id)}/versions/${n}`;

const settle = async <T>(p: Promise<T>): Promise<T | { error: string }> => {
  try {
    return await p;
  } catch (e) {
    return { error: errorText(e) };
  }
};

async function slicePositions(plan: PlanDocument): Promise<{ positions: Vec3[] } | { error: string }> {
  if (!plan.studyInstanceUID) return { error: 'the plan does not name its study' };
  const listing = await settle(api.seriesInstances(plan.studyInstanceUID, plan.seriesInstanceUID));
  if ('error' in listing) return { error: `the series could not be listed (${listing.error})` };
  const positions = listing.instances.flatMap((i) => (i.imagePositionPatient ? [i.imagePositionPatient] : []));
  if (positions.length !== listing.instances.length) return { error: 'some images of the series have no position' };
  return { positions };
}

/**
 * Reads a saved plan (the latest version, or version `version`) and what its report needs: its
 * case, the software version, the series' slice positions, and the content hash. Only the plan is
 * required; anything else that fails is named in the report instead of stopping it.
 */
export async function loadPlanReport(id: string, version: number | undefined): Promise<PlanReportData | PlanReportFailure> {
  let plan: PlanDocument;
  try {
    plan = version === undefined ? await plansApi.get(id) : await fetchParsed('GET /api/plans/:id/versions/:n', versionUrl(id, version), planDocumentSchema);
  } catch (e) {
    const notFound = e instanceof ApiError && (e.status === 404 || e.status === 400);
    return { notFound, message: notFound ? `No plan ${id}${version === undefined ? '' : ` version ${version}`}: ${errorText(e)}` : errorText(e) };
  }
  const lesions = lesionContentSchema.safeParse(plan.content);
  const trajectories = trajectoryContentSchema.safeParse(migrateTrajectoryContent({ ...plan.content }));
  if (!lesions.success || !trajectories.success) return { notFound: false, message: `Plan ${id} v${plan.version}: its content does not read as a plan (${(lesions.error ?? trajectories.error)?.issues[0]?.message ?? ''})` };
  const [caseDoc, health, slices, hash] = await Promise.all([
    settle(casesApi.get(plan.caseId)),
    settle(api.health()),
    slicePositions(plan),
    settle(contentHash(plan.content)),
  ]);
  return { plan, lesions: lesions.data, trajectories: trajectories.data, caseDoc, softwareVersion: 'error' in health ? null : health.version, slices, hash };
}

/** The `?version=n` of a report address, or undefined for the latest. */
export function versionParam(search: string): number | undefined {
  const v = new URLSearchParams(search).get('version');
  return v !== null && /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : undefined;
}

/** Narrowing helper for the loader's answer. */
export const isFailure = (r: PlanReportData | PlanReportFailure): r is PlanReportFailure => 'message' in r && !('plan' in r);

