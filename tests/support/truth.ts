import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sampleDir } from './paths';
import type { StudyTruth } from '../../sample-dicom/truth';
import { STUDY_KEYS, type StudyKey } from '../../sample-dicom/studyKeys';

export type { StudyTruth };
export const SAMPLE_KEYS = STUDY_KEYS;

/** The generator's truth file of a sample study (see sample-dicom/README.md). */
export function readTruth(key: StudyKey): StudyTruth {
  return JSON.parse(readFileSync(path.join(sampleDir, key, 'truth.json'), 'utf8')) as StudyTruth;
}
