import { z } from 'zod';
import { dicomUid, shortText } from '../../records/fieldTypes';
import { accessRouteSchema } from './accessRoute';

/** A point as stored: [x, y, z] in patient LPS millimetres. */
export const lpsTripleSchema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

const idText = z.string().min(1).max(100);

/** How close the shaft comes to one structure at risk. */
export const structureDistanceSchema = z.strictObject({
  structureId: idText,
  label: shortText,
  distanceMm: z.number(),
  closestOnAxis: lpsTripleSchema,
  closestOnStructure: lpsTripleSchema,
  safetyDistanceMm: z.number().min(0),
  lengthInsideMm: z.number().min(0),
  warning: z.boolean(),
  /**
   * Ablation devices only: the signed distance from the device's outermost zone surface to the
   * structure (negative: part of it lies inside the zone), and whether it is below the safety
   * distance. Absent for needles without zones and in plans saved before it existed.
   */
  zoneEdge: z
    .strictObject({
      zoneId: idText,
      zoneLabel: shortText,
      distanceMm: z.number(),
      warning: z.boolean(),
    })
    .optional(),
});

/** What the path crosses. */
export const pathMetricsSchema = z.strictObject({
  corticalCrossings: z.int().min(0),
  corticalRuns: z.array(z.strictObject({ startMm: z.number(), endMm: z.number(), peakHu: z.number() })),
  tissues: z.array(z.strictObject({ tissue: z.string().max(40), startMm: z.number(), endMm: z.number() })),
});

/** The transpedicular check of a bone access trajectory. */
export const transpedicularMetricsSchema = z.strictObject({
  medialWallClearanceMm: z.number().nullable(),
  atDepthMm: z.number().nullable(),
  breach: z.boolean(),
});

/**
 * The metrics of one trajectory as stored on the plan, named as in issue 6 and defined in
 * shared/docs/domain.md. Computed by `recomputePlanMetrics`; whatever a client sends here is
 * replaced on save.
 */
export const trajectoryMetricsSchema = z.strictObject({
  depthMm: z.number().min(0),
  needleMarginMm: z.number(),
  craniocaudalAngleDeg: z.number().min(0).max(90).nullable(),
  craniocaudalDirection: z.enum(['cranial', 'caudal', 'none']),
  axialAngleDeg: z.number().min(0).max(90).nullable(),
  axialDirection: z.enum(['left', 'right', 'none']),
  inPlane: z.boolean(),
  tableVerticalAngleDeg: z.number().min(0).max(90).nullable(),
  tableVerticalDirection: z.enum(['anterior', 'posterior', 'none']).nullable(),
  structures: z.array(structureDistanceSchema).max(100),
  path: pathMetricsSchema.nullable(),
  transpedicular: transpedicularMetricsSchema.nullable(),
  warnings: z.array(z.string().max(200)).max(50),
});

/** Stored trajectory metrics. */
export type StoredTrajectoryMetrics = z.infer<typeof trajectoryMetricsSchema>;

/**
 * One trajectory of a plan: a device from entry (skin) to target (tip), both [x, y, z] LPS mm
 * in the frame of reference named. `zoneSetId` picks an ablation device's setting (null: its
 * first); `lesionId` links it to the lesion it treats.
 */
export const trajectorySchema = z.strictObject({
  id: idText,
  label: shortText.default(''),
  deviceId: idText,
  zoneSetId: idText.nullable().default(null),
  entry: lpsTripleSchema,
  target: lpsTripleSchema,
  frameOfReferenceUID: dicomUid,
  accessRoute: accessRouteSchema.nullable().default(null),
  lesionId: idText.nullable().default(null),
  metrics: trajectoryMetricsSchema.nullable().default(null).describe('Computed by the server on save'),
});

/** A trajectory after defaults. */
export type Trajectory = z.infer<typeof trajectorySchema>;
