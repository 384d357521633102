import { err, ok, type Result } from '../../shared/result';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import { LESION_CONTENT_VERSION, lesionContentSchema } from '../../planning/records/lesionContent';
import { TRAJECTORY_CONTENT_VERSION, trajectoryContentSchema } from '../../planning/trajectory/trajectoryContent';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import type { PlanInput } from '../../records/plan';
import { case1Plan } from './case1Plan';
import { case2Plan } from './case2Plan';
import { case3Plan } from './case3Plan';
import type { DemoCasePlan } from './demoCasePlan';
import type { DemoCaseKey, DemoTruth } from './demoTruth';

export { DEMO_CASE_KEYS, parseDemoTruth, type DemoCaseKey, type DemoTruth } from './demoTruth';

/** A demo plan as the plans API takes it: no envelope, no case id, no metrics (the server computes them). */
export type DemoPlanInput = Required<Pick<PlanInput, 'title' | 'studyInstanceUID' | 'seriesInstanceUID' | 'frameOfReferenceUID' | 'status'>> & {
  content: Record<string, unknown>;
};

const BUILDERS: Readonly<Record<DemoCaseKey, (v: PlanningVolume, t: DemoTruth, c: DeviceCatalogue) => Result<DemoCasePlan>>> = {
  'case1-pelvis-ct': case1Plan,
  'case2-pelvis-ct': case2Plan,
  'case3-spine-ct': case3Plan,
};

const issuesOf = (e: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  e.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');

/**
 * The demo plan of one reference case (shared/docs/domain.md), made with the product's own
 * tools on the sample study: lesions grown from a seed with `growLesion`, structures at risk
 * thresholded in boxes or drawn as tubes, needles and probes placed from the study's landmarks
 * and lesion geometry with their entries on the skin. `volume` is the study's CT, `truth` its
 * truth.json. Metrics are left to the server, which recomputes them on save.
 *
 * Fails with a message naming the part that could not be made (a grow that found no lesion, a
 * structure not found, a needle that cannot reach) or that does not pass the plan schemas.
 */
export function buildDemoPlan(key: DemoCaseKey, volume: PlanningVolume, truth: DemoTruth, catalogue: DeviceCatalogue): Result<DemoPlanInput> {
  const builder = BUILDERS[key];
  if (!builder) return err(`no demo plan for ${String(key)}`);
  const made = builder(volume, truth, catalogue);
  if (!made.ok) return err(`${key}: ${made.error}`);
  const p = made.value;
  const content = {
    lesionContentVersion: LESION_CONTENT_VERSION,
    lesions: p.lesions,
    structuresAtRisk: p.structuresAtRisk,
    trajectoryContentVersion: TRAJECTORY_CONTENT_VERSION,
    trajectories: p.trajectories,
  };
  const lesions = lesionContentSchema.safeParse(content);
  if (!lesions.success) return err(`${key}: lesion content does not parse: ${issuesOf(lesions.error)}`);
  const trajectories = trajectoryContentSchema.safeParse(content);
  if (!trajectories.success) return err(`${key}: trajectory content does not parse: ${issuesOf(trajectories.error)}`);
  return ok({
    title: p.title,
    studyInstanceUID: truth.studyInstanceUID,
    seriesInstanceUID: truth.seriesInstanceUID,
    frameOfReferenceUID: truth.frameOfReferenceUID,
    status: p.status,
    content,
  });
}
