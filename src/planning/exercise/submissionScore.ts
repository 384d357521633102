import { z } from 'zod';

/**
 * The score of a trainee's plan against the expert's, as `POST /api/exercises/<id>/submissions`
 * answers it (issue 15 names the top-level fields). Lengths in mm, angles in degrees, all
 * rounded to two decimals; null where a number does not apply (no needle paired, no ablation,
 * nothing to measure against). Computed by `scoreSubmission`.
 */

const mm = z.number();
const idText = z.string().max(100);
const axialDirection = z.enum(['left', 'right', 'none']);
const craniocaudalDirection = z.enum(['cranial', 'caudal', 'none']);

/** A needle's angles as the planning page reads them (trajectoryAngles.ts), rounded. */
export const needleAnglesSchema = z.strictObject({
  axialAngleDeg: z.number().nullable(),
  axialDirection,
  craniocaudalAngleDeg: z.number().nullable(),
  craniocaudalDirection,
});

/** One structure at risk a trainee's shaft crosses or comes closer to than its safety distance. */
export const safetyViolationSchema = z.strictObject({
  structureId: idText,
  label: z.string().max(500),
  /** Shaft surface to structure; ≤ 0 when the shaft overlaps it. */
  distanceMm: mm,
  safetyDistanceMm: mm,
  /** True when the shaft passes through the structure rather than only near it. */
  crosses: z.boolean(),
});

/** The closest approach of a shaft to any structure at risk. */
export const closestApproachSchema = z.strictObject({
  trajectoryId: idText,
  structureId: idText,
  label: z.string().max(500),
  distanceMm: mm,
});

/** A structure at risk inside a trainee's ablation zones beyond its tolerance (the plan's zone warning). */
export const zoneOverlapSchema = z.strictObject({
  structureId: idText,
  label: z.string().max(500),
  /** Inside the lethal composite zone, mL. */
  volumeInLethalMl: z.number(),
  /** Inside the outermost zone of any device, mL. */
  volumeInAnyZoneMl: z.number(),
});

/** One trainee needle: its pairing with an expert needle and the differences, and its safety. */
export const needleScoreSchema = z.strictObject({
  trajectoryId: idText,
  label: z.string().max(500),
  deviceId: idText,
  /** The expert needle it is paired with (closest by target, one to one), or null when none is left. */
  expertTrajectoryId: idText.nullable(),
  targetErrorMm: mm.nullable(),
  entryErrorMm: mm.nullable(),
  angleDeg: z.number().nullable(),
  axialDifferenceDeg: z.number().nullable(),
  craniocaudalDifferenceDeg: z.number().nullable(),
  angles: needleAnglesSchema,
  expertAngles: needleAnglesSchema.nullable(),
  /** The closest structure at risk to this shaft, or null when there is none to measure. */
  closest: closestApproachSchema.nullable(),
  violations: z.array(safetyViolationSchema),
  /** The trajectory's own warnings as the plan metrics give them (needle too short, pedicle wall…). */
  warnings: z.array(z.string().max(200)),
});

/** The whole score. */
export const submissionScoreSchema = z.strictObject({
  /** Mean over the paired needles; null when no needle is paired. */
  targetErrorMm: mm.nullable(),
  entryErrorMm: mm.nullable(),
  angleDeg: z.number().nullable(),
  axialDifferenceDeg: z.number().nullable(),
  craniocaudalDifferenceDeg: z.number().nullable(),
  /** False when any shaft crosses a structure at risk or comes closer than its safety distance. */
  safe: z.boolean(),
  /** (needle, structure) pairs that break the rule above. */
  violations: z.int().min(0),
  closest: closestApproachSchema.nullable(),
  /**
   * Structures at risk the trainee's zones reach beyond their tolerance. Shown, not counted in
   * `safe`: the issue's hard fail is about shafts, and the zones' reach is already in the margin.
   */
  zoneOverlaps: z.array(zoneOverlapSchema),
  /** Lethal-zone coverage of the expert's lesions by the trainee's zones, %, lesion-volume weighted; null when neither plan ablates or there is no lesion. */
  coveragePct: z.number().nullable(),
  /** The smallest minimum margin over the lesions (negative: lesion outside the zone); null when the trainee has no zone or there is no lesion. */
  minMarginMm: mm.nullable(),
  expertCoveragePct: z.number().nullable(),
  expertMinMarginMm: mm.nullable(),
  applicators: z.int().min(0),
  expertApplicators: z.int().min(0),
  needles: z.array(needleScoreSchema),
  /** Expert needles no trainee needle was paired with. */
  unmatchedExpertTrajectoryIds: z.array(idText),
  /** Effort, as the client reports it; null when not reported. */
  planningTimeS: z.number().min(0).nullable(),
  edits: z.int().min(0).nullable(),
  /** What could not be measured and why (a structure without a mask on the grid…): the score is silent about it otherwise. */
  notes: z.array(z.string().max(500)),
});

/** A trainee's score. */
export type SubmissionScore = z.infer<typeof submissionScoreSchema>;
/** One trainee needle's score. */
export type NeedleScore = z.infer<typeof needleScoreSchema>;
/** One safety violation. */
export type SafetyViolation = z.infer<typeof safetyViolationSchema>;
/** A closest approach to a structure at risk. */
export type ClosestApproach = z.infer<typeof closestApproachSchema>;
/** A structure reached by the trainee's zones. */
export type ZoneOverlap = z.infer<typeof zoneOverlapSchema>;
/** A needle's angles as read. */
export type NeedleAngles = z.infer<typeof needleAnglesSchema>;
