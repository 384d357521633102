import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import type { DicomJsonAttribute, ImageAttributes, InstanceHeader } from './instanceHeader';
import { lps } from '../shared/vec3';
import { surrogateUid } from './surrogateUid';

const str = (ds: DataSet, tag: string): string | undefined => {
  const v = ds.string(tag);
  return v === undefined || v === '' ? undefined : v;
};

const nums = (ds: DataSet, tag: string): number[] | undefined => {
  const v = ds.string(tag);
  if (v === undefined || v.trim() === '') return undefined;
  const parts = v.split('\\').map((p) => Number(p));
  return parts.every((n) => Number.isFinite(n)) ? parts : undefined;
};

const int = (ds: DataSet, tag: string): number | undefined => {
  const n = nums(ds, tag);
  return n?.[0];
};

const us = (ds: DataSet, tag: string): number | undefined =>
  ds.elements[tag] ? ds.uint16(tag) : undefined;

/**
 * Extracts the {@link InstanceHeader} of a parsed dataset. An empty Study or Series Instance
 * UID gets a stable stand-in (named in `surrogateUids`) so de-identified files still group.
 */
export function headerFromDataSet(ds: DataSet): InstanceHeader {
  const surrogates: string[] = [];
  let study = str(ds, 'x0020000d');
  let series = str(ds, 'x0020000e');
  if (!study) {
    study = surrogateUid(['study', str(ds, 'x00100020'), str(ds, 'x00100010'), str(ds, 'x00080020'), str(ds, 'x00080030'), str(ds, 'x00080050'), str(ds, 'x00200010')]);
    surrogates.push('StudyInstanceUID');
  }
  if (!series) {
    series = surrogateUid(['series', study, str(ds, 'x00200011'), str(ds, 'x0008103e'), str(ds, 'x00080060'), str(ds, 'x00200052'), str(ds, 'x00080021'), str(ds, 'x00080031')]);
    surrogates.push('SeriesInstanceUID');
  }
  const ipp = nums(ds, 'x00200032');
  const iop = nums(ds, 'x00200037');
  const ps = nums(ds, 'x00280030');
  const h: InstanceHeader = {
    sopClassUID: str(ds, 'x00080016') ?? str(ds, 'x00020002') ?? '',
    // Some exports leave SOPInstanceUID empty; fall back to the meta header's copy.
    sopInstanceUID: str(ds, 'x00080018') ?? str(ds, 'x00020003') ?? '',
    studyInstanceUID: study,
    seriesInstanceUID: series,
    transferSyntaxUID: str(ds, 'x00020010') ?? '1.2.840.10008.1.2',
    frameOfReferenceUID: str(ds, 'x00200052'),
    modality: str(ds, 'x00080060'),
    instanceNumber: int(ds, 'x00200013'),
    seriesNumber: int(ds, 'x00200011'),
    imagePositionPatient: ipp && ipp.length === 3 ? lps(ipp[0]!, ipp[1]!, ipp[2]!) : undefined,
    imageOrientationPatient:
      iop && iop.length === 6
        ? (iop as unknown as readonly [number, number, number, number, number, number])
        : undefined,
    pixelSpacing: ps && ps.length === 2 ? (ps as unknown as readonly [number, number]) : undefined,
    sliceThickness: int(ds, 'x00180050'),
    rows: us(ds, 'x00280010'),
    columns: us(ds, 'x00280011'),
    numberOfFrames: int(ds, 'x00280008'),
    bitsAllocated: us(ds, 'x00280100'),
    samplesPerPixel: us(ds, 'x00280002'),
    rescaleSlope: nums(ds, 'x00281053')?.[0],
    rescaleIntercept: nums(ds, 'x00281052')?.[0],
    imageType: str(ds, 'x00080008')?.split('\\'),
    hasPixelData: ds.elements['x7fe00010'] !== undefined,
    patientName: str(ds, 'x00100010'),
    patientID: str(ds, 'x00100020'),
    patientSex: str(ds, 'x00100040'),
    patientAge: str(ds, 'x00101010'),
    patientBirthDate: str(ds, 'x00100030'),
    studyDate: str(ds, 'x00080020'),
    studyTime: str(ds, 'x00080030'),
    studyDescription: str(ds, 'x00081030'),
    seriesDescription: str(ds, 'x0008103e'),
    accessionNumber: str(ds, 'x00080050'),
    bodyPartExamined: str(ds, 'x00180015'),
    patientPosition: str(ds, 'x00185100'),
  };
  if (surrogates.length > 0) h.surrogateUids = surrogates;
  return h;
}

