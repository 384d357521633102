import { z } from 'zod';
import { isoDate, longText, shortText } from './fieldTypes';

/** A pain score on the 0–10 visual analogue or numeric rating scale. */
export const painScoreSchema = z.number().min(0).max(10);

/** Pain at rest and on weight bearing, the two scores the board compares. */
export const painScoresSchema = z.strictObject({
  atRest: painScoreSchema.nullable().default(null),
  onWeightBearing: painScoreSchema.nullable().default(null),
});

/**
 * The pain assessment the meeting centres on: where the pain is worst, and whether imaging
 * shows a lesion that explains it. NRS scores are whole numbers; a VAS may have a decimal.
 */
export const painAssessmentSchema = z
  .strictObject({
    maximalPainSite: shortText.default(''),
    imagingCorrelation: z.enum(['concordant', 'partial', 'discordant', 'not-assessed']).default('not-assessed'),
    correlationNotes: longText.default(''),
    character: z.enum(['mechanical', 'non-mechanical', 'mixed']).nullable().default(null),
    scale: z.enum(['NRS', 'VAS']).default('NRS'),
    ...painScoresSchema.shape,
    assessedOn: isoDate.nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.scale !== 'NRS') return;
    for (const k of ['atRest', 'onWeightBearing'] as const) {
      const v = p[k];
      if (v !== null && !Number.isInteger(v)) ctx.addIssue({ code: 'custom', path: [k], message: 'NRS scores are whole numbers 0–10' });
    }
  });
