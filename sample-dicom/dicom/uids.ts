/**
 * Fixed UID root of the PercuPlan sample data: a 2.25 (UUID-derived) root chosen once.
 * Every UID of the sample studies is this root plus small numeric suffixes, so the same
 * study always gets the same UIDs.
 */
export const SAMPLE_UID_ROOT = '2.25.111493572740326413651294186453870219745';

/** Identifies the writing software in the file meta header. */
export const IMPLEMENTATION_CLASS_UID = `${SAMPLE_UID_ROOT}.9.1`;
export const IMPLEMENTATION_VERSION_NAME = 'PERCUPLAN_SMP_1';

export interface StudyUids {
  study: string;
  series: string;
  frameOfReference: string;
  instance: (instanceNumber: number) => string;
}

/** UIDs of sample study number `index` (1–9 for the published studies). */
export function studyUids(index: number): StudyUids {
  const base = `${SAMPLE_UID_ROOT}.1.${index}`;
  return {
    study: `${base}.1`,
    series: `${base}.2`,
    frameOfReference: `${base}.3`,
    instance: (n) => `${base}.4.${n}`,
  };
}
