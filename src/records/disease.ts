import { z } from 'zod';
import { isoDate, longText, requiredText, shortText } from './fieldTypes';
import { ecogSchema, karnofskySchema } from './performanceStatus';
import { tumourTypeSchema } from './tumourTypes';

/** The primary tumour and its histology. */
export const tumourSchema = z.strictObject({
  primary: tumourTypeSchema.nullable().default(null),
  primaryDetail: shortText.default(''),
  histology: shortText.default(''),
  diagnosisDate: isoDate.nullable().default(null),
});

/** How far the disease has spread beyond the lesion being discussed. */
export const extentOfDiseaseSchema = z.strictObject({
  boneMetastases: z.enum(['solitary', 'oligometastatic', 'multiple', 'widespread']).nullable().default(null),
  visceralMetastases: z.boolean().nullable().default(null),
  brainMetastases: z.boolean().nullable().default(null),
  description: longText.default(''),
});

/** One comorbidity that weighs on the decision (anticoagulation, renal failure, ...). */
export const comorbiditySchema = z.strictObject({
  condition: requiredText,
  notes: longText.default(''),
});

/** ECOG and Karnofsky performance status when assessed. */
export const performanceSchema = z.strictObject({
  ecog: ecogSchema.nullable().default(null),
  karnofsky: karnofskySchema.nullable().default(null),
  assessedOn: isoDate.nullable().default(null),
});

/** Overall prognosis and expected survival, which decide how much a procedure may cost the patient. */
export const prognosisSchema = z.strictObject({
  lifeExpectancy: z.enum(['under-3-months', '3-to-6-months', '6-to-12-months', 'over-12-months']).nullable().default(null),
  estimatedMonths: z.number().min(0).max(600).nullable().default(null),
  notes: longText.default(''),
});
