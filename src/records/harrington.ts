import { z } from 'zod';
import type { ScoreResult } from './scoreResult';

const wall = z.enum(['intact', 'deficient']);

/**
 * What the team sees on CT around the acetabulum, from which the Harrington class follows
 * (Harrington, J Bone Joint Surg Am 1981).
 */
export const harringtonComponentsSchema = z.strictObject({
  lateralCortices: wall.optional(),
  superiorWall: wall.optional(),
  medialWall: wall.optional(),
  /** A solitary lesion that the team intends to resect for cure (class IV whatever the walls). */
  solitaryForCure: z.boolean().optional(),
});

/** Harrington components as entered. */
export type HarringtonComponents = z.infer<typeof harringtonComponentsSchema>;

/** Harrington periacetabular classes. */
export type HarringtonClass = 'I' | 'II' | 'III' | 'IV';

/** What each class means, for labels and the FHIR export. */
export const HARRINGTON_CLASSES: Record<HarringtonClass, string> = {
  I: 'Lateral cortices and superior and medial walls intact',
  II: 'Medial wall deficient',
  III: 'Lateral cortices and superior and medial walls deficient',
  IV: 'Solitary lesion to be resected for cure',
};

/**
 * The Harrington class from the wall findings. A lesion meant for curative resection is IV.
 * Otherwise a deficient superior wall or lateral cortex gives III even when the medial wall
 * holds, because the published classes name no such pattern and the superior dome is the
 * weight-bearing part that decides the reconstruction; a deficient medial wall alone gives II;
 * all intact gives I. `total` is the class as a number (1–4).
 */
export function classifyHarrington(c: HarringtonComponents): ScoreResult<HarringtonClass> {
  if (c.solitaryForCure === true) return { total: 4, category: 'IV', missing: [] };
  const missing = (['lateralCortices', 'superiorWall', 'medialWall', 'solitaryForCure'] as const).filter((k) => c[k] === undefined);
  if (missing.length) return { total: null, category: null, missing: [...missing] };
  if (c.lateralCortices === 'deficient' || c.superiorWall === 'deficient') return { total: 3, category: 'III', missing: [] };
  if (c.medialWall === 'deficient') return { total: 2, category: 'II', missing: [] };
  return { total: 1, category: 'I', missing: [] };
}
