import type { KeyImagePurpose } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { code, type CodedConcept } from '../codedConcept';
import { dicomUtc } from '../dicomDateTime';
import type { NaturalDataset } from '../part10';
import { encodePart10 } from '../part10';
import { imageItem, textItem } from '../sr/contentItem';
import { copiedPatientStudy } from '../sr/srDocumentHeader';
import { longString, specificCharacterSet } from '../sr/srText';
import { KEY_OBJECT_SELECTION_DOCUMENT_STORAGE, KO_SERIES_NUMBER, type KeyImageObject } from './keyImageExportTypes';

/** CID 7010 document titles of the two purposes. */
export const KOS_TITLES: Readonly<Record<KeyImagePurpose, CodedConcept>> = {
  board: code('128203', 'DCM', 'For Tumor Board'),
  teaching: code('113004', 'DCM', 'For Teaching'),
};
const KEY_OBJECT_DESCRIPTION = code('113012', 'DCM', 'Key Object Description');

/** An instance the KOS lists, with the series it is in. */
export interface KosReference {
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** What a KOS is written from. */
export interface KosInput {
  readonly purpose: KeyImagePurpose;
  /** The CT's Patient, General Study and Patient Study attributes. */
  readonly patientStudy: NaturalDataset;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  /** ISO time of the newest key image listed (ContentDate/Time: the same selection, the same bytes). */
  readonly contentAt: string;
  readonly captions: readonly string[];
  /** The Secondary Captures, then the original images (each once), in the order listed. */
  readonly references: readonly KosReference[];
  readonly softwareVersion: string;
}

/** The Key Object Description text: one caption a line, numbered as the images are. */
const description = (captions: readonly string[]): string => captions.map((c, k) => `${k + 1}. ${c.replace(/[\r\n]+/g, ' ').trim()}`).join('\r\n');

/**
 * A Key Object Selection Document (PS3.3 A.35.4, TID 2010): title DCM 128203 "For Tumor Board"
 * or DCM 113004 "For Teaching", a 113012 "Key Object Description" TEXT with the captions, and one
 * IMAGE item per instance listed (the Secondary Captures and the original slices), all of them
 * also in Current Requested Procedure Evidence by series. In the CT's study (Patient and study
 * modules copied from it), in its own KO series.
 */
export function writeKeyObjectSelection(input: KosInput): Result<KeyImageObject> {
  if (!input.references.length) return err('a Key Object Selection document needs at least one image');
  const when = dicomUtc(input.contentAt);
  if (!when.ok) return err(`contentAt: ${when.error}`);
  const bySeries = new Map<string, KosReference[]>();
  for (const r of input.references) bySeries.set(r.seriesInstanceUID, [...(bySeries.get(r.seriesInstanceUID) ?? []), r]);
  const dataset: NaturalDataset = {
    // SOP Common
    SOPClassUID: KEY_OBJECT_SELECTION_DOCUMENT_STORAGE,
    SOPInstanceUID: input.sopInstanceUID,
    // Patient, General Study, Patient Study: the CT's
    ...copiedPatientStudy(input.patientStudy),
    StudyInstanceUID: input.studyInstanceUID,
    // Key Object Document Series
    Modality: 'KO',
    SeriesInstanceUID: input.seriesInstanceUID,
    SeriesNumber: KO_SERIES_NUMBER,
    SeriesDescription: input.purpose === 'board' ? 'PercuPlan key images (tumour board)' : 'PercuPlan key images (teaching)',
    ReferencedPerformedProcedureStepSequence: [],
    // General Equipment
    Manufacturer: 'PercuPlan',
    ManufacturerModelName: 'PercuPlan',
    SoftwareVersions: longString(input.softwareVersion) || 'unknown',
    // Key Object Document
    InstanceNumber: 1,
    ContentDate: when.value.date,
    ContentTime: when.value.time,
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: input.studyInstanceUID,
        ReferencedSeriesSequence: [...bySeries].map(([series, list]) => ({
          SeriesInstanceUID: series,
          ReferencedSOPSequence: list.map((r) => ({ ReferencedSOPClassUID: r.sopClassUID, ReferencedSOPInstanceUID: r.sopInstanceUID })),
        })),
      },
    ],
    // SR Document Content (TID 2010 Key Object Selection)
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ ...KOS_TITLES[input.purpose] }],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
    ContentSequence: [
      ...(input.captions.length ? [textItem('CONTAINS', KEY_OBJECT_DESCRIPTION, description(input.captions))] : []),
      ...input.references.map((r) => imageItem('CONTAINS', null, r.sopClassUID, r.sopInstanceUID)),
    ],
  };
  const withCharset: NaturalDataset = { ...specificCharacterSet(dataset), ...dataset };
  return ok({
    kind: 'ko',
    fileName: `KO_${input.sopInstanceUID}.dcm`,
    sopClassUID: KEY_OBJECT_SELECTION_DOCUMENT_STORAGE,
    sopInstanceUID: input.sopInstanceUID,
    seriesInstanceUID: input.seriesInstanceUID,
    studyInstanceUID: input.studyInstanceUID,
    bytes: encodePart10(withCharset),
  });
}
