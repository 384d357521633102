import type { Vec3 } from '../shared/vec3';

/** Where a study's images come from. */
export type StudySource = 'embedded' | 'local' | 'dicomweb';

/** One series as the worklist and the series browser show it. */
export interface SeriesListing {
  seriesInstanceUID: string;
  seriesNumber?: number;
  seriesDescription?: string;
  modality?: string;
  frameOfReferenceUID?: string;
  instanceCount: number;
  /** Image instances only; SR/SEG/RT and other non-image objects are counted apart. */
  imageCount: number;
  rows?: number;
  columns?: number;
  /** Bits Allocated and Samples per Pixel of the series' first image that states them. */
  bitsAllocated?: number;
  samplesPerPixel?: number;
  /** True when an image's Rescale Slope or Intercept is not an integer (a viewer then keeps float voxels). */
  nonIntegerRescale?: boolean;
  /** DICOM Patient Position (HFS, FFP …), for angles relative to the table. */
  patientPosition?: string;
}

/** One study as the worklist lists it (GET /api/studies). */
export interface StudyListing {
  studyInstanceUID: string;
  source: StudySource;
  patientName?: string;
  patientID?: string;
  patientSex?: string;
  patientAge?: string;
  patientBirthDate?: string;
  studyDate?: string;
  studyTime?: string;
  studyDescription?: string;
  accessionNumber?: string;
  modalities: string[];
  bodyPartExamined?: string;
  series: SeriesListing[];
  imageCount: number;
  /** Disagreements between the study's instances (e.g. two PatientIDs) the user must see. */
  warnings?: string[];
}

/** One image of a series in display order (GET /api/studies/:study/series/:series/instances). */
export interface InstanceListing {
  sopInstanceUID: string;
  instanceNumber?: number;
  imagePositionPatient?: Vec3;
  /** Where the browser fetches the Part 10 file, or (with `metadata`) the WADO-RS frame. */
  url: string;
  /** DICOM JSON of the instance, for PACS instances whose pixels come frame by frame. */
  metadata?: Record<string, unknown>;
  numberOfFrames?: number;
}

/** A series ready to open: its images in order and what the geometry check found. */
export interface SeriesInstances {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  instances: InstanceListing[];
  reconstructable: boolean;
  reasons: string[];
  warnings: string[];
  sliceSpacingMm?: number;
}
