import { z } from 'zod';
import { longText, requiredText, shortText } from './fieldTypes';
import { CURRENT_MME_TABLE, OPIOIDS } from './mmeTables';

/**
 * One analgesic the patient takes. Opioids name their table key so their morphine milligram
 * equivalents can be computed; other analgesics (paracetamol, NSAIDs, adjuvants) leave
 * `opioid` null and only document the regimen.
 */
export const analgesicEntrySchema = z
  .strictObject({
    name: requiredText.describe('As prescribed, e.g. "Oxycodone SR 30 mg twice daily"'),
    opioid: z.enum(OPIOIDS).nullable().default(null),
    /** Total daily dose in mg, or the patch rate in mcg/h for transdermal fentanyl. */
    dailyDose: z.number().min(0).max(100_000).nullable().default(null),
    unit: z.enum(['mg/day', 'mcg/h']).default('mg/day'),
    route: shortText.default(''),
    notes: longText.default(''),
  })
  .superRefine((e, ctx) => {
    if (e.opioid === null) return;
    const expected = CURRENT_MME_TABLE.factors[e.opioid].unit;
    if (e.unit !== expected) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `${e.opioid} doses are given in ${expected}` });
    }
    if (e.dailyDose === null) {
      ctx.addIssue({ code: 'custom', path: ['dailyDose'], message: 'An opioid needs its daily dose for the MME calculation' });
    }
  });

/** An analgesic entry after defaults. */
export type AnalgesicEntry = z.infer<typeof analgesicEntrySchema>;

/** One line of a computed MME result. */
export const mmeLineSchema = z.strictObject({
  name: z.string().max(500),
  opioid: z.enum(OPIOIDS),
  dailyDose: z.number(),
  unit: z.enum(['mg/day', 'mcg/h']),
  factor: z.number(),
  mmePerDay: z.number(),
});

/**
 * A computed MME total with the table it came from. The server stores it with the regimen and
 * keeps it while the regimen is unchanged, so a later table does not rewrite history.
 */
export const mmeResultSchema = z.strictObject({
  tableId: z.string().max(100),
  tableVersion: z.string().max(100),
  totalMmePerDay: z.number(),
  lines: z.array(mmeLineSchema).max(100),
});

/** A computed MME result. */
export type MmeResult = z.infer<typeof mmeResultSchema>;

/** A list of analgesics with its computed MME. */
export const analgesicRegimenSchema = z.strictObject({
  entries: z.array(analgesicEntrySchema).max(100).default([]),
  mme: mmeResultSchema.nullable().default(null).describe('Computed by the server from `entries`; what a client sends is replaced'),
});

/** An analgesic regimen after defaults. */
export type AnalgesicRegimen = z.infer<typeof analgesicRegimenSchema>;
