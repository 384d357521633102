import type { InstanceHeader } from './instanceHeader';

/** CT Image Storage, the fixtures' default SOP class. */
export const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
/** Enhanced CT Image Storage, for multi-frame fixtures. */
export const ENHANCED_CT = '1.2.840.10008.5.1.4.1.1.2.1';
/** Comprehensive SR Storage, for a non-image object in a series. */
export const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';

/** Row then column cosines of a plain axial slice (normal +z). */
export const AXIAL = [1, 0, 0, 0, 1, 0] as const;
/** Row then column cosines of a coronal slice (normal +y). */
export const CORONAL = [1, 0, 0, 0, 0, -1] as const;
/** Row then column cosines of a sagittal slice (normal -x). */
export const SAGITTAL = [0, 1, 0, 0, 0, -1] as const;

/**
 * A test fixture: one 512×512 axial CT slice at height `z` (mm) with InstanceNumber `n` and
 * SOP Instance UID `1.2.3.1.<n>`, overridable field by field.
 * Only for tests; kept beside the code so dicom/ and server/ tests share one builder.
 */
export function ctSlice(n: number, z: number, over: Partial<InstanceHeader> = {}): InstanceHeader {
  return {
    sopClassUID: CT_IMAGE,
    sopInstanceUID: `1.2.3.1.${n}`,
    studyInstanceUID: '1.2.3.10',
    seriesInstanceUID: '1.2.3.20',
    transferSyntaxUID: '1.2.840.10008.1.2.1',
    frameOfReferenceUID: '1.2.3.30',
    modality: 'CT',
    instanceNumber: n,
    seriesNumber: 2,
    imagePositionPatient: [-128, -128, z],
    imageOrientationPatient: AXIAL,
    pixelSpacing: [0.5, 0.5],
    sliceThickness: 2.5,
    rows: 512,
    columns: 512,
    hasPixelData: true,
    ...over,
  };
}
