import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sampleDir } from './paths';

/** The generator's truth file of a sample study (see sample-dicom/README.md). */
export interface StudyTruth {
  key: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  patientName: string;
  patientID: string;
  patientSex: string;
  patientAge: string;
  studyDescription: string;
  seriesDescription: string;
  geometry: {
    rows: number;
    columns: number;
    pixelSpacing: [number, number];
    sliceThickness: number;
    sliceSpacing: number;
    sliceCount: number;
    orientation: number[];
    firstPosition: [number, number, number];
    lastPosition: [number, number, number];
  };
  lesions: { id: string; label: string; centerLps: [number, number, number]; volumeMl: number }[];
  landmarks: Record<string, [number, number, number]>;
}

export const SAMPLE_KEYS = ['case1-pelvis-ct', 'case2-pelvis-ct', 'case2-cbct', 'case3-spine-ct'] as const;

export function readTruth(key: (typeof SAMPLE_KEYS)[number]): StudyTruth {
  return JSON.parse(readFileSync(path.join(sampleDir, key, 'truth.json'), 'utf8')) as StudyTruth;
}
