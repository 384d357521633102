import { describe, expect, it } from 'vitest';
import { headerFromDicomJson } from './headerFromDicomJson';
import { jsonNumbers, jsonString, jsonStrings } from './dicomJson';

/** One instance of the CORT series as Orthanc 1.10 / DICOMweb 1.7 returns it ("Full" metadata), trimmed. */
const ORTHANC_CT = {
  '00080008': { Value: ['DERIVED', 'PRIMARY', 'AXIAL'], vr: 'CS' },
  '00080016': { Value: ['1.2.840.10008.5.1.4.1.1.2'], vr: 'UI' },
  '00080018': { Value: ['1.3.6.1.4.1.9590.100.1.2.316423563111805137921855428222063791165'], vr: 'UI' },
  '00080020': { Value: ['20250219'], vr: 'DA' },
  '00080050': { vr: 'SH' },
  '00080060': { Value: ['CT'], vr: 'CS' },
  '00100010': { vr: 'PN' },
  '00100020': { Value: ['matRad_default_patient_20250219'], vr: 'LO' },
  '00180050': { Value: [2.5], vr: 'DS' },
  '00185100': { Value: ['HFS'], vr: 'CS' },
  '0020000D': { Value: ['1.3.6.1.4.1.9590.100.1.2.338277512612948124906399482093883282282'], vr: 'UI' },
  '0020000E': { Value: ['1.3.6.1.4.1.9590.100.1.2.18438027510408799714531206651189127050'], vr: 'UI' },
  '00200011': { Value: [1], vr: 'IS' },
  '00200013': { Value: [1], vr: 'IS' },
  '00200032': { Value: [-325, -354.8, -300.5], vr: 'DS' },
  '00200037': { Value: [1, 0, 0, 0, 1, 0], vr: 'DS' },
  '00200052': { Value: ['1.3.6.1.4.1.9590.100.1.2.417594767225787151222208037111215501079'], vr: 'UI' },
  '00280010': { Value: [217], vr: 'US' },
  '00280011': { Value: [217], vr: 'US' },
  '00280030': { Value: [3, 3], vr: 'DS' },
  '00281053': { Value: [0.04441064140343], vr: 'DS' },
  '7FE00010': { BulkDataURI: 'http://127.0.0.1:8042/dicom-web/studies/1/series/2/instances/3/bulk/7fe00010', vr: 'OW' },
};

