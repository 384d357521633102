import { z } from 'zod';
import { requiredText, shortText } from './fieldTypes';

/**
 * Who the case is about. In teaching and demo content the patient is pseudonymous: the
 * pseudonym is all there is, and no identifier may be exported as if it were real.
 */
export const patientSchema = z.strictObject({
  pseudonym: requiredText.describe('Name or pseudonym shown in lists'),
  pseudonymous: z.boolean().default(true).describe('True when the name is not the real identity (teaching, demo)'),
  sex: z.enum(['female', 'male', 'other', 'unknown']).default('unknown'),
  ageYears: z.int().min(0).max(130).nullable().default(null),
  birthYear: z.int().min(1850).max(2200).nullable().default(null),
  identifiers: z
    .array(z.strictObject({ system: shortText.min(1), value: shortText.min(1) }))
    .max(20)
    .default([])
    .describe('E.g. the hospital record number, with the system that issued it'),
});

/** The patient section after defaults. */
export type Patient = z.infer<typeof patientSchema>;
