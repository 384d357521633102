import { z } from 'zod';
import { sumComponents, type ScoreResult } from './scoreResult';

/**
 * Mirels' score for impending pathological fracture of a long bone (Mirels, Clin Orthop 1989),
 * 1–3 points for each of four components, as tabulated in shared/docs/domain.md.
 */
export const MIRELS_POINTS = {
  site: { 'upper-limb': 1, 'lower-limb': 2, peritrochanteric: 3 },
  pain: { mild: 1, moderate: 2, functional: 3 },
  lesion: { blastic: 1, mixed: 2, lytic: 3 },
  size: { 'under-one-third': 1, 'one-to-two-thirds': 2, 'over-two-thirds': 3 },
} as const;

/** The four Mirels components, each optional while the form is incomplete. */
export const mirelsComponentsSchema = z.strictObject({
  site: z.enum(['upper-limb', 'lower-limb', 'peritrochanteric']).optional(),
  pain: z.enum(['mild', 'moderate', 'functional']).optional(),
  lesion: z.enum(['blastic', 'mixed', 'lytic']).optional(),
  size: z.enum(['under-one-third', 'one-to-two-thirds', 'over-two-thirds']).optional(),
});

/** Mirels components as entered. */
export type MirelsComponents = z.infer<typeof mirelsComponentsSchema>;

/** ≤7 observe or radiotherapy; 8 clinical judgement; ≥9 prophylactic fixation. */
export type MirelsCategory = 'observe-or-radiotherapy' | 'clinical-judgement' | 'prophylactic-fixation';

/** The recommendation band of a Mirels total. */
export function mirelsCategory(total: number): MirelsCategory {
  if (total <= 7) return 'observe-or-radiotherapy';
  if (total === 8) return 'clinical-judgement';
  return 'prophylactic-fixation';
}

/**
 * The size component from the fraction of the cortical diameter involved. The published
 * bands are "<1/3, 1/3–2/3, >2/3": exactly one third falls in the middle band, and exactly two
 * thirds too, since neither is "more than two thirds".
 */
export function mirelsSizeOfFraction(fraction: number): MirelsComponents['size'] {
  if (!Number.isFinite(fraction) || fraction < 0) return undefined;
  if (fraction < 1 / 3) return 'under-one-third';
  if (fraction <= 2 / 3) return 'one-to-two-thirds';
  return 'over-two-thirds';
}

/** Computes Mirels' score; the total is null until all four components are known. */
export function scoreMirels(c: MirelsComponents): ScoreResult<MirelsCategory> {
  const { total, missing } = sumComponents({
    site: c.site && MIRELS_POINTS.site[c.site],
    pain: c.pain && MIRELS_POINTS.pain[c.pain],
    lesion: c.lesion && MIRELS_POINTS.lesion[c.lesion],
    size: c.size && MIRELS_POINTS.size[c.size],
  });
  return { total, category: total === null ? null : mirelsCategory(total), missing };
}
