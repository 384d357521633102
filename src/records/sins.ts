import { z } from 'zod';
import { sumComponents, type ScoreResult } from './scoreResult';

/**
 * Spinal Instability Neoplastic Score (Fisher et al., Spine 2010), as tabulated in
 * shared/docs/domain.md. The points are data so that the form can show them beside each choice.
 */
export const SINS_POINTS = {
  location: { junctional: 3, mobile: 2, 'semi-rigid': 1, rigid: 0 },
  pain: { mechanical: 3, 'occasional-non-mechanical': 1, 'pain-free': 0 },
  boneLesion: { lytic: 2, mixed: 1, blastic: 0 },
  alignment: { 'subluxation-translation': 4, 'de-novo-deformity': 2, normal: 0 },
  collapse: { 'over-50-percent': 3, 'under-50-percent': 2, 'none-over-50-percent-involved': 1, none: 0 },
  posterolateral: { bilateral: 3, unilateral: 1, none: 0 },
} as const;

type SinsTable = typeof SINS_POINTS;
const keysOf = <T extends object>(o: T) => Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];

/** The six SINS components; each is optional while the form is incomplete. */
export const sinsComponentsSchema = z.strictObject({
  location: z.enum(keysOf(SINS_POINTS.location)).optional(),
  pain: z.enum(keysOf(SINS_POINTS.pain)).optional(),
  boneLesion: z.enum(keysOf(SINS_POINTS.boneLesion)).optional(),
  alignment: z.enum(keysOf(SINS_POINTS.alignment)).optional(),
  collapse: z.enum(keysOf(SINS_POINTS.collapse)).optional(),
  posterolateral: z.enum(keysOf(SINS_POINTS.posterolateral)).optional(),
});

/** SINS components as entered. */
export type SinsComponents = z.infer<typeof sinsComponentsSchema>;

/** SINS categories: 0–6 stable, 7–12 potentially unstable, 13–18 unstable. */
export type SinsCategory = 'stable' | 'potentially-unstable' | 'unstable';

/** The category of a SINS total. Surgical opinion is advised from 7 (potentially unstable). */
export function sinsCategory(total: number): SinsCategory {
  if (total <= 6) return 'stable';
  if (total <= 12) return 'potentially-unstable';
  return 'unstable';
}

/** Computes SINS from its components; the total is null until all six are known. */
export function scoreSins(c: SinsComponents): ScoreResult<SinsCategory> {
  const pick = <K extends keyof SinsTable>(k: K): number | undefined => {
    const v = c[k] as keyof SinsTable[K] | undefined;
    return v === undefined ? undefined : (SINS_POINTS[k][v] as number);
  };
  const { total, missing } = sumComponents({
    location: pick('location'),
    pain: pick('pain'),
    boneLesion: pick('boneLesion'),
    alignment: pick('alignment'),
    collapse: pick('collapse'),
    posterolateral: pick('posterolateral'),
  });
  return { total, category: total === null ? null : sinsCategory(total), missing };
}
