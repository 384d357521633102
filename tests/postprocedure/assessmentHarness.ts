import { postProcedureResultSchema, type PostProcedureResult } from '../../src/records/postProcedure';
import { runAssessment } from '../../src/planning/postprocedure/assess';
import { multiply, type Matrix4 } from '../../src/planning/postprocedure/rigid';
import { assessmentInput, type PostProcedureCase } from './loadPostProcedureCase';

/** Runs the assessment of a case (with `matrix`, or registering when none), checks it against the result schema, and times it. */
export async function assess(c: PostProcedureCase, matrix?: Matrix4): Promise<{ result: PostProcedureResult; ms: number }> {
  const t0 = performance.now();
  const r = await runAssessment(assessmentInput(c, matrix));
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`assessment failed: ${r.error}`);
  const parsed = postProcedureResultSchema.safeParse(r.value);
  if (!parsed.success) throw new Error(`result does not match the schema: ${parsed.error.message}`);
  return { result: r.value, ms };
}

/** `m` followed by a translation of `mm` along the unit diagonal (a registration off by that much everywhere). */
export function offsetBy(m: Matrix4, mm: number): Matrix4 {
  const d = mm / Math.sqrt(3);
  return multiply([1, 0, 0, d, 0, 1, 0, d, 0, 0, 1, d, 0, 0, 0, 1], m);
}

/** One line per needle and leak, for the test log. */
export function summary(r: PostProcedureResult): string {
  const n = r.needles.map((x) => `${x.trajectoryId} ${x.found}: tip ${x.tipErrorMm.toFixed(2)} mm, entry ${x.entryErrorMm?.toFixed(2) ?? '—'} mm, ${x.angleDeg.toFixed(2)}°, depth ${x.depthMm.toFixed(1)}/${x.plannedDepthMm.toFixed(1)} mm`);
  const l = r.cement.leaks.map((x) => `${x.id} ${x.location} ${x.volumeMl.toFixed(3)} mL at ${x.centreLps.map((v) => v.toFixed(1)).join(', ')}; ${x.nearestStructure ?? '—'} ${x.distanceMm?.toFixed(1) ?? '—'} mm${x.flagged ? ' (flagged)' : ''}`);
  const f = r.cement.lesions.map((x) => `${x.lesionId} fill ${x.fillPct.toFixed(1)} % of ${x.lesionVolumeMl.toFixed(2)} mL`);
  return [...n, `cement ${r.cement.volumeMl.toFixed(2)} mL (threshold ${r.cement.thresholdHu.toFixed(0)} HU)`, ...f, ...l, ...r.warnings.map((w) => `warning: ${w}`)].join('\n');
}
