import type { KeyImage, KeyImagePurpose } from '../../records';
import type { ReferencedCt } from '../exportTypes';
import type { DecodedPng } from '../png/decodePng';

/** Secondary Capture Image Storage (PS3.4 B.5): the rendered view of each key image. */
export const SECONDARY_CAPTURE_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.7';
/** Key Object Selection Document Storage: the list of key images with its title. */
export const KEY_OBJECT_SELECTION_DOCUMENT_STORAGE = '1.2.840.10008.5.1.4.1.1.88.59';

/** SeriesNumber of the key image Secondary Captures and of the KOS (the plan's SEG and SR are 9001 and 9002). */
export const SC_SERIES_NUMBER = 9003;
export const KO_SERIES_NUMBER = 9004;

/** One key image as the writers need it: the record, its decoded picture, and the CT series its view is on. */
export interface KeyImageForExport {
  readonly keyImage: KeyImage;
  readonly png: Pick<DecodedPng, 'width' | 'height' | 'rgb'>;
  /** The series of `keyImage.view` (patient/study attributes and the slices the references name). */
  readonly ct: ReferencedCt;
}

/** What a case's key image export is built from. */
export interface KeyImagesExportInput {
  readonly caseId: string;
  /** The KOS title: board (DCM 128203 For Tumor Board) or teaching (DCM 113004 For Teaching). */
  readonly purpose: KeyImagePurpose;
  /** In the order the case lists them (oldest first). */
  readonly images: readonly KeyImageForExport[];
  readonly softwareVersion: string;
}

/** One written Part 10 file. */
export interface KeyImageObject {
  readonly kind: 'ko' | 'sc';
  /** Name inside the zip: "KO_<uid>.dcm" or "SC_<uid>.dcm". */
  readonly fileName: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly studyInstanceUID: string;
  readonly bytes: Uint8Array;
}
