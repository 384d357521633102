import { err, ok, type Result } from '../../shared/result';
import { code, type CodedConcept } from '../codedConcept';
import { KEY_OBJECT_SELECTION_DOCUMENT_STORAGE, type KeyImageObject } from '../keyImages/keyImageExportTypes';
import { encodePart10, type NaturalDataset } from '../part10';
import { patientStudyOf } from '../patientStudy';
import { uidFromSeed } from '../planUids';
import type { ContentItem } from '../sr/contentItem';
import { imageItem, textItem } from '../sr/contentItem';
import { copiedPatientStudy } from '../sr/srDocumentHeader';
import { longString, specificCharacterSet } from '../sr/srText';

/** IHE RAD TF TCE "For Teaching File Export" (the manifest's document title, IHE RAD TF-3 4.59). */
export const TCE_FOR_TEACHING_FILE_EXPORT: CodedConcept = code('TCE001', 'IHERADTF', 'For Teaching File Export');
const KEY_OBJECT_DESCRIPTION = code('113012', 'DCM', 'Key Object Description');

/** SeriesNumber of the manifest's own series (the key image KO series is 9004). */
export const TCE_SERIES_NUMBER = 9005;

/** A written teaching file object (the manifest or its companion SR) as Part 10 bytes with its identity. */
export type TceObject = Omit<KeyImageObject, 'kind'>;

/** One de-identified instance the manifest lists. */
export interface TceInstance {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** What the TCE001 manifest is written from. */
export interface TceManifestInput {
  /**
   * A de-identified file of the study the manifest joins (the first study listed): its Patient
   * and Study modules are copied, so the manifest names the pseudonym, never a patient.
   */
  readonly studyFile: NaturalDataset;
  /** Every instance of the teaching case, in study, series and instance order. */
  readonly instances: readonly TceInstance[];
  /** The teaching case's title (its diagnosis), written as the Key Object Description; may be empty. */
  readonly title: string;
  readonly softwareVersion: string;
}

/**
 * SOP classes that are not images (SR, KOS, presentation states, RT structures, registrations,
 * encapsulated documents): TID 2010 references them as COMPOSITE, images (CT, MR, SEG…) as IMAGE.
 */
const NON_IMAGE_PREFIXES = ['1.2.840.10008.5.1.4.1.1.88.', '1.2.840.10008.5.1.4.1.1.11.', '1.2.840.10008.5.1.4.1.1.104.', '1.2.840.10008.5.1.4.1.1.66.1', '1.2.840.10008.5.1.4.1.1.481.3'];
const NON_IMAGE_EXACT = new Set(['1.2.840.10008.5.1.4.1.1.66', '1.2.840.10008.5.1.4.1.1.66.2', '1.2.840.10008.5.1.4.1.1.66.3']);
const isImageClass = (sopClassUID: string): boolean =>
  !NON_IMAGE_EXACT.has(sopClassUID) && !NON_IMAGE_PREFIXES.some((p) => sopClassUID.startsWith(p) && (p.endsWith('.') || sopClassUID === p));

function referenceItem(i: TceInstance): ContentItem {
  if (isImageClass(i.sopClassUID)) return imageItem('CONTAINS', null, i.sopClassUID, i.sopInstanceUID);
  return { RelationshipType: 'CONTAINS', ValueType: 'COMPOSITE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: i.sopClassUID, ReferencedSOPInstanceUID: i.sopInstanceUID }] };
}

/** Instances grouped by study then series, keeping the order given. */
function evidence(instances: readonly TceInstance[]): NaturalDataset[] {
  const studies = new Map<string, Map<string, TceInstance[]>>();
  for (const i of instances) {
    const series = studies.get(i.studyInstanceUID) ?? new Map<string, TceInstance[]>();
    studies.set(i.studyInstanceUID, series);
    series.set(i.seriesInstanceUID, [...(series.get(i.seriesInstanceUID) ?? []), i]);
  }
  return [...studies].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series].map(([seriesUid, list]) => ({
      SeriesInstanceUID: seriesUid,
      ReferencedSOPSequence: list.map((r) => ({ ReferencedSOPClassUID: r.sopClassUID, ReferencedSOPInstanceUID: r.sopInstanceUID })),
    })),
  }));
}

