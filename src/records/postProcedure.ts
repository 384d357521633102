import { z } from 'zod';
import { actorName, dicomUid, documentId, documentVersion, isoDateTime } from './fieldTypes';

/**
 * Issue 18: the post-procedure assessment — a cone-beam CT registered to the planning CT, the
 * needles found in it matched to the planned trajectories, and the cement segmented with its
 * fill of each planned lesion and its leaks. This file is the shared contract: the analysis in
 * planning/postprocedure produces a {@link PostProcedureResult}, the server answers it from
 * `POST /api/plans/<id>/post-procedure` and stores accepted ones as versioned
 * {@link PostProcedureAssessment}s, the UI shows both.
 */

const triple = z.tuple([z.number(), z.number(), z.number()]);

/** A 4×4 homogeneous matrix, row-major: 16 numbers, the last row 0 0 0 1. */
export const matrix4Schema = z.array(z.number()).length(16);

/**
 * Where a leak lies. Spine (Yeom 2003 and the usual additions): basivertebral vein, segmental
 * vein, through a cortical defect, into the disc, into the canal. Pelvis: into the joint,
 * into a vein, into the soft tissue.
 */
export const leakClassSchema = z.enum([
  'basivertebral-venous',
  'segmental-venous',
  'cortical-defect',
  'disc',
  'canal',
  'intra-articular',
  'venous',
  'soft-tissue',
]);
export type LeakClass = z.infer<typeof leakClassSchema>;

/** A box in planning-CT LPS millimetres. */
export const lpsBoxSchema = z.strictObject({ minLps: triple, maxLps: triple });
export type LpsBox = z.infer<typeof lpsBoxSchema>;

export const registrationReportSchema = z.strictObject({
  /** Planning-CT LPS → CBCT LPS, row-major. */
  matrix: matrix4Schema,
  status: z.enum(['ok', 'failed']),
  /** Why it failed, or what to look at; null when there is nothing to say. */
  message: z.string().nullable(),
  /** The same transform as rotations about the planning x, y, z axes through the region centre (°, applied x then y then z) and a translation (mm). */
  rotationDeg: triple,
  translationMm: triple,
  /** The region the metric was computed over (planning LPS). */
  region: lpsBoxSchema,
  residual: z.strictObject({
    /** Normalised cross-correlation of the clamped intensities over the region's sampled points (1 = identical). */
    ncc: z.number(),
    /** Mean distance (mm) from the planning CT's bone edges to the nearest CBCT bone edge through the transform; null when not measurable. */
    edgeDistanceMm: z.number().nullable(),
    /** Points the metric used (cement, metal and the outside of the CBCT field of view left out). */
    samples: z.int().min(0),
  }),
  /** 'automatic' from the registration, 'manual' when the user nudged it afterwards, 'given' when the caller supplied the matrix. */
  source: z.enum(['automatic', 'manual', 'given']),
  elapsedMs: z.number().min(0),
});
export type RegistrationReport = z.infer<typeof registrationReportSchema>;

export const needleReportSchema = z.strictObject({
  trajectoryId: z.string(),
  /** How the actual needle was obtained: found in the CBCT, placed by the user, or not found. */
  found: z.enum(['detected', 'placed', 'missing']),
  /** Distance (mm) between the planned skin entry and where the actual needle crosses the skin; null when the skin is outside the CBCT field of view. */
  entryErrorMm: z.number().nullable(),
  /** Distance (mm) between the planned target and the actual tip. */
  tipErrorMm: z.number(),
  /** Angle (°) between the planned and the actual needle axes. */
  angleDeg: z.number(),
  /** Depth reached: from the skin entry to the tip along the actual needle (mm). */
  depthMm: z.number(),
  /** Planned depth, entry to target (mm). */
  plannedDepthMm: z.number(),
  /** The actual needle in planning-CT LPS (through the transform). */
  entryLps: triple.nullable(),
  tipLps: triple,
});
export type NeedleReport = z.infer<typeof needleReportSchema>;

export const leakReportSchema = z.strictObject({
  id: z.string(),
  volumeMl: z.number().min(0),
  location: leakClassSchema,
  /** Centre of the leak, planning-CT LPS. */
  centreLps: triple,
  /** Nearest structure at risk of the plan (its name), null when the plan has none. */
  nearestStructure: z.string().nullable(),
  nearestStructureId: z.string().nullable(),
  /** Distance (mm) from the leak to that structure (0 when touching or inside). */
  distanceMm: z.number().nullable(),
  /** True when the distance is under the flag distance (5 mm). */
  flagged: z.boolean(),
});
export type LeakReport = z.infer<typeof leakReportSchema>;

export const cementReportSchema = z.strictObject({
  /** Total cement (mL), needles excluded. */
  volumeMl: z.number().min(0),
  /** The threshold the segmentation chose for this scan (HU), between its bone and cement peaks. */
  thresholdHu: z.number(),
  lesions: z.array(
    z.strictObject({
      lesionId: z.string(),
      /** % of the planned lesion's volume holding cement. */
      fillPct: z.number().min(0).max(100),
      lesionVolumeMl: z.number().min(0),
      cementInLesionMl: z.number().min(0),
    }),
  ),
  leaks: z.array(leakReportSchema),
});
export type CementReport = z.infer<typeof cementReportSchema>;

/** What `POST /api/plans/<id>/post-procedure` answers and what an assessment stores. */
export const postProcedureResultSchema = z.strictObject({
  registration: registrationReportSchema,
  needles: z.array(needleReportSchema),
  cement: cementReportSchema,
  cbct: z.strictObject({ studyInstanceUID: dicomUid, seriesInstanceUID: dicomUid, frameOfReferenceUID: dicomUid.nullable() }),
  planningSeriesInstanceUID: dicomUid,
  /** Things the reader should know (a needle not found, the skin outside the field of view, …). */
  warnings: z.array(z.string()),
  /** Version of the analysis that made it. */
  method: z.string(),
});
export type PostProcedureResult = z.infer<typeof postProcedureResultSchema>;

/** The body of `POST /api/plans/<id>/post-procedure` (run) and of its `/assessments` (accept). */
export const postProcedureRequestSchema = z.strictObject({
  studyInstanceUID: dicomUid,
  seriesInstanceUID: dicomUid,
  /** Skip the registration and analyse with this transform (planning LPS → CBCT LPS). */
  matrix: matrix4Schema.optional(),
  /** The registration region; default the plan's lesions plus 40 mm. */
  region: lpsBoxSchema.optional(),
  /** Set when the user nudged the transform by hand (stored with the assessment). */
  manuallyAdjusted: z.boolean().optional(),
  /** Needles the user placed where none was visible: trajectory id → actual entry and tip, CBCT LPS. */
  placedNeedles: z.record(z.string(), z.strictObject({ entryLps: triple, tipLps: triple })).optional(),
});
export type PostProcedureRequest = z.infer<typeof postProcedureRequestSchema>;

/** An accepted assessment as stored: versioned per plan, never changed once written. */
export const postProcedureAssessmentSchema = z.strictObject({
  id: documentId,
  planId: documentId,
  caseId: documentId,
  /** 1 for the first accepted assessment of the plan, then 2, 3, … */
  version: documentVersion,
  acceptedBy: actorName,
  acceptedAt: isoDateTime,
  manuallyAdjusted: z.boolean(),
  result: postProcedureResultSchema,
});
export type PostProcedureAssessment = z.infer<typeof postProcedureAssessmentSchema>;
