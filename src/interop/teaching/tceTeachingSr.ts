import type { TeachingFields } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { code, type CodedConcept } from '../codedConcept';
import { encodePart10, type NaturalDataset } from '../part10';
import { patientStudyOf } from '../patientStudy';
import { uidFromSeed } from '../planUids';
import { codeItem, textItem, type ContentItem } from '../sr/contentItem';
import { copiedPatientStudy } from '../sr/srDocumentHeader';
import { longString, specificCharacterSet } from '../sr/srText';
import type { TceObject } from './tceManifest';

/** Basic Text SR Storage: text and codes only, which is all the teaching fields are. */
export const BASIC_TEXT_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.11';
/** SeriesNumber of the companion SR's series (the manifest's is 9005). */
export const TCE_SR_SERIES_NUMBER = 9006;

const IHE = (value: string, meaning: string): CodedConcept => code(value, 'IHERADTF', meaning);
/** The IHE TCE concepts of the teaching fields (IHE RAD TF TCE, "Additional Teaching File Information"). */
export const TCE_CODES = {
  title: IHE('TCE006', 'Additional Teaching File Information'),
  abstract: IHE('TCE104', 'Abstract'),
  keywords: IHE('TCE105', 'Keywords'),
  findings: code('121071', 'DCM', 'Finding'),
  discussion: IHE('TCE106', 'Discussion'),
  diagnosis: IHE('TCE107', 'Diagnosis'),
  category: IHE('TCE109', 'Category'),
  level: IHE('TCE110', 'Level'),
  musculoskeletal: IHE('TCE301', 'Musculoskeletal'),
  interventional: IHE('TCE307', 'Vascular and Interventional'),
} as const;
const LEVELS: Readonly<Record<TeachingFields['level'], CodedConcept>> = {
  primary: IHE('TCE201', 'Primary'),
  intermediate: IHE('TCE202', 'Intermediate'),
  advanced: IHE('TCE203', 'Advanced'),
};

/** What the companion SR is written from. */
export interface TceSrInput {
  /** A de-identified file of the study the SR joins (Patient and Study modules copied). */
  readonly studyFile: NaturalDataset;
  readonly fields: TeachingFields;
  readonly softwareVersion: string;
}

const da = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{8}$/.test(v.trim()) ? v.trim() : undefined);
const tm = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{2,6}(\.\d{1,6})?$/.test(v.trim()) ? v.trim() : undefined);

/** The content items: only fields with text; the key learning points close the discussion. */
function items(f: TeachingFields): ContentItem[] {
  const text = (concept: CodedConcept, value: string): ContentItem[] => (value.trim() ? [textItem('CONTAINS', concept, value.trim())] : []);
  const points = f.learningPoints.length ? `Key learning points:\r\n${f.learningPoints.map((p) => `- ${p}`).join('\r\n')}` : '';
  return [
    ...text(TCE_CODES.diagnosis, f.title),
    ...text(TCE_CODES.abstract, f.presentation),
    ...f.tags.flatMap((t) => text(TCE_CODES.keywords, t)),
    ...text(TCE_CODES.findings, f.findings),
    ...text(TCE_CODES.discussion, [f.discussion.trim(), points].filter(Boolean).join('\r\n\r\n')),
    // Percutaneous treatment of bone metastases: musculoskeletal disease, interventional procedure.
    codeItem('CONTAINS', TCE_CODES.category, TCE_CODES.musculoskeletal),
    codeItem('CONTAINS', TCE_CODES.category, TCE_CODES.interventional),
    codeItem('CONTAINS', TCE_CODES.level, LEVELS[f.level]),
  ];
}

/**
 * The IHE TCE companion SR "Additional Teaching File Information" (TCE006): the teaching fields
 * as TEXT and CODE items (diagnosis = title, abstract = presentation, keywords = tags, finding,
 * discussion with the learning points, category TCE301 and TCE307, level TCE201–203), a Basic
 * Text SR in the manifest's study, in a series of its own, with the same de-identified Patient
 * and Study modules and content date as the manifest. No author is written: a name of the staff
 * is not for a teaching file. UIDs from the content, so a resend of unchanged fields is the same
 * instance.
 */
export async function writeTceTeachingSr(input: TceSrInput): Promise<Result<TceObject>> {
  const study = input.studyFile.StudyInstanceUID;
  if (typeof study !== 'string' || !study) return err('studyFile has no Study Instance UID');
  const [series, instance] = await Promise.all([uidFromSeed(`tce006:${study}:series`), uidFromSeed(`tce006:${study}:${JSON.stringify(input.fields)}`)]);
  const f = input.studyFile;
  const dataset: NaturalDataset = {
    SOPClassUID: BASIC_TEXT_SR_STORAGE,
    SOPInstanceUID: instance,
    ...copiedPatientStudy(patientStudyOf(f)),
    StudyInstanceUID: study,
    Modality: 'SR',
    SeriesInstanceUID: series,
    SeriesNumber: TCE_SR_SERIES_NUMBER,
    SeriesDescription: 'Additional Teaching File Information',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'PercuPlan',
    ManufacturerModelName: 'PercuPlan',
    SoftwareVersions: longString(input.softwareVersion) || 'unknown',
    InstanceNumber: 1,
    ContentDate: da(f.StudyDate) ?? da(f.SeriesDate) ?? '19000101',
    ContentTime: tm(f.StudyTime) ?? tm(f.SeriesTime) ?? '000000',
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ ...TCE_CODES.title }],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: items(input.fields),
  };
  const withCharset: NaturalDataset = { ...specificCharacterSet(dataset), ...dataset };
  return ok({ fileName: `SR_${instance}.dcm`, sopClassUID: BASIC_TEXT_SR_STORAGE, sopInstanceUID: instance, seriesInstanceUID: series, studyInstanceUID: study, bytes: encodePart10(withCharset) });
}