/** A DA and TM value, or undefined when the text is not one (a dummy or empty date). */
const da = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{8}$/.test(v.trim()) ? v.trim() : undefined);
const tm = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{2,6}(\.\d{1,6})?$/.test(v.trim()) ? v.trim() : undefined);

/**
 * The UIDs of a manifest, from what it holds and never from the clock: sending the same teaching
 * case again gives the same manifest (a PACS that keeps its first copy loses nothing), while
 * another set of instances or another title gives a new instance. The series depends on the
 * study only, so every manifest of a study lands in one series.
 */
export async function tceManifestUids(input: Pick<TceManifestInput, 'instances' | 'title'>, studyInstanceUID: string): Promise<{ series: string; instance: string }> {
  const listed = input.instances.map((i) => i.sopInstanceUID).join(',');
  const [series, instance] = await Promise.all([uidFromSeed(`tce001:${studyInstanceUID}:series`), uidFromSeed(`tce001:${studyInstanceUID}:${input.title}:${listed}`)]);
  return { series, instance };
}

/**
 * The IHE TCE manifest: a Key Object Selection Document (PS3.3 A.35.4, TID 2010) titled
 * (TCE001, IHERADTF, "For Teaching File Export") listing every instance of a teaching case, in
 * Current Requested Procedure Evidence by study and series and as one IMAGE or COMPOSITE item
 * each, with the title as Key Object Description. It joins the first listed study, in a new
 * series of its own; its Patient and Study modules are the de-identified file's (with its
 * de-identification markers), and its content date is that study's (shifted) date rather than
 * today's, which together with the shifted dates would tell the shift.
 */
export async function writeTceManifest(input: TceManifestInput): Promise<Result<TceObject>> {
  if (!input.instances.length) return err('a teaching file manifest needs at least one instance');
  const studyInstanceUID = input.instances[0]!.studyInstanceUID;
  if (input.studyFile.StudyInstanceUID !== studyInstanceUID) return err(`studyFile is not of study ${studyInstanceUID}, the first one listed`);
  const uids = await tceManifestUids(input, studyInstanceUID);
  const f = input.studyFile;
  const contentDate = da(f.StudyDate) ?? da(f.SeriesDate) ?? da(f.ContentDate) ?? '19000101';
  const contentTime = tm(f.StudyTime) ?? tm(f.SeriesTime) ?? tm(f.ContentTime) ?? '000000';
  const title = longString(input.title);
  const dataset: NaturalDataset = {
    SOPClassUID: KEY_OBJECT_SELECTION_DOCUMENT_STORAGE,
    SOPInstanceUID: uids.instance,
    ...copiedPatientStudy(patientStudyOf(input.studyFile)),
    StudyInstanceUID: studyInstanceUID,
    Modality: 'KO',
    SeriesInstanceUID: uids.series,
    SeriesNumber: TCE_SERIES_NUMBER,
    SeriesDescription: 'For Teaching File Export',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'PercuPlan',
    ManufacturerModelName: 'PercuPlan',
    SoftwareVersions: longString(input.softwareVersion) || 'unknown',
    InstanceNumber: 1,
    ContentDate: contentDate,
    ContentTime: contentTime,
    CurrentRequestedProcedureEvidenceSequence: evidence(input.instances),
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ ...TCE_FOR_TEACHING_FILE_EXPORT }],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
    ContentSequence: [...(title ? [textItem('CONTAINS', KEY_OBJECT_DESCRIPTION, title)] : []), ...input.instances.map(referenceItem)],
  };
  const withCharset: NaturalDataset = { ...specificCharacterSet(dataset), ...dataset };
  return ok({
    fileName: `KO_${uids.instance}.dcm`,
    sopClassUID: KEY_OBJECT_SELECTION_DOCUMENT_STORAGE,
    sopInstanceUID: uids.instance,
    seriesInstanceUID: uids.series,
    studyInstanceUID,
    bytes: encodePart10(withCharset),
  });
}