/** The attributes a viewer reads of an image, by tag and VR (VR given: implicit VR files carry none). */
const IMAGE_TAGS: readonly (readonly [string, string])[] = (
  'UI 00020010 00080016 00080018 0020000D 0020000E 00200052|CS 00080008 00080060 00280004 00185100 00180015 00281056 00100040 00282110 00282114|' +
  'LO 0008103E 00081030 00100020 00281054 00281055 00080070|DA 00080020 00080021 00080022 00080023 00100030|TM 00080030 00080031 00080032 00080033|' +
  'IS 00200011 00200013 00280008 00200012|DS 00200032 00200037 00280030 00180050 00180088 00201041 00281050 00281051 00281052 00281053 00181164 00282112|' +
  'US 00280002 00280006 00280010 00280011 00280100 00280101 00280102 00280103|PN 00100010 00080090|AS 00101010|SH 00080050 00200010'
)
  .split('|')
  .flatMap((group) => {
    const [vr, ...tags] = group.split(' ');
    return tags.map((t) => [t, vr as string] as const);
  });
/** Their VR follows Pixel Representation (US unsigned, SS signed). */
const PIXEL_VALUE_TAGS = ['00280106', '00280107', '00280120', '00280121'];

function jsonValue(ds: DataSet, tag: string, vr: string): DicomJsonAttribute['Value'] {
  const key = `x${tag.toLowerCase()}`;
  const el = ds.elements[key];
  if (!el || el.length === 0) return undefined;
  if (vr === 'US' || vr === 'SS') {
    const n = Math.floor(el.length / 2);
    return Array.from({ length: n }, (_, i) => (vr === 'US' ? ds.uint16(key, i) : ds.int16(key, i)) ?? 0);
  }
  const text = ds.string(key);
  if (text === undefined || text === '') return undefined;
  const parts = text.split('\\').map((p) => p.trim());
  if (vr === 'PN') return parts.map((p) => ({ Alphabetic: p }));
  if (vr === 'DS' || vr === 'IS') {
    const values = parts.map(Number);
    return values.every(Number.isFinite) ? values : undefined;
  }
  return parts;
}

/**
 * The {@link ImageAttributes} of a parsed dataset: the image's attributes as DICOM JSON and,
 * unless the parse read other bytes than the file's (`fileOffset` undefined: an inflated data
 * set), where its Pixel Data lies in the file. `fileOffset` is what to add to a position in the
 * parsed bytes to get the file's (negative when a preamble was put in front to parse it).
 */
export function imageAttributesOf(ds: DataSet, transferSyntaxUID: string, fileOffset: number | undefined): ImageAttributes {
  const json: Record<string, DicomJsonAttribute> = {};
  const signed = ds.elements['x00280103'] !== undefined && ds.uint16('x00280103') === 1;
  const tags = [...IMAGE_TAGS, ...PIXEL_VALUE_TAGS.map((t) => [t, signed ? 'SS' : 'US'] as const)];
  for (const [tag, vr] of tags) {
    const Value = tag === '00020010' ? [transferSyntaxUID] : jsonValue(ds, tag, vr);
    if (Value !== undefined) json[tag] = { vr, Value };
  }
  const el = ds.elements['x7fe00010'];
  if (!el || fileOffset === undefined) return { json };
  if (el.encapsulatedPixelData) {
    const fragments = (el.fragments ?? []).map((f) => ({ offset: f.position + fileOffset, length: f.length }));
    return { json, pixelData: { encapsulated: true, offset: el.dataOffset + fileOffset, length: el.length, fragments } };
  }
  return { json, pixelData: { encapsulated: false, offset: el.dataOffset + fileOffset, length: el.length } };
}

/**
 * Parses a Part 10 file's bytes and returns its header. `headerOnly` stops parsing at the
 * pixel data so an index can read only the first kilobytes of each file.
 */
export function readInstanceHeader(bytes: Uint8Array, headerOnly = false): InstanceHeader {
  const ds = dicomParser.parseDicom(bytes, headerOnly ? { untilTag: 'x7fe00010' } : undefined);
  return headerFromDataSet(ds);
}
