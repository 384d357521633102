import type { NaturalDataset } from '../part10';

/** A CID 7050 "De-identification Method" code (PS3.16), scheme DCM. */
export interface DeidentificationCode {
  readonly value: string;
  readonly meaning: string;
}

/** The CID 7050 codes this engine can claim, by the option they stand for. */
export const CID_7050 = {
  basicProfile: { value: '113100', meaning: 'Basic Application Confidentiality Profile' },
  cleanPixelData: { value: '113101', meaning: 'Clean Pixel Data Option' },
  cleanStructuredContent: { value: '113104', meaning: 'Clean Structured Content Option' },
  cleanDescriptors: { value: '113105', meaning: 'Clean Descriptors Option' },
  retainModifiedDates: { value: '113107', meaning: 'Retain Longitudinal Temporal Information Modified Dates Option' },
  retainPatientCharacteristics: { value: '113108', meaning: 'Retain Patient Characteristics Option' },
} as const satisfies Record<string, DeidentificationCode>;

/** Which options a de-identification applied, for its markers. */
export interface AppliedOptions {
  readonly modifiedDates: boolean;
  readonly retainPatientCharacteristics: boolean;
  readonly cleanDescriptors: boolean;
  readonly cleanStructuredContent: boolean;
  readonly pixelsCleaned: boolean;
}

/** The CID 7050 codes for the options applied, Basic Profile first. */
export function methodCodes(o: AppliedOptions): DeidentificationCode[] {
  const codes: DeidentificationCode[] = [CID_7050.basicProfile];
  if (o.pixelsCleaned) codes.push(CID_7050.cleanPixelData);
  if (o.modifiedDates) codes.push(CID_7050.retainModifiedDates);
  if (o.retainPatientCharacteristics) codes.push(CID_7050.retainPatientCharacteristics);
  if (o.cleanDescriptors) codes.push(CID_7050.cleanDescriptors);
  if (o.cleanStructuredContent) codes.push(CID_7050.cleanStructuredContent);
  return codes;
}

/**
 * The attributes that say a dataset was de-identified (PS3.15 E.1.1, PS3.3 C.7.1.1):
 * Patient Identity Removed YES, De-identification Method (text, each value within LO's 64
 * characters), its Code Sequence, and Longitudinal Temporal Information Modified (MODIFIED
 * when dates were shifted, REMOVED when the Basic Profile dropped them).
 */
export function deidentificationMarkers(o: AppliedOptions): NaturalDataset {
  const codes = methodCodes(o);
  return {
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: ['PercuPlan PS3.15 E.1 Basic Profile', ...codes.slice(1).map((c) => c.meaning.slice(0, 64))],
    DeidentificationMethodCodeSequence: codes.map((c) => ({ CodeValue: c.value, CodingSchemeDesignator: 'DCM', CodeMeaning: c.meaning })),
    LongitudinalTemporalInformationModified: o.modifiedDates ? 'MODIFIED' : 'REMOVED',
  };
}
