import { z } from 'zod';
import { planLesionSchema } from './planLesion';
import { structureAtRiskSchema } from './structureAtRisk';

/** The version of the lesion part of plan content this code writes. */
export const LESION_CONTENT_VERSION = 1;

const uniqueIds = <T extends { id: string }>(items: readonly T[]) => new Set(items.map((i) => i.id)).size === items.length;

/**
 * The lesion part of a plan's `content` (records/plan.ts leaves `content` open for the
 * planning issues): its own version, the lesions and the structures at risk, each with its
 * mask stored run-length encoded. Other keys of `content` (trajectories, zones) belong to
 * other parts and pass through untouched.
 */
export const lesionContentSchema = z.object({
  lesionContentVersion: z.literal(LESION_CONTENT_VERSION).default(LESION_CONTENT_VERSION),
  lesions: z.array(planLesionSchema).max(50).default([]).refine(uniqueIds, 'Lesion ids must be unique'),
  structuresAtRisk: z.array(structureAtRiskSchema).max(100).default([]).refine(uniqueIds, 'Structure ids must be unique'),
});

/** The lesion part of plan content after defaults. */
export type LesionContent = z.infer<typeof lesionContentSchema>;

/** The keys of `content` this part owns. */
export const LESION_CONTENT_KEYS = ['lesionContentVersion', 'lesions', 'structuresAtRisk'] as const;
