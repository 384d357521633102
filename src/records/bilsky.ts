import { z } from 'zod';
import type { ScoreResult } from './scoreResult';

/**
 * The epidural findings on axial T2 MRI (or CT myelography) from which the Bilsky grade of
 * epidural spinal cord compression follows (Bilsky et al., J Neurosurg Spine 2010).
 */
export const bilskyComponentsSchema = z.strictObject({
  epiduralExtension: z
    .enum(['none', 'epidural-impingement', 'thecal-sac-deformed', 'cord-abutted', 'cord-compressed'])
    .optional(),
  /** Only asked when the cord is compressed: is cerebrospinal fluid still visible around it? */
  csfVisible: z.boolean().optional(),
});

/** Bilsky components as entered. */
export type BilskyComponents = z.infer<typeof bilskyComponentsSchema>;

/** Bilsky grades. 2 and 3 are high-grade compression. */
export type BilskyGrade = '0' | '1a' | '1b' | '1c' | '2' | '3';

/** What each grade means, for labels and the FHIR export. */
export const BILSKY_GRADES: Record<BilskyGrade, string> = {
  '0': 'Bone-only disease',
  '1a': 'Epidural impingement, thecal sac not deformed',
  '1b': 'Thecal sac deformed, spinal cord not abutted',
  '1c': 'Spinal cord abutted, not compressed',
  '2': 'Spinal cord compressed, CSF visible',
  '3': 'Spinal cord compressed, no CSF visible',
};

/** The Bilsky grade; `total` stays null because the grade is not a number. */
export function gradeBilsky(c: BilskyComponents): ScoreResult<BilskyGrade> {
  const grade = (g: BilskyGrade): ScoreResult<BilskyGrade> => ({ total: null, category: g, missing: [] });
  switch (c.epiduralExtension) {
    case undefined:
      return { total: null, category: null, missing: ['epiduralExtension'] };
    case 'none':
      return grade('0');
    case 'epidural-impingement':
      return grade('1a');
    case 'thecal-sac-deformed':
      return grade('1b');
    case 'cord-abutted':
      return grade('1c');
    case 'cord-compressed':
      if (c.csfVisible === undefined) return { total: null, category: null, missing: ['csfVisible'] };
      return grade(c.csfVisible ? '2' : '3');
  }
}

/** True for the grades that usually call for surgery or radiotherapy before a percutaneous procedure. */
export const isHighGradeBilsky = (g: BilskyGrade): boolean => g === '2' || g === '3';
