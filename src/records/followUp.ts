import { z } from 'zod';
import { analgesicRegimenSchema } from './analgesics';
import { isoDate, longText, shortText } from './fieldTypes';
import { mobilitySchema } from './functionAndGoals';
import { painScoresSchema } from './painAssessment';

/** Kinds of complication worth counting; cement leakage first, as the commonest after cementoplasty. */
export const complicationKindSchema = z.enum([
  'cement-leakage',
  'nerve-injury',
  'skin-injury',
  'infection',
  'bleeding',
  'fracture',
  'other',
]);

/** A complication seen at follow-up. */
export const complicationSchema = z.strictObject({
  kind: complicationKindSchema,
  severity: z.enum(['asymptomatic', 'minor', 'major']).nullable().default(null),
  description: longText.default(''),
});

/**
 * One follow-up visit or call: pain, analgesics (opioids in MME), mobility, daily activities
 * and complications. `opioidFree` records "off opioids" explicitly, since an empty regimen
 * could also mean "not asked".
 */
export const followUpSchema = z.strictObject({
  id: z.string().min(1).max(100).optional().describe('Stable id within the case; the server assigns one when missing'),
  date: isoDate,
  label: shortText.default('').describe('E.g. "1 week"'),
  pain: painScoresSchema.default({ atRest: null, onWeightBearing: null }),
  analgesics: analgesicRegimenSchema.default({ entries: [], mme: null }),
  opioidFree: z.boolean().nullable().default(null),
  mobility: mobilitySchema.nullable().default(null),
  dailyActivities: longText.default(''),
  complications: z.array(complicationSchema).max(50).default([]),
  notes: longText.default(''),
});

/** A follow-up entry after defaults. */
export type FollowUp = z.infer<typeof followUpSchema>;
