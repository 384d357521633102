import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import type { InstanceHeader } from './instanceHeader';
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

/**
 * Parses a Part 10 file's bytes and returns its header. `headerOnly` stops parsing at the
 * pixel data so an index can read only the first kilobytes of each file.
 */
export function readInstanceHeader(bytes: Uint8Array, headerOnly = false): InstanceHeader {
  const ds = dicomParser.parseDicom(bytes, headerOnly ? { untilTag: 'x7fe00010' } : undefined);
  return headerFromDataSet(ds);
}
