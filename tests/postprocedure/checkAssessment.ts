import type { PostProcedureResult } from '../../src/records/postProcedure';
import type { PlanDraft } from '../../src/planning/plan/planDraft';
import type { StudyTruth } from '../../sample-dicom/truth';
import type { PlanMaskFill } from './planMaskFill';

type V = readonly number[];
const dist = (a: V, b: V) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
const angle = (a: V, b: V) => {
  const c = ((a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!) / (Math.hypot(a[0]!, a[1]!, a[2]!) * Math.hypot(b[0]!, b[1]!, b[2]!)));
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
};
const sub = (a: V, b: V) => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];

/** The bounds (issue 18, "Done when"). */
export const BOUNDS = { needleMm: 1.5, needleDeg: 1, onPlanMm: 1, volumeFraction: 0.1, fillPoints: 5, leakMinMl: 0.1, leakCentreMm: 5 } as const;

/**
 * Every way an assessment misses the truth, as sentences (empty: it passes). Expected values
 * come from the truth alone: each truth needle's planning-LPS entry and tip against the plan's
 * trajectory (entry and tip errors, angle between the axes), the painted cement volume, each
 * lesion's fill, each painted leak (≥ 0.1 mL: found within 5 mm with its class), and no
 * reported leak without a painted one within 5 mm. The fill is measured over the plan's lesion
 * mask, so its truth is `planFill` (the generator's cement over that mask, `planMaskFillTruth`),
 * not truth.json's fill of the painted lesion, which a grown mask only approximates; both are named
 * when a fill misses.
 */
export function checkAssessment(result: PostProcedureResult, truth: StudyTruth, plan: PlanDraft, planFill: readonly PlanMaskFill[]): string[] {
  const failures: string[] = [];
  for (const n of truth.needles ?? []) {
    const t = plan.trajectories.find((x) => x.id === n.trajectoryId);
    if (!t) {
      failures.push(`${n.trajectoryId}: not in the plan`);
      continue;
    }
    const r = result.needles.find((x) => x.trajectoryId === n.trajectoryId);
    if (!r) {
      failures.push(`${n.trajectoryId}: no needle reported`);
      continue;
    }
    const tipErr = dist(n.tipPlanningLps, t.target);
    const entryErr = dist(n.entryPlanningLps, t.entry);
    const ang = angle(sub(n.tipPlanningLps, n.entryPlanningLps), sub(t.target, t.entry));
    if (Math.abs(r.tipErrorMm - tipErr) > BOUNDS.needleMm) failures.push(`${n.trajectoryId}: tip error ${r.tipErrorMm.toFixed(2)} mm, truth ${tipErr.toFixed(2)} mm`);
    if (r.entryErrorMm === null) failures.push(`${n.trajectoryId}: no entry error (truth ${entryErr.toFixed(2)} mm)`);
    else if (Math.abs(r.entryErrorMm - entryErr) > BOUNDS.needleMm) failures.push(`${n.trajectoryId}: entry error ${r.entryErrorMm.toFixed(2)} mm, truth ${entryErr.toFixed(2)} mm`);
    if (Math.abs(r.angleDeg - ang) > BOUNDS.needleDeg) failures.push(`${n.trajectoryId}: angle ${r.angleDeg.toFixed(2)}°, truth ${ang.toFixed(2)}°`);
    if (dist(r.tipLps, n.tipPlanningLps) > BOUNDS.needleMm) failures.push(`${n.trajectoryId}: tip ${dist(r.tipLps, n.tipPlanningLps).toFixed(2)} mm from the truth's`);
    if (n.designedDeviation.tipMm === 0 && n.designedDeviation.angleDeg === 0 && r.tipErrorMm >= BOUNDS.onPlanMm) {
      failures.push(`${n.trajectoryId}: on plan, but its tip error reads ${r.tipErrorMm.toFixed(2)} mm`);
    }
  }
  const cement = truth.cement;
  if (!cement) return [...failures, 'the truth has no cement'];
  const volErr = Math.abs(result.cement.volumeMl - cement.totalMl) / cement.totalMl;
  if (volErr > BOUNDS.volumeFraction) failures.push(`cement ${result.cement.volumeMl.toFixed(2)} mL, truth ${cement.totalMl.toFixed(2)} mL (${(100 * volErr).toFixed(1)} % off)`);
  for (const l of cement.lesions) {
    const r = result.cement.lesions.find((x) => x.lesionId === l.lesionId);
    const expected = planFill.find((x) => x.lesionId === l.lesionId);
    if (!expected) failures.push(`lesion ${l.lesionId}: no plan lesion (mask) with this id`);
    else if (!r) failures.push(`lesion ${l.lesionId}: no fill reported`);
    else if (Math.abs(r.fillPct - expected.fillPct) > BOUNDS.fillPoints) {
      failures.push(`lesion ${l.lesionId}: fill ${r.fillPct.toFixed(1)} %, truth over the plan's mask ${expected.fillPct.toFixed(1)} % (painted lesion ${l.fillPct.toFixed(1)} %)`);
    }
  }
  for (const l of cement.leaks) {
    if (l.volumeMl < BOUNDS.leakMinMl) continue;
    const r = result.cement.leaks.find((x) => dist(x.centreLps, l.centrePlanningLps) <= BOUNDS.leakCentreMm);
    if (!r) failures.push(`leak ${l.id} (${l.location}, ${l.volumeMl.toFixed(2)} mL): not found`);
    else if (r.location !== l.location) failures.push(`leak ${l.id}: reported as ${r.location}, truth ${l.location}`);
  }
  for (const r of result.cement.leaks) {
    if (!cement.leaks.some((l) => dist(r.centreLps, l.centrePlanningLps) <= BOUNDS.leakCentreMm)) {
      failures.push(`${r.id} (${r.location}, ${r.volumeMl.toFixed(3)} mL at ${r.centreLps.map((x) => x.toFixed(1)).join(', ')}): no leak in the truth there`);
    }
  }
  return failures;
}
