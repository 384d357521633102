import { z } from 'zod';
import { requiredText } from '../../records/fieldTypes';

/** A vertebral level, C1 to S5. */
export const vertebralLevelSchema = z.enum([
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5',
  'S1', 'S2', 'S3', 'S4', 'S5',
]);

/** A vertebral level. */
export type VertebralLevel = z.infer<typeof vertebralLevelSchema>;

/**
 * Where a lesion sits, from the fixed list the planner offers. The sacral zone is Denis's
 * (I lateral to the foramina, II through them, III the central canal); a vertebra names its
 * level and the part involved.
 */
export const anatomicalSiteSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('iliac-bone') }),
  z.strictObject({ kind: z.literal('acetabulum'), part: z.enum(['superior', 'medial', 'posterior']) }),
  z.strictObject({ kind: z.literal('pubic-ramus') }),
  z.strictObject({ kind: z.literal('ischium') }),
  z.strictObject({ kind: z.literal('sacrum'), zone: z.enum(['I', 'II', 'III']) }),
  z.strictObject({ kind: z.literal('vertebra'), level: vertebralLevelSchema, part: z.enum(['body', 'pedicle', 'posterior-elements']) }),
  z.strictObject({ kind: z.literal('femur') }),
  z.strictObject({ kind: z.literal('other'), description: requiredText }),
]);

/** An anatomical site of a lesion. */
export type AnatomicalSite = z.infer<typeof anatomicalSiteSchema>;

const PART: Record<'body' | 'pedicle' | 'posterior-elements', string> = {
  body: 'vertebral body',
  pedicle: 'pedicle',
  'posterior-elements': 'posterior elements',
};

/** The site as a radiologist would write it, e.g. "T10 vertebral body", "sacrum, zone II". */
export function siteLabel(site: AnatomicalSite, side: 'left' | 'right' | 'midline' | null = null): string {
  const sided = (s: string) => (side && side !== 'midline' ? `${side} ${s}` : s);
  switch (site.kind) {
    case 'iliac-bone':
      return sided('iliac bone');
    case 'acetabulum':
      return sided(`${site.part} acetabulum`);
    case 'pubic-ramus':
      return sided('pubic ramus');
    case 'ischium':
      return sided('ischium');
    case 'sacrum':
      return sided(`sacrum, zone ${site.zone}`);
    case 'vertebra':
      return `${site.level} ${sided(PART[site.part])}`;
    case 'femur':
      return sided('femur');
    case 'other':
      return sided(site.description);
  }
}
