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
  /** Bits Allocated, Samples per Pixel and the Modality LUT's rescale: what a viewer's voxel type depends on. */
  bitsAllocated?: number;
  samplesPerPixel?: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
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

/** One attribute in the DICOM JSON model (PS3.18 F.2): its VR and its values. */
export interface DicomJsonAttribute {
  vr: string;
  Value?: (string | number | { Alphabetic: string })[];
}

/**
 * Where a file's Pixel Data (7FE0,0010) lies in the file's own bytes, recorded while the import
 * parsed it, so a viewer can read one frame with `file.slice` rather than the whole file again.
 * Native data: `offset`/`length` of the value. Encapsulated data: each fragment's value.
 */
export interface PixelDataLocation {
  encapsulated: boolean;
  offset: number;
  length: number;
  fragments?: readonly { offset: number; length: number }[];
}

/**
 * What a viewer needs of an image file beyond {@link InstanceHeader}: the attributes of the
 * image, geometry, pixel, modality LUT, VOI LUT, SOP common, series, study and patient
 * modules as DICOM JSON (pixel data left out), and where the pixel data lies in the file.
 */
export interface ImageAttributes {
  json: Record<string, DicomJsonAttribute>;
  /** Absent where the file's bytes do not hold the data set as parsed (deflated files). */
  pixelData?: PixelDataLocation;
}
