import type { InstanceHeader } from './instanceHeader';
import type { Vec3 } from '../shared/vec3';
import { hasJsonAttribute, jsonNumber, jsonNumbers, jsonString, jsonStrings, type DicomJsonDataset } from './dicomJson';
import { surrogateUid } from './surrogateUid';

/**
 * The syntax assumed when the metadata names none: WADO-RS metadata describes the dataset,
 * not a file, and frames are served in explicit VR little endian unless asked otherwise.
 */
const DICOMWEB_DEFAULT_SYNTAX = '1.2.840.10008.1.2.1';

const PIXEL_DATA_TAGS = ['7FE00010', '7FE00008', '7FE00009'] as const;

const fixed = <N extends number>(values: number[] | undefined, n: N): number[] | undefined =>
  values && values.length === n ? values : undefined;

/**
 * Extracts the {@link InstanceHeader} of one instance's DICOM JSON (a QIDO-RS instance result
 * or one entry of WADO-RS metadata): person names by their Alphabetic group, DS/IS/US/SS as
 * numbers whether the server wrote them as numbers or strings, empty attributes as absent.
 * Like the Part 10 reader, an empty Study or Series Instance UID gets a stable stand-in named
 * in `surrogateUids`.
 */
export function headerFromDicomJson(json: DicomJsonDataset): InstanceHeader {
  const s = (tag: string): string | undefined => jsonString(json, tag);
  const surrogates: string[] = [];
  let study = s('0020000D');
  let series = s('0020000E');
  if (!study) {
    study = surrogateUid(['study', s('00100020'), s('00100010'), s('00080020'), s('00080030'), s('00080050'), s('00200010')]);
    surrogates.push('StudyInstanceUID');
  }
  if (!series) {
    series = surrogateUid(['series', study, jsonNumber(json, '00200011'), s('0008103E'), s('00080060'), s('00200052'), s('00080021'), s('00080031')]);
    surrogates.push('SeriesInstanceUID');
  }
  const ipp = fixed(jsonNumbers(json, '00200032'), 3);
  const iop = fixed(jsonNumbers(json, '00200037'), 6);
  const ps = fixed(jsonNumbers(json, '00280030'), 2);
  const h: InstanceHeader = {
    sopClassUID: s('00080016') ?? s('00020002') ?? '',
    sopInstanceUID: s('00080018') ?? s('00020003') ?? '',
    studyInstanceUID: study,
    seriesInstanceUID: series,
    transferSyntaxUID: s('00020010') ?? s('00083002') ?? DICOMWEB_DEFAULT_SYNTAX,
    frameOfReferenceUID: s('00200052'),
    modality: s('00080060'),
    instanceNumber: jsonNumber(json, '00200013'),
    seriesNumber: jsonNumber(json, '00200011'),
    imagePositionPatient: ipp as Vec3 | undefined,
    imageOrientationPatient: iop as readonly [number, number, number, number, number, number] | undefined,
    pixelSpacing: ps as readonly [number, number] | undefined,
    sliceThickness: jsonNumber(json, '00180050'),
    rows: jsonNumber(json, '00280010'),
    columns: jsonNumber(json, '00280011'),
    numberOfFrames: jsonNumber(json, '00280008'),
    bitsAllocated: jsonNumber(json, '00280100'),
    samplesPerPixel: jsonNumber(json, '00280002'),
    rescaleSlope: jsonNumber(json, '00281053'),
    rescaleIntercept: jsonNumber(json, '00281052'),
    imageType: jsonStrings(json, '00080008'),
    // Some PACS leave encapsulated PixelData out of the metadata; an image pixel module
    // (Rows and Columns) still says the instance has pixels to fetch frame by frame.
    hasPixelData: PIXEL_DATA_TAGS.some((t) => hasJsonAttribute(json, t)) || (jsonNumber(json, '00280010') ?? 0) * (jsonNumber(json, '00280011') ?? 0) > 0,
    patientName: s('00100010'),
    patientID: s('00100020'),
    patientSex: s('00100040'),
    patientAge: s('00101010'),
    patientBirthDate: s('00100030'),
    studyDate: s('00080020'),
    studyTime: s('00080030'),
    studyDescription: s('00081030'),
    seriesDescription: s('0008103E'),
    accessionNumber: s('00080050'),
    bodyPartExamined: s('00180015'),
    patientPosition: s('00185100'),
  };
  if (surrogates.length > 0) h.surrogateUids = surrogates;
  return h;
}
