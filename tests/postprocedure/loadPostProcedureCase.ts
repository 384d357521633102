import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultCatalogue } from '../../src/planning/devices/defaultCatalogue';
import { draftFromContent } from '../../src/planning/plan/planContentIO';
import type { PlanDraft } from '../../src/planning/plan/planDraft';
import type { PlanningVolume } from '../../src/planning/volume/planningVolume';
import { buildDemoPlan } from '../../src/server/demo/demoPlans';
import { readDemoStudy } from '../../src/server/demo/loadDemoPlan';
import { readSeriesVolume } from '../../src/server/planning/readSeriesVolume';
import { DEFAULT_SAMPLE_DIR } from '../../sample-dicom/ensureSampleStudies';
import type { StudyTruth } from '../../sample-dicom/truth';
import type { AssessmentInput } from '../../src/planning/postprocedure/assess';

/** The sample studies: sample-dicom/generated, or PERCUPLAN_SAMPLE_DIR (a folder of studies generated elsewhere, for work on the generator). */
export const SAMPLE_DIR = process.env['PERCUPLAN_SAMPLE_DIR'] ?? DEFAULT_SAMPLE_DIR;

/** One post-procedure case as the tests use it: planning CT and its demo plan, the CBCT and its truth. */
export interface PostProcedureCase {
  readonly ct: PlanningVolume;
  readonly cbct: PlanningVolume;
  readonly plan: PlanDraft;
  readonly truth: StudyTruth;
  readonly planningSeriesInstanceUID: string;
}

/** Reads `<dir>/<planningKey>` (its demo plan built as the server seeds it) and `<dir>/<cbctKey>` with its truth.json. */
export async function loadPostProcedureCase(dir: string, planningKey: 'case2-pelvis-ct' | 'case3-spine-ct', cbctKey: string): Promise<PostProcedureCase> {
  const study = await readDemoStudy(dir, planningKey);
  if (!study.ok) throw new Error(study.error);
  const built = buildDemoPlan(planningKey, study.value.volume, study.value.truth, defaultCatalogue());
  if (!built.ok) throw new Error(built.error);
  const draft = draftFromContent(built.value.content, {
    seriesInstanceUID: built.value.seriesInstanceUID,
    frameOfReferenceUID: built.value.frameOfReferenceUID,
    geometry: study.value.volume,
  });
  if (!draft.ok) throw new Error(draft.error.join('; '));
  const cbctDir = path.join(dir, cbctKey);
  const truth = JSON.parse(await readFile(path.join(cbctDir, 'truth.json'), 'utf8')) as StudyTruth;
  const files = (await readdir(cbctDir)).filter((f) => /^IM\d+\.dcm$/.test(f)).sort().map((f) => path.join(cbctDir, f));
  const cbct = await readSeriesVolume(files);
  if (!cbct.ok) throw new Error(`${cbctDir}: ${cbct.error}`);
  return { ct: study.value.volume, cbct: cbct.value, plan: draft.value.draft, truth, planningSeriesInstanceUID: built.value.seriesInstanceUID };
}

/** The assessment input of a case, with the given transform (or none: the registration runs). */
export function assessmentInput(c: PostProcedureCase, matrix?: readonly number[]): AssessmentInput {
  return {
    ct: c.ct,
    planningSeriesInstanceUID: c.planningSeriesInstanceUID,
    cbct: c.cbct,
    cbctIdentity: { studyInstanceUID: c.truth.studyInstanceUID, seriesInstanceUID: c.truth.seriesInstanceUID, frameOfReferenceUID: c.truth.frameOfReferenceUID },
    plan: c.plan,
    ...(matrix ? { matrix } : {}),
  };
}
