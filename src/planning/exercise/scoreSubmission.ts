import type { z } from 'zod';
import type { PlanContent } from '../../records/plan';
import { err, ok, type Result } from '../../shared/result';
import type { DeviceCatalogue } from '../devices/deviceSchema';
import { geometryOfStored } from '../encoding/encodeMask';
import { draftFromParts } from '../plan/planContentIO';
import type { PlanDraft } from '../plan/planDraft';
import { planMetrics, type PlanMetrics } from '../plan/planMetrics';
import { lesionContentSchema } from '../records/lesionContent';
import type { ScalarVolume } from '../trajectory/gridGeometry';
import { parseTrajectoryPart } from '../trajectory/recomputePlanMetrics';
import type { TrajectoryContent } from '../trajectory/trajectoryContent';
import type { StoredTrajectoryMetrics, Trajectory } from '../trajectory/trajectorySchema';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { compareNeedles, type NeedleComparison } from './needleComparison';
import { matchNeedles } from './needleMatching';
import type { ClosestApproach, NeedleAngles, NeedleScore, SubmissionScore } from './submissionScore';

/** A plan as scored: the envelope fields that place it, and its `content` (the shape a saved plan stores). */
export type ScoredPlan = Pick<PlanContent, 'seriesInstanceUID' | 'frameOfReferenceUID' | 'content'>;

/** What the scoring needs besides the two plans. */
export interface ScoreContext {
  readonly catalogue: DeviceCatalogue;
  /**
   * The grid of the exercise's series (the expert's masks are decoded onto it, tubes rasterised
   * on it). When null or absent, the grid the expert's first stored mask was drawn on is used.
   */
  readonly geometry?: VolumeGeometry | null;
  /** DICOM Patient Position of the series, for the angles in decubitus positions. */
  readonly patientPosition?: string | null;
  /** The planning CT (HU), for the path metrics behind the trajectories' own warnings. */
  readonly ct?: ScalarVolume | null;
  /** Effort as the client measured it while the trainee planned. */
  readonly effort?: { readonly planningTimeS?: number | null; readonly edits?: number | null } | null;
}

/** Two decimals, as the plan metrics store them: the trainee reads 5.00 mm, not 4.999999. */
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r2n = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : r2(x));