describe('headerFromDicomJson', () => {
  it('reads an Orthanc WADO-RS metadata entry', () => {
    const h = headerFromDicomJson(ORTHANC_CT);
    expect(h).toMatchObject({
      sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUID: '1.3.6.1.4.1.9590.100.1.2.316423563111805137921855428222063791165',
      studyInstanceUID: '1.3.6.1.4.1.9590.100.1.2.338277512612948124906399482093883282282',
      seriesInstanceUID: '1.3.6.1.4.1.9590.100.1.2.18438027510408799714531206651189127050',
      transferSyntaxUID: '1.2.840.10008.1.2.1',
      modality: 'CT',
      instanceNumber: 1,
      seriesNumber: 1,
      imagePositionPatient: [-325, -354.8, -300.5],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [3, 3],
      sliceThickness: 2.5,
      rows: 217,
      columns: 217,
      imageType: ['DERIVED', 'PRIMARY', 'AXIAL'],
      hasPixelData: true,
      patientID: 'matRad_default_patient_20250219',
      studyDate: '20250219',
      patientPosition: 'HFS',
    });
    // Present but empty (type 2) attributes read as absent.
    expect(h.patientName).toBeUndefined();
    expect(h.accessionNumber).toBeUndefined();
    expect(h.surrogateUids).toBeUndefined();
  });

  it('takes the Alphabetic group of a person name, else Ideographic', () => {
    expect(headerFromDicomJson({ '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE', Ideographic: '山田^太郎' }] } }).patientName).toBe('DOE^JANE');
    expect(headerFromDicomJson({ '00100010': { vr: 'PN', Value: [{ Ideographic: '山田^太郎' }] } }).patientName).toBe('山田^太郎');
    expect(headerFromDicomJson({ '00100010': { vr: 'PN', Value: [{}] } }).patientName).toBeUndefined();
  });

  it('parses DS and IS written as strings, whole or backslash-joined', () => {
    const h = headerFromDicomJson({
      '00200032': { vr: 'DS', Value: ['-125.5', ' 0 ', '7e1'] },
      '00200037': { vr: 'DS', Value: ['1\\0\\0\\0\\1\\0'] },
      '00280030': { vr: 'DS', Value: ['0.5', '0.75'] },
      '00200013': { vr: 'IS', Value: ['12'] },
      '00280008': { vr: 'IS', Value: ['40'] },
    });
    expect(h.imagePositionPatient).toEqual([-125.5, 0, 70]);
    expect(h.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(h.pixelSpacing).toEqual([0.5, 0.75]);
    expect(h.instanceNumber).toBe(12);
    expect(h.numberOfFrames).toBe(40);
  });

  it('drops vectors with the wrong count or a value that is not a number', () => {
    const h = headerFromDicomJson({
      '00200032': { vr: 'DS', Value: [1, 2] },
      '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 'x'] },
      '00280030': { vr: 'DS', Value: [0.5, null] },
    });
    expect(h.imagePositionPatient).toBeUndefined();
    expect(h.imageOrientationPatient).toBeUndefined();
    // A null entry is an empty value, leaving one number where two are needed.
    expect(h.pixelSpacing).toBeUndefined();
  });

  it('treats missing, empty and null values as absent', () => {
    const h = headerFromDicomJson({
      '0020000D': { vr: 'UI', Value: ['1.2.3'] },
      '0020000E': { vr: 'UI', Value: ['1.2.3.4'] },
      '00080060': { vr: 'CS', Value: [] },
      '0008103E': { vr: 'LO', Value: [''] },
      '00081030': { vr: 'LO', Value: [null] },
      '00200013': { vr: 'IS' },
    });
    expect(h.modality).toBeUndefined();
    expect(h.seriesDescription).toBeUndefined();
    expect(h.studyDescription).toBeUndefined();
    expect(h.instanceNumber).toBeUndefined();
    expect(h.hasPixelData).toBe(false);
    expect(h.sopInstanceUID).toBe('');
  });

  it('reads US and SS values, lower-case tags, and float or inline pixel data', () => {
    const h = headerFromDicomJson({
      '00280010': { vr: 'US', Value: [512] },
      '00280011': { vr: 'US', Value: [256] },
      '7fe00008': { vr: 'OF', InlineBinary: 'AAAAAA==' },
    });
    expect(h.rows).toBe(512);
    expect(h.columns).toBe(256);
    expect(h.hasPixelData).toBe(true);
    expect(jsonNumbers({ '00281052': { vr: 'SS', Value: [-1024] } }, '00281052')).toEqual([-1024]);
  });

  it('gives empty study and series UIDs stable stand-ins, as the Part 10 reader does', () => {
    const json = { '00100020': { vr: 'LO', Value: ['P1'] }, '00200011': { vr: 'IS', Value: [3] } };
    const a = headerFromDicomJson(json);
    const b = headerFromDicomJson(json);
    expect(a.studyInstanceUID).toMatch(/^2\.25\.\d+$/);
    expect(a.seriesInstanceUID).toMatch(/^2\.25\.\d+$/);
    expect(a.studyInstanceUID).toBe(b.studyInstanceUID);
    expect(a.surrogateUids).toEqual(['StudyInstanceUID', 'SeriesInstanceUID']);
  });

  it('keeps every value of multi-valued text and prints numbers as text', () => {
    const ds = { '00080008': { vr: 'CS', Value: ['ORIGINAL', '', 'AXIAL'] }, '00200011': { vr: 'IS', Value: [4] } };
    expect(jsonStrings(ds, '00080008')).toEqual(['ORIGINAL', 'AXIAL']);
    expect(jsonString(ds, '00200011')).toBe('4');
  });
});
