import { jsonNumber, jsonString, jsonStrings, type DicomJsonDataset } from '../../dicom/dicomJson';
import type { SeriesListing, StudyListing } from '../../dicom/studyListing';

/**
 * Modalities whose series hold no images to draw (reports, segmentations, RT objects, key
 * objects, presentation states). QIDO-RS series results carry no SOP Class, so the series'
 * Modality is what tells them apart before its metadata is read.
 */
const NON_IMAGE_MODALITIES = new Set(['SR', 'SEG', 'RTSTRUCT', 'RTPLAN', 'RTDOSE', 'RTRECORD', 'PR', 'KO', 'DOC', 'REG', 'FID', 'RWV', 'PLAN']);

const isRecord = (v: unknown): v is DicomJsonDataset => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The datasets of a QIDO-RS answer; throws naming `what` when it is not an array of objects. */
export function qidoDatasets(json: unknown, what: string): DicomJsonDataset[] {
  if (!Array.isArray(json) || !json.every(isRecord)) throw new Error(`${what} is not a DICOM JSON array`);
  return json;
}

const cmpNum = (a: number | undefined, b: number | undefined): number =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY) || 0;
const cmpStr = (a: string | undefined, b: string | undefined): number =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;

/** One QIDO-RS series result as the series browser lists it; undefined without a UID. */
export function seriesListingFromQido(ds: DicomJsonDataset): SeriesListing | undefined {
  const uid = jsonString(ds, '0020000E');
  if (!uid) return undefined;
  const modality = jsonString(ds, '00080060');
  const count = jsonNumber(ds, '00201209') ?? 0;
  return {
    seriesInstanceUID: uid,
    seriesNumber: jsonNumber(ds, '00200011'),
    seriesDescription: jsonString(ds, '0008103E'),
    modality,
    frameOfReferenceUID: jsonString(ds, '00200052'),
    instanceCount: count,
    imageCount: modality && NON_IMAGE_MODALITIES.has(modality) ? 0 : count,
    rows: jsonNumber(ds, '00280010'),
    columns: jsonNumber(ds, '00280011'),
  };
}

/**
 * One QIDO-RS study result as the worklist lists it (source 'dicomweb'). With the study's
 * series results, the series are listed (in SeriesNumber, description, UID order, as for the
 * embedded source) and the image count is theirs; without them, the series list is empty and
 * the count is NumberOfStudyRelatedInstances. Undefined without a StudyInstanceUID.
 */
export function studyListingFromQido(ds: DicomJsonDataset, seriesResults?: readonly DicomJsonDataset[]): StudyListing | undefined {
  const uid = jsonString(ds, '0020000D');
  if (!uid) return undefined;
  const series = (seriesResults ?? [])
    .map(seriesListingFromQido)
    .filter((s): s is SeriesListing => s !== undefined)
    .sort(
      (a, b) =>
        cmpNum(a.seriesNumber, b.seriesNumber) ||
        cmpStr(a.seriesDescription, b.seriesDescription) ||
        cmpStr(a.seriesInstanceUID, b.seriesInstanceUID),
    );
  const fromSeries = [...new Set(series.map((s) => s.modality).filter((m): m is string => !!m))];
  const modalities = jsonStrings(ds, '00080061') ?? fromSeries;
  return {
    studyInstanceUID: uid,
    source: 'dicomweb',
    patientName: jsonString(ds, '00100010'),
    patientID: jsonString(ds, '00100020'),
    patientSex: jsonString(ds, '00100040'),
    patientAge: jsonString(ds, '00101010'),
    patientBirthDate: jsonString(ds, '00100030'),
    studyDate: jsonString(ds, '00080020'),
    studyTime: jsonString(ds, '00080030'),
    studyDescription: jsonString(ds, '00081030'),
    accessionNumber: jsonString(ds, '00080050'),
    modalities: [...modalities].sort(),
    series,
    imageCount: seriesResults ? series.reduce((n, s) => n + s.imageCount, 0) : (jsonNumber(ds, '00201208') ?? 0),
  };
}