const mean = (xs: readonly (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length;
};

const zodIssues = (who: string, e: z.ZodError): string[] =>
  e.issues.map((i) => `${who}.content.${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[')}: ${i.message}`);

function anglesOf(m: StoredTrajectoryMetrics | null): NeedleAngles {
  return {
    axialAngleDeg: m?.axialAngleDeg ?? null,
    axialDirection: m?.axialDirection ?? 'none',
    craniocaudalAngleDeg: m?.craniocaudalAngleDeg ?? null,
    craniocaudalDirection: m?.craniocaudalDirection ?? 'none',
  };
}

/**
 * Coverage and margin of a plan's zones over the lesions: coverage weighted by lesion volume
 * (one lesion: its own coverage), margin the smallest over the lesions (the weakest edge is
 * what recurs). From the two-decimal values the plan metrics store, which is ample for lesions
 * of a millilitre or more. Null when the plan has no zone metrics or they hold no lesion.
 */
function efficacy(zones: TrajectoryContent['zoneMetrics']): { coveragePct: number; minMarginMm: number } | null {
  const lesions = zones?.lesions ?? [];
  if (lesions.length === 0) return null;
  const volume = lesions.reduce((s, l) => s + l.lesionVolumeMl, 0);
  const coveragePct = volume > 0
    ? lesions.reduce((s, l) => s + l.coveragePercent * l.lesionVolumeMl, 0) / volume
    : lesions.reduce((s, l) => s + l.coveragePercent, 0) / lesions.length;
  return { coveragePct, minMarginMm: Math.min(...lesions.map((l) => l.minMarginMm)) };
}

/** The expert's plan as a draft on the grid, and the grid used. */
function expertDraft(expert: ScoredPlan, ctx: ScoreContext): Result<{ draft: PlanDraft; geometry: VolumeGeometry | null; notes: string[] }, string[]> {
  const lesionPart = lesionContentSchema.safeParse(expert.content);
  const trajectoryPart = parseTrajectoryPart(expert.content);
  const problems = [
    ...(lesionPart.success ? [] : zodIssues('expert', lesionPart.error)),
    ...(trajectoryPart.ok ? [] : trajectoryPart.error.map((e) => `expert.content.${e}`)),
  ];
  if (!lesionPart.success || !trajectoryPart.ok) return err(problems);
  const firstStored = [
    ...lesionPart.data.lesions.flatMap((l) => (l.segmentation ? [l.segmentation] : [])),
    ...lesionPart.data.structuresAtRisk.flatMap((s) => (s.shape.kind === 'mask' ? [s.shape.mask] : [])),
  ].find((m) => m.seriesInstanceUID === expert.seriesInstanceUID);
  const geometry = ctx.geometry ?? (firstStored ? geometryOfStored(firstStored.geometry) : null);
  const { draft, notes } = draftFromParts({ lesions: lesionPart.data, trajectories: trajectoryPart.value.trajectories }, expert.content, {
    seriesInstanceUID: expert.seriesInstanceUID,
    frameOfReferenceUID: expert.frameOfReferenceUID,
    geometry,
  });
  // draftFromParts already says why a stored mask did not fit; what it leaves unsaid is a
  // missing grid, or a tube in another frame of reference.
  const why = geometry ? 'not in the frame of reference of the images' : 'no image grid to measure it on';
  const unsaid = (what: string): boolean => !notes.some((n) => n.startsWith(`${what}:`));
  for (const s of draft.structures) {
    const what = `structure ${s.record.name}`;
    if (!s.mask && unsaid(what)) notes.push(`${what}: ${why}; needles not checked against it`);
  }
  for (const l of draft.lesions) {
    const what = `lesion ${l.record.label || l.record.id}`;
    if (!l.mask && unsaid(what)) notes.push(`${what}: ${why}; left out of the coverage`);
  }
  return ok({ draft, geometry, notes });
}

/** Per-needle safety from the plan metrics: the closest structure and every rule broken. */
function safetyOf(t: Trajectory): Pick<NeedleScore, 'closest' | 'violations'> {
  const distances = t.metrics?.structures ?? [];
  let closest: ClosestApproach | null = null;
  for (const d of distances) {
    if (!closest || d.distanceMm < closest.distanceMm) closest = { trajectoryId: t.id, structureId: d.structureId, label: d.label, distanceMm: d.distanceMm };
  }
  // `warning` is the metrics' own rule (distance < safety distance), so the page's warnings and the score agree.
  const violations = distances.filter((d) => d.warning).map((d) => ({
    structureId: d.structureId,
    label: d.label,
    distanceMm: d.distanceMm,
    safetyDistanceMm: d.safetyDistanceMm,
    crosses: d.distanceMm <= 0,
  }));
  return { closest, violations };
}

/**
 * Scores a trainee's needle plan against the expert's for a planning exercise (issue 15;
 * shared/docs/board-and-teaching.md "Scoring a trainee's needle plan").
 *
 * - The anatomy is the EXPERT's: the trainee's needles are measured against the expert's
 *   structures at risk and lesions, so a trainee who leaves the aorta undrawn is still judged
 *   against it. The trainee's own lesions and structures are not scored.
 * - Metrics are the plan's own ({@link planMetrics}: shaft distances with the device's radius,
 *   cluster-hull zone coverage and margin), recomputed here; metrics the client sent are ignored.
 * - Accuracy: each trainee needle is paired with an expert needle closest by target, one to one
 *   ({@link matchNeedles}); per pair the target and entry errors, the angle between the
 *   directions and the axial and craniocaudal differences ({@link compareNeedles}). The
 *   top-level numbers are the MEANS over the paired needles (each needle's detail is listed, so
 *   a single bad needle is still visible); null when nothing is paired.
 * - Safety: any shaft crossing a structure at risk or closer than its safety distance makes the
 *   plan unsafe, whatever else it scores; `violations` counts (needle, structure) pairs.
 * - Efficacy: the trainee's lethal-zone coverage (%) and minimum margin over the expert's
 *   lesions, beside the expert's own. A trainee with no ablating device where the expert
 *   ablates covers 0 % (margin null); neither ablating (a biopsy): both null.
 * - Applicators: every trajectory counts (needle or probe).
 *
 * Fails, naming the field, when either plan's content does not parse, the two are in different
 * frames of reference, or a trainee trajectory is outside the frame or names an unknown device.
 */
export function scoreSubmission(trainee: ScoredPlan, expert: ScoredPlan, ctx: ScoreContext): Result<SubmissionScore, string[]> {
  if (trainee.frameOfReferenceUID !== expert.frameOfReferenceUID) {
    return err([`trainee.frameOfReferenceUID: ${trainee.frameOfReferenceUID} is not the exercise's frame of reference ${expert.frameOfReferenceUID}`]);
  }
  const ex = expertDraft(expert, ctx);
  const tr = parseTrajectoryPart(trainee.content);
  const parseProblems = [...(ex.ok ? [] : ex.error), ...(tr.ok ? [] : tr.error.map((e) => `trainee.content.${e}`))];
  if (!ex.ok || !tr.ok) return err(parseProblems);

  const metricsCtx = {
    frameOfReferenceUID: expert.frameOfReferenceUID,
    catalogue: ctx.catalogue,
    patientPosition: ctx.patientPosition ?? null,
    ct: ctx.ct ?? null,
    geometry: ex.value.geometry,
  };
  const expertMetrics = planMetrics(ex.value.draft, metricsCtx);
  if (!expertMetrics.ok) return err(expertMetrics.error.map((e) => `expert.content.${e}`));
  const traineeMetrics = planMetrics({ ...ex.value.draft, trajectories: tr.value.trajectories }, metricsCtx);
  if (!traineeMetrics.ok) return err(traineeMetrics.error.map((e) => `trainee.content.${e}`));
  return ok(assemble(traineeMetrics.value, expertMetrics.value, ctx, [...ex.value.notes]));
}

/** The score from the two plans' metrics, both measured against the expert's anatomy. */
function assemble(trainee: PlanMetrics, expert: PlanMetrics, ctx: ScoreContext, notes: string[]): SubmissionScore {
  const pairs = matchNeedles(trainee.trajectories, expert.trajectories);
  const pairOf = new Map(pairs.map((p) => [p.trainee, p.expert]));
  const comparisons: NeedleComparison[] = [];
  const needles = trainee.trajectories.map((t, i): NeedleScore => {
    const j = pairOf.get(i);
    const e = j === undefined ? undefined : expert.trajectories[j];
    const c = e ? compareNeedles(t, e) : null;
    if (c) comparisons.push(c);
    return {
      trajectoryId: t.id,
      label: t.label,
      deviceId: t.deviceId,
      expertTrajectoryId: e?.id ?? null,
      targetErrorMm: r2n(c?.targetErrorMm),
      entryErrorMm: r2n(c?.entryErrorMm),
      angleDeg: r2n(c?.angleDeg),
      axialDifferenceDeg: r2n(c?.axialDifferenceDeg),
      craniocaudalDifferenceDeg: r2n(c?.craniocaudalDifferenceDeg),
      angles: anglesOf(t.metrics),
      expertAngles: e ? anglesOf(e.metrics) : null,
      ...safetyOf(t),
      warnings: t.metrics?.warnings ?? [],
    };
  });
  const paired = new Set(pairs.map((p) => p.expert));
  let closest: ClosestApproach | null = null;
  for (const n of needles) if (n.closest && (!closest || n.closest.distanceMm < closest.distanceMm)) closest = n.closest;
  const violations = needles.reduce((s, n) => s + n.violations.length, 0);
  const mine = efficacy(trainee.zoneMetrics);
  const theirs = efficacy(expert.zoneMetrics);
  // The expert ablates and the trainee does not: nothing of the lesion is covered.
  const coveragePct = mine ? mine.coveragePct : theirs ? 0 : null;
  const effort = ctx.effort ?? {};
  // Effort comes from the client: anything but a sensible number is "not reported".
  const seconds = effort.planningTimeS;
  const edits = effort.edits;
  return {
    targetErrorMm: r2n(mean(comparisons.map((c) => c.targetErrorMm))),
    entryErrorMm: r2n(mean(comparisons.map((c) => c.entryErrorMm))),
    angleDeg: r2n(mean(comparisons.map((c) => c.angleDeg))),
    axialDifferenceDeg: r2n(mean(comparisons.map((c) => c.axialDifferenceDeg))),
    craniocaudalDifferenceDeg: r2n(mean(comparisons.map((c) => c.craniocaudalDifferenceDeg))),
    safe: violations === 0,
    violations,
    closest,
    zoneOverlaps: (trainee.zoneMetrics?.structures ?? []).filter((z) => z.warning).map((z) => ({
      structureId: z.structureId,
      label: z.label,
      volumeInLethalMl: z.volumeInLethalMl,
      volumeInAnyZoneMl: z.volumeInAnyZoneMl,
    })),
    coveragePct: r2n(coveragePct),
    minMarginMm: r2n(mine?.minMarginMm),
    expertCoveragePct: r2n(theirs?.coveragePct),
    expertMinMarginMm: r2n(theirs?.minMarginMm),
    applicators: trainee.trajectories.length,
    expertApplicators: expert.trajectories.length,
    needles,
    unmatchedExpertTrajectoryIds: expert.trajectories.filter((_, j) => !paired.has(j)).map((e) => e.id),
    planningTimeS: typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? r2(seconds) : null,
    edits: typeof edits === 'number' && Number.isInteger(edits) && edits >= 0 ? edits : null,
    notes: [...new Set([...notes, ...trainee.notes, ...expert.notes])],
  };
}
