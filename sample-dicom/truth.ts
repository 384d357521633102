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
  /**
   * Post-procedure CBCT only (issue 18): where this study sits relative to its planning CT.
   * `planningToThisLps` maps a planning-CT LPS point to this study's LPS (4×4, row-major);
   * equal to rotations `rotationDeg` about x, y, z through `centreLps` (planning LPS; R = Rz·Ry·Rx,
   * x applied first) followed by `translationMm`.
   */
  pose?: { planningStudyKey: StudyKey; planningToThisLps: number[]; rotationDeg: Triple; translationMm: Triple; centreLps: Triple };
  /**
   * Post-procedure CBCT only: the needles left in place (metal), matched to the demo plan's
   * trajectory ids, in this study's LPS and in the planning CT's, with the deviation from the
   * plan's design (target and direction) they were built with.
   */
  needles?: {
    trajectoryId: string;
    name: string;
    diameterMm: number;
    entryLps: Triple;
    tipLps: Triple;
    entryPlanningLps: Triple;
    tipPlanningLps: Triple;
    designedDeviation: { tipMm: number; angleDeg: number };
  }[];
  /**
   * Post-procedure CBCT only: the cement as painted (voxels carrying a cement label × voxel
   * volume), its fill of each lesion (cement voxels inside the lesion's shape ÷ its voxels),
   * and each leak (cement outside the bone) with its class.
   */
  cement?: {
    totalMl: number;
    lesions: { lesionId: string; lesionVolumeMl: number; cementInLesionMl: number; fillPct: number }[];
    leaks: { id: string; location: string; volumeMl: number; centreLps: Triple; centrePlanningLps: Triple; description: string }[];
  };
}

export const GENERATOR_VERSION = 4;
