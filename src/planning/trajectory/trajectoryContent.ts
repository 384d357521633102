import { z } from 'zod';
import { trajectorySchema } from './trajectorySchema';

/** The version of the trajectory part of plan content this code writes. */
export const TRAJECTORY_CONTENT_VERSION = 1;

const round = z.number();

/** The plan-level zone metrics as stored (see zones/planZoneMetrics.ts). */
export const zoneMetricsSchema = z.strictObject({
  model: z.literal('cluster-hull'),
  clusters: z.array(z.strictObject({ probeIds: z.array(z.string().max(100)), growthMm: round })),
  lesions: z.array(z.strictObject({
    lesionId: z.string().max(100),
    lesionVolumeMl: round,
    coveredVolumeMl: round,
    coveragePercent: round,
    minMarginMm: round,
    marginCapped: z.boolean(),
  })),
  structures: z.array(z.strictObject({
    structureId: z.string().max(100),
    label: z.string().max(500),
    volumeInLethalMl: round,
    volumeInAnyZoneMl: round,
    warning: z.boolean(),
  })),
});

/**
 * The trajectory part of a plan's `content` (records/plan.ts leaves `content` open for the
 * planning issues): its own version, the trajectories, and the plan-level zone metrics. Other
 * keys of `content` (lesions, structures) belong to other parts and pass through untouched.
 */
export const trajectoryContentSchema = z.object({
  trajectoryContentVersion: z.literal(TRAJECTORY_CONTENT_VERSION).default(TRAJECTORY_CONTENT_VERSION),
  trajectories: z
    .array(trajectorySchema)
    .max(100)
    .default([])
    .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'Trajectory ids must be unique'),
  zoneMetrics: zoneMetricsSchema.nullable().default(null).describe('Computed by the server on save'),
});

/** The trajectory part of plan content after defaults. */
export type TrajectoryContent = z.infer<typeof trajectoryContentSchema>;

/** The keys of `content` this part owns. */
export const TRAJECTORY_CONTENT_KEYS = ['trajectoryContentVersion', 'trajectories', 'zoneMetrics'] as const;

/**
 * Brings a stored trajectory part up to the current version. Version 1 is the first, so an
 * unversioned part (written before versions) is taken as version 1; a newer version than this
 * code knows is refused rather than misread.
 */
export function migrateTrajectoryContent(content: Record<string, unknown>): Record<string, unknown> {
  const v = content.trajectoryContentVersion;
  if (v === undefined) return { ...content, trajectoryContentVersion: TRAJECTORY_CONTENT_VERSION };
  return content;
}
