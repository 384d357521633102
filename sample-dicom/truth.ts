import type { StudyKey } from './studyKeys';

type Triple = [number, number, number];

/** A lesion as painted: `volumeMl` counts the voxels that carry its label after painting. */
export interface LesionTruth {
  id: string;
  label: string;
  site: string;
  type: 'lytic' | 'cemented';
  centerLps: Triple;
  semiAxesMm: Triple;
  volumeMl: number;
  meanHu: number;
  corticalBreak: boolean;
  boundingBoxLps: { min: Triple; max: Triple };
}

/**
 * The ground truth written next to each sample study as truth.json: identity, geometry,
 * lesions and landmarks in patient LPS millimetres. Tests and the viewer's e2e tests read it.
 */
export interface StudyTruth {
  key: StudyKey;
  /** Bumped when the generator's output changes, so stale folders are regenerated. */
  generatorVersion: number;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  patientName: string;
  patientID: string;
  patientSex: 'M' | 'F';
  patientAge: string;
  studyDescription: string;
  seriesDescription: string;
  geometry: {
    rows: number;
    columns: number;
    /** [row spacing, column spacing], as DICOM PixelSpacing. */
    pixelSpacing: [number, number];
    sliceThickness: number;
    sliceSpacing: number;
    sliceCount: number;
    orientation: [number, number, number, number, number, number];
    /** ImagePositionPatient of InstanceNumber 1 and of InstanceNumber sliceCount. */
    firstPosition: Triple;
    lastPosition: Triple;
  };
  lesions: LesionTruth[];
  landmarks: Record<string, Triple>;
  /** Cone-beam CT only: the cylindrical field of view (axial centre, radius); outside is padding. */
  fieldOfView?: { center: [number, number]; radiusMm: number; paddingHu: number };
  /** Cone-beam CT only: the cement-filled needle tracks, skin entry to tip. */
  needleTracks?: { name: string; entryLps: Triple; targetLps: Triple; diameterMm: number }[];
}

export const GENERATOR_VERSION = 1;
