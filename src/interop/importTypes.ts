/**
 * What PercuPlan reads back from DICOM SEG and SR objects (its own and other tools'). These
 * are plain data, independent of dcmjs, so the viewer can list and draw them and the plan can
 * adopt them without touching DICOM encoding.
 */

/** A coded concept as DICOM writes it (CodeValue / CodingSchemeDesignator / CodeMeaning). */
export interface CodedConcept {
  value: string;
  scheme: string;
  meaning: string;
}

/** One segment of a SEG, as described in its SegmentSequence item. */
export interface ImportedSegment {
  number: number;
  label: string;
  description: string | null;
  /** '#rrggbb' from RecommendedDisplayCIELabValue, else a palette colour. */
  colour: string;
  category: CodedConcept | null;
  type: CodedConcept | null;
  trackingId: string | null;
  trackingUid: string | null;
  algorithmType: string | null;
}

/** One frame of a SEG, reduced to a 0/1 mask for one segment. */
export interface SegFrame {
  segmentNumber: number;
  /** The CT instance the frame was derived from (DerivationImage/SourceImage), when named. */
  referencedSopInstanceUID: string | null;
  imagePositionPatient: readonly [number, number, number] | null;
  /** rows*columns, 0/1 (fractional thresholded, label maps split per segment), row-major. */
  pixels: Uint8Array;
}

/** A Segmentation (or Label Map Segmentation) object as read. */
export interface ImportedSegmentation {
  kind: 'seg';
  /** File name or description, for messages. */
  name: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  studyInstanceUID: string;
  frameOfReferenceUID: string | null;
  /** "Manufacturer ModelName SoftwareVersions". */
  producer: string;
  seriesDescription: string | null;
  contentLabel: string | null;
  segmentationType: 'BINARY' | 'FRACTIONAL' | 'LABELMAP';
  rows: number;
  columns: number;
  imageOrientationPatient: readonly number[] | null;
  /** [row spacing, column spacing] in mm, as DICOM PixelSpacing. */
  pixelSpacing: readonly [number, number] | null;
  referencedSeriesInstanceUID: string | null;
  /**
   * Every image instance the SEG names (Referenced Series Sequence and the frames' source
   * images), so a SEG whose frames do not each name their image can still be tied to a CT.
   */
  referencedInstanceUIDs?: string[];
  segments: ImportedSegment[];
  frames: SegFrame[];
  /** What the reader did that a user should know, e.g. "fractional segment thresholded at 50 %". */
  notes: string[];
}

/** A spatial coordinate of an SR: 3D in a frame of reference, or 2D on one referenced image. */
export type ImportedGraphic =
  | {
      dims: 3;
      graphicType: string;
      points: [number, number, number][];
      frameOfReferenceUID: string | null;
      concept: CodedConcept | null;
    }
  | {
      dims: 2;
      graphicType: string;
      /** (column, row) image coordinates; the top-left pixel's centre is (0.5, 0.5). */
      points: [number, number][];
      referencedSopInstanceUID: string | null;
      concept: CodedConcept | null;
    };

/** A NUM content item with its measured value. */
export interface ImportedNumber {
  concept: CodedConcept;
  value: number;
  unit: CodedConcept | null;
  modifiers: CodedConcept[];
}

/** A TID 1500 measurement group (TID 1410/1411/1501 and alike). */
export interface ImportedMeasurementGroup {
  trackingId: string | null;
  trackingUid: string | null;
  finding: CodedConcept | null;
  findingSite: CodedConcept | null;
  graphics: ImportedGraphic[];
  numbers: ImportedNumber[];
  texts: { concept: CodedConcept; value: string }[];
  codes: { concept: CodedConcept; value: CodedConcept }[];
  referencedSegment: { sopInstanceUID: string; segmentNumber: number } | null;
}

/** A Structured Report as read. */
export interface ImportedReport {
  kind: 'sr';
  name: string;
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  studyInstanceUID: string;
  title: CodedConcept | null;
  templateId: string | null;
  producer: string;
  observer: string | null;
  completion: string | null;
  verification: string | null;
  predecessorSopInstanceUIDs: string[];
  groups: ImportedMeasurementGroup[];
  notes: string[];
}

/** Anything readDicomObject gives back. */
export type ImportedObject = ImportedSegmentation | ImportedReport;
