import type { ProfileRow } from './profileRow';
import { PROFILE_ROWS_1 } from './profileRows1';
import { PROFILE_ROWS_2 } from './profileRows2';
import { PROFILE_ROWS_3 } from './profileRows3';

/**
 * PS3.15 Table E.1-1 "Application Level Confidentiality Profile Attributes", DICOM 2024b edition:
 * 620 rows (every row of the table but "Private Attributes (gggg,eeee) where gggg is odd", which
 * deidentify applies as a rule: any odd group is removed). Transcribed from the table as published
 * by NEMA (dicom.nema.org part15 chapter_e), by way of the machine-readable extraction of that
 * table in innolitics/dicom-standard (standard/confidentiality_profile_attributes.json), with the
 * keywords of dcmjs's dictionary. The Basic Profile column and four option columns are kept:
 * Retain Longitudinal Temporal Information with Modified Dates, Retain Patient Characteristics,
 * Clean Descriptors and Clean Structured Content. Covers every identifying attribute a CT, SEG,
 * SR or KOS from PercuPlan or from the shared test files carries (checked in profileTable.test.ts).
 */
export const PROFILE_TABLE: readonly ProfileRow[] = [...PROFILE_ROWS_1, ...PROFILE_ROWS_2, ...PROFILE_ROWS_3];

/** The edition the table was transcribed from. */
export const PROFILE_TABLE_EDITION = '2024b';

const byTag = new Map<string, ProfileRow>(PROFILE_TABLE.filter((r) => !r[0].includes('X')).map((r) => [r[0], r]));
const repeating = PROFILE_TABLE.filter((r) => r[0].includes('X'));

/**
 * The row for a tag given as 8 hex digits (any case), matching the repeating-group rows
 * (50xx,xxxx) curve data and (60xx,3000)/(60xx,4000) overlays by pattern; undefined if none.
 */
export function profileRowForTag(tag: string): ProfileRow | undefined {
  const t = tag.toUpperCase();
  const exact = byTag.get(t);
  if (exact) return exact;
  return repeating.find((r) => [...r[0]].every((c, i) => c === 'X' || c === t[i]));
}
