import { z } from 'zod';
import type { ScoreResult } from './scoreResult';

/**
 * Vertebral height loss, either measured (the lowest of the anterior, middle and posterior
 * heights against the expected height from the neighbouring vertebrae) or estimated directly.
 * Measured heights win when both are given, since they are what was actually seen.
 */
export const genantComponentsSchema = z.strictObject({
  expectedHeightMm: z.number().positive().max(200).optional(),
  measuredHeightMm: z.number().min(0).max(200).optional(),
  heightLossPercent: z.number().min(0).max(100).optional(),
});

/** Genant components as entered. */
export type GenantComponents = z.infer<typeof genantComponentsSchema>;

/** Genant semi-quantitative grades. */
export type GenantGrade = '0' | '1' | '2' | '3';

/**
 * The grade of a height loss in percent: 0 below 20 %, 1 from 20 to 25 %, 2 above 25 up to
 * 40 %, 3 above 40 %. The published bands share their edges ("20–25 %", "25–40 %"); an edge
 * goes to the lower grade, so 25 % is grade 1 and 40 % grade 2.
 */
export function genantGradeOfLoss(lossPercent: number): GenantGrade {
  if (lossPercent < 20) return '0';
  if (lossPercent <= 25) return '1';
  if (lossPercent <= 40) return '2';
  return '3';
}

/** Height loss in percent from the components, or undefined when they do not give one. */
export function genantHeightLoss(c: GenantComponents): number | undefined {
  if (c.expectedHeightMm !== undefined && c.measuredHeightMm !== undefined) {
    return Math.max(0, (1 - c.measuredHeightMm / c.expectedHeightMm) * 100);
  }
  return c.heightLossPercent;
}

/** The Genant grade; `total` is the grade as a number (0–3). */
export function gradeGenant(c: GenantComponents): ScoreResult<GenantGrade> {
  const loss = genantHeightLoss(c);
  if (loss === undefined) return { total: null, category: null, missing: ['heightLoss'] };
  const g = genantGradeOfLoss(loss);
  return { total: Number(g), category: g, missing: [] };
}
