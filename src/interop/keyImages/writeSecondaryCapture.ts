import type { ReferencedInstance } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { dicomUtc } from '../dicomDateTime';
import { encodePart10, type NaturalDataset } from '../part10';
import { copiedPatientStudy } from '../sr/srDocumentHeader';
import { longString, specificCharacterSet } from '../sr/srText';
import { SC_SERIES_NUMBER, SECONDARY_CAPTURE_IMAGE_STORAGE, type KeyImageForExport, type KeyImageObject } from './keyImageExportTypes';

/** SeriesDescription of the key image Secondary Captures. */
export const SC_SERIES_DESCRIPTION = 'PercuPlan key images';

const PURPOSE_SOURCE_IMAGE = { CodeValue: '121322', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Source image for image processing operation' };

/** What one Secondary Capture is written with besides its key image. */
export interface ScPlacement {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly instanceNumber: number;
  /** The original images the view showed (already resolved against the CT). */
  readonly sources: readonly ReferencedInstance[];
  readonly softwareVersion: string;
}

/** Text for an ST/LT value: control characters other than line breaks become spaces. */
const plainText = (s: string): string =>
  [...s]
    .map((c) => {
      const n = c.charCodeAt(0);
      return (n < 0x20 && c !== '\n' && c !== '\r') || n === 0x7f ? ' ' : c;
    })
    .join('')
    .trim();

/**
 * The Secondary Capture Image (PS3.3 A.8.1) of one key image: its rendered view as 8-bit RGB
 * (PhotometricInterpretation RGB, PlanarConfiguration 0, pixel-interleaved), in the CT's study
 * (Patient, General Study, Patient Study copied from the CT), in the case's key image series.
 * SC Equipment says the picture was made on a workstation (ConversionType WSD); the picture
 * carries no identifiers (the viewer hides them before rendering), so BurnedInAnnotation is NO.
 * The caption goes in ImageComments and DerivationDescription, the original slices in
 * SourceImageSequence. Dates are the key image's creation time in UTC: deterministic bytes.
 */
export function writeSecondaryCapture(image: KeyImageForExport, at: ScPlacement): Result<KeyImageObject> {
  const { keyImage, png } = image;
  if (png.rgb.length !== png.width * png.height * 3) return err(`key image ${keyImage.id}: ${png.rgb.length} RGB bytes for ${png.width}×${png.height} pixels`);
  const when = dicomUtc(keyImage.createdAt);
  if (!when.ok) return err(`key image ${keyImage.id}: createdAt ${when.error}`);
  const caption = plainText(keyImage.caption);
  const dataset: NaturalDataset = {
    _vrMap: { PixelData: 'OB' },
    // SOP Common
    SOPClassUID: SECONDARY_CAPTURE_IMAGE_STORAGE,
    SOPInstanceUID: at.sopInstanceUID,
    // Patient, General Study, Patient Study: the CT's
    ...copiedPatientStudy(image.ct.patientStudy),
    StudyInstanceUID: at.studyInstanceUID,
    // General Series (Modality OT: a rendered view is no modality's image)
    Modality: 'OT',
    SeriesInstanceUID: at.seriesInstanceUID,
    SeriesNumber: SC_SERIES_NUMBER,
    SeriesDescription: SC_SERIES_DESCRIPTION,
    // Type 2C: dciodvfy requires it for an image without Image Laterality; a rendered view has no side of its own.
    Laterality: '',
    // General Equipment
    Manufacturer: 'PercuPlan',
    ManufacturerModelName: 'PercuPlan',
    SoftwareVersions: longString(at.softwareVersion) || 'unknown',
    // SC Equipment
    ConversionType: 'WSD',
    SecondaryCaptureDeviceManufacturer: 'PercuPlan',
    SecondaryCaptureDeviceManufacturerModelName: 'PercuPlan',
    SecondaryCaptureDeviceSoftwareVersions: longString(at.softwareVersion) || 'unknown',
    // General Image
    InstanceNumber: at.instanceNumber,
    PatientOrientation: '',
    ContentDate: when.value.date,
    ContentTime: when.value.time,
    ImageType: ['DERIVED', 'SECONDARY'],
    ImageComments: caption,
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    // General Reference
    DerivationDescription: caption.slice(0, 1024),
    ...(at.sources.length
      ? {
          SourceImageSequence: at.sources.map((s) => ({
            ReferencedSOPClassUID: s.sopClassUid,
            ReferencedSOPInstanceUID: s.sopInstanceUid,
            PurposeOfReferenceCodeSequence: [{ ...PURPOSE_SOURCE_IMAGE }],
          })),
        }
      : {}),
    // SC Image
    DateOfSecondaryCapture: when.value.date,
    TimeOfSecondaryCapture: when.value.time,
    // Image Pixel
    SamplesPerPixel: 3,
    PhotometricInterpretation: 'RGB',
    PlanarConfiguration: 0,
    Rows: png.height,
    Columns: png.width,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    PixelData: [png.rgb.slice().buffer],
  };
  const withCharset: NaturalDataset = { ...specificCharacterSet(dataset), ...dataset };
  return ok({
    kind: 'sc',
    fileName: `SC_${at.sopInstanceUID}.dcm`,
    sopClassUID: SECONDARY_CAPTURE_IMAGE_STORAGE,
    sopInstanceUID: at.sopInstanceUID,
    seriesInstanceUID: at.seriesInstanceUID,
    studyInstanceUID: at.studyInstanceUID,
    bytes: encodePart10(withCharset),
  });
}
