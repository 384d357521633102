import type { Vec3 } from '../shared/vec3';

/**
 * What PercuPlan needs to know of one DICOM instance without its pixels: identity, the
 * patient/study/series description shown in the worklist, and the geometry that series
 * sorting and MPR depend on. Shared by the server's index, the browser's file import and
 * the inspect command.
 */
export interface InstanceHeader {
  sopClassUID: string;
  sopInstanceUID: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  transferSyntaxUID: string;
  frameOfReferenceUID?: string;
  modality?: string;
  instanceNumber?: number;
  seriesNumber?: number;
  imagePositionPatient?: Vec3;
  /** Row direction cosines then column direction cosines. */
  imageOrientationPatient?: readonly [number, number, number, number, number, number];
  /** [row spacing, column spacing] in mm, as DICOM orders them. */
  pixelSpacing?: readonly [number, number];
  sliceThickness?: number;
  rows?: number;
  columns?: number;
  numberOfFrames?: number;
  imageType?: readonly string[];
  hasPixelData: boolean;
  patientName?: string;
  patientID?: string;
  patientSex?: string;
  patientAge?: string;
  patientBirthDate?: string;
  studyDate?: string;
  studyTime?: string;
  studyDescription?: string;
  seriesDescription?: string;
  accessionNumber?: string;
  bodyPartExamined?: string;
  patientPosition?: string;
  /** UIDs that were empty in the file and were given stable stand-ins (see surrogateUid). */
  surrogateUids?: string[];
}
