import { z } from 'zod';

/** ECOG performance status, 0 (fully active) to 5 (dead). */
export const ecogSchema = z.int().min(0).max(5);

/** Karnofsky performance status, 100 to 0 in steps of 10. */
export const karnofskySchema = z
  .int()
  .min(0)
  .max(100)
  .refine((v) => v % 10 === 0, 'Karnofsky is given in steps of 10');

/** ECOG grades as the team reads them. */
export const ECOG_LABELS: readonly string[] = [
  'Fully active, no restriction',
  'Restricted in strenuous activity, ambulatory, light work',
  'Ambulatory and capable of self-care, unable to work; up more than 50% of waking hours',
  'Capable of only limited self-care; confined to bed or chair more than 50% of waking hours',
  'Completely disabled; no self-care; totally confined to bed or chair',
  'Dead',
];

/** Karnofsky levels by score. */
export const KARNOFSKY_LABELS: Readonly<Record<number, string>> = {
  100: 'Normal, no complaints, no evidence of disease',
  90: 'Able to carry on normal activity; minor signs or symptoms',
  80: 'Normal activity with effort; some signs or symptoms',
  70: 'Cares for self; unable to carry on normal activity or active work',
  60: 'Requires occasional assistance, able to care for most needs',
  50: 'Requires considerable assistance and frequent medical care',
  40: 'Disabled; requires special care and assistance',
  30: 'Severely disabled; hospitalisation indicated, death not imminent',
  20: 'Very sick; hospitalisation and active supportive treatment necessary',
  10: 'Moribund',
  0: 'Dead',
};
