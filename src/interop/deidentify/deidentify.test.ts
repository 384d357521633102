import { describe, expect, it } from 'vitest';
import { decodePart10, encodePart10, type NaturalDataset } from '../part10';
import { deidentify, type Deidentified, type DeidentifyOptions } from './deidentify';
import { bytesContain, FIXTURE_UIDS, PLANTED, plantedCtBytes, plantedCtRead } from './plantedFixture';
import { uidMapperFor } from './uidMap';

const OPTIONS: DeidentifyOptions = {
  fileName: 'planted.dcm',
  uidMap: uidMapperFor('teaching-case-salt-1'),
  dateShiftDays: 10,
  pseudonym: { name: 'TEACHING^CASE7', id: 'TC-0007' },
};

function run(ds: NaturalDataset, extra: Partial<DeidentifyOptions> = {}): Deidentified {
  const r = deidentify(ds, { ...OPTIONS, ...extra });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const item0 = (v: unknown): NaturalDataset => (v as NaturalDataset[])[0]!;
const SEG_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

describe('deidentify: planted identifying values', () => {
  it('every planted value is in the original bytes and none is in the de-identified bytes', () => {
    const original = plantedCtBytes(1);
    // The search finds what is there: each planted value was really written.
    for (const v of Object.values(PLANTED)) expect(bytesContain(original, v), v).toBe(true);
    const out = encodePart10(run(plantedCtRead(1)).dataset);
    for (const v of Object.values(PLANTED)) expect(bytesContain(out, v), v).toBe(false);
    for (const stem of ['Planted', 'PLANTED', 'planted']) expect(bytesContain(out, stem), stem).toBe(false);
    // Every date of the fixture is in 2024-02/03 or 1951: none of them may survive unshifted.
    for (const d of ['20240229', '20240301', '19510317']) expect(bytesContain(out, d), d).toBe(false);
    // The original instance UIDs are gone too.
    for (const uid of [FIXTURE_UIDS.study, FIXTURE_UIDS.series, FIXTURE_UIDS.frame, FIXTURE_UIDS.instance(1), FIXTURE_UIDS.instance(2)]) {
      expect(bytesContain(out, uid), uid).toBe(false);
    }
  });

  it('sets the markers, the pseudonym and the CID 7050 codes', () => {
    const back = decodePart10(encodePart10(run(plantedCtRead(1)).dataset), 'out.dcm');
    if (!back.ok) throw new Error(back.error);
    const ds = back.value.dataset;
    expect(ds.PatientIdentityRemoved).toBe('YES');
    expect(ds.LongitudinalTemporalInformationModified).toBe('MODIFIED');
    expect(ds.PatientID).toBe('TC-0007');
    expect(item0(ds.PatientName).Alphabetic).toBe('TEACHING^CASE7');
    const codes = (ds.DeidentificationMethodCodeSequence as NaturalDataset[]).map((c) => `${c.CodingSchemeDesignator}:${c.CodeValue}`);
    expect(codes.sort()).toEqual(['DCM:113100', 'DCM:113104', 'DCM:113105', 'DCM:113107', 'DCM:113108']);
    const meaning = (ds.DeidentificationMethodCodeSequence as NaturalDataset[]).find((c) => c.CodeValue === '113107')?.CodeMeaning;
    expect(meaning).toBe('Retain Longitudinal Temporal Information Modified Dates Option');
    expect(ds.DeidentificationMethod).toBeTruthy();
  });

  it('shifts every date by exactly N days, keeps times, shifts DT with its date', () => {
    const { dataset: ds } = run(plantedCtRead(1));
    // By hand: 2024 is a leap year, 29 Feb + 10 days = 10 Mar; 1 Mar + 10 = 11 Mar.
    expect(ds.StudyDate).toBe('20240310');
    expect(ds.SeriesDate).toBe('20240310');
    expect(ds.ContentDate).toBe('20240311');
    expect(ds.AcquisitionDateTime).toBe('20240310101112.5');
    expect(ds.StudyTime).toBe('101112');
    expect(ds.ContentTime).toBe('235959');
    const deep = item0(item0(item0(ds.ReferencedSeriesSequence).ReferencedInstanceSequence).ReferencedImageSequence);
    expect(deep.InstanceCreationDate).toBe('20240310');
    // Birth date is not a longitudinal date: the Basic Profile empties it.
    expect(ds.PatientBirthDate).toBe('');
  });

  it('keeps patient characteristics and the pixels; removes private attributes at every depth', () => {
    const src = plantedCtRead(1);
    const { dataset: ds, changes } = run(src);
    expect([ds.PatientSex, ds.PatientAge, ds.PatientSize, ds.PatientWeight]).toEqual(['F', '072Y', 1.62, 58]);
    expect(ds.PixelData).toEqual(src.PixelData);
    expect(Object.keys(ds).filter((k) => /^[0-9A-F]{8}$/i.test(k))).toEqual([]);
    const privates = changes.filter((c) => c.reason === 'private attribute').map((c) => c.path).sort();
    expect(privates).toEqual(['00090010', '00091001', 'ReferencedSeriesSequence[0].00110010', 'ReferencedSeriesSequence[0].00111001']);
    const deepName = changes.find((c) => c.path === 'ReferencedSeriesSequence[0].ReferencedInstanceSequence[0].ReferencedImageSequence[0].OperatorsName');
    expect(deepName).toMatchObject({ tag: '(0008,1070)', action: 'D', before: PLANTED.deepName, after: 'ANONYMIZED' });
    expect(changes.find((c) => c.path === 'AccessionNumber')).toMatchObject({ action: 'Z', before: PLANTED.accession, after: '' });
    expect(changes.find((c) => c.path === 'StudyDescription')).toMatchObject({ action: 'X', after: null });
    expect(changes.find((c) => c.path === 'ReferencedSeriesSequence[0].SeriesInstanceUID')).toMatchObject({
      tag: '(0020,000E)',
      action: 'U',
      before: FIXTURE_UIDS.series,
      after: ds.SeriesInstanceUID,
    });
    expect(changes.find((c) => c.path === 'StudyDate')).toMatchObject({ action: 'C', before: '20240229', after: '20240310' });
    // One entry per path: the pseudonym replaces the table's Z in the preview, it is not listed twice.
    const paths = changes.map((c) => c.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(changes.find((c) => c.path === 'PatientName')).toMatchObject({ action: 'D', before: PLANTED.patientName, after: 'TEACHING^CASE7' });
    expect(changes.find((c) => c.path === 'PatientIdentityRemoved')).toMatchObject({ action: 'add', after: 'YES' });
  });
});

describe('deidentify: UIDs stay consistent across files', () => {
  it('two files of one series share new study/series/frame UIDs; a SEG reference follows its CT', () => {
    const a = run(plantedCtRead(1)).dataset;
    const b = run(plantedCtRead(2)).dataset;
    expect(a.StudyInstanceUID).toBe(b.StudyInstanceUID);
    expect(a.SeriesInstanceUID).toBe(b.SeriesInstanceUID);
    expect(a.FrameOfReferenceUID).toBe(b.FrameOfReferenceUID);
    expect(a.SOPInstanceUID).not.toBe(b.SOPInstanceUID);
    expect(String(a.StudyInstanceUID)).toMatch(/^2\.25\.\d+$/);
    expect(a.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.2');
    // File 1's nested reference to file 2 resolves to file 2's new SOP Instance UID.
    const ref = item0(item0(a.ReferencedSeriesSequence).ReferencedInstanceSequence);
    expect(ref.ReferencedSOPInstanceUID).toBe(b.SOPInstanceUID);
    expect(item0(a.ReferencedSeriesSequence).SeriesInstanceUID).toBe(a.SeriesInstanceUID);

    const seg: NaturalDataset = {
      SOPClassUID: SEG_STORAGE,
      SOPInstanceUID: '1.2.826.0.1.3680043.8.498.3001',
      Modality: 'SEG',
      StudyInstanceUID: FIXTURE_UIDS.study,
      SeriesInstanceUID: '1.2.826.0.1.3680043.8.498.3002',
      FrameOfReferenceUID: FIXTURE_UIDS.frame,
      ReferencedSeriesSequence: [
        { SeriesInstanceUID: FIXTURE_UIDS.series, ReferencedInstanceSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ReferencedSOPInstanceUID: FIXTURE_UIDS.instance(1) }] },
      ],
      PerFrameFunctionalGroupsSequence: [
        { DerivationImageSequence: [{ SourceImageSequence: [{ ReferencedSOPInstanceUID: FIXTURE_UIDS.instance(2) }] }] },
      ],
    };
    const s = run(seg, { fileName: 'seg.dcm' }).dataset;
    const segRef = item0(s.ReferencedSeriesSequence);
    expect(segRef.SeriesInstanceUID).toBe(a.SeriesInstanceUID);
    expect(item0(segRef.ReferencedInstanceSequence).ReferencedSOPInstanceUID).toBe(a.SOPInstanceUID);
    expect(item0(segRef.ReferencedInstanceSequence).ReferencedSOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.2');
    const source = item0(item0(item0(s.PerFrameFunctionalGroupsSequence).DerivationImageSequence).SourceImageSequence);
    expect(source.ReferencedSOPInstanceUID).toBe(b.SOPInstanceUID);
    expect(s.FrameOfReferenceUID).toBe(a.FrameOfReferenceUID);
    expect(s.StudyInstanceUID).toBe(a.StudyInstanceUID);
  });
});

describe('deidentify: structured content', () => {
  const sr = (): NaturalDataset => ({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34',
    SOPInstanceUID: '1.2.826.0.1.3680043.8.498.4001',
    Modality: 'SR',
    ContentSequence: [
      { ValueType: 'TEXT', ConceptNameCodeSequence: [{ CodeValue: '112039', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Tracking Identifier' }], TextValue: 'Needle for Mrs Plantedsurname' },
      { ValueType: 'NUM', MeasuredValueSequence: [{ NumericValue: '42.5', MeasurementUnitsCodeSequence: [{ CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'mm' }] }] },
      { ValueType: 'CODE', ConceptCodeSequence: [{ CodeValue: '79068005', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Needle' }] },
      { ValueType: 'PNAME', PersonName: [{ Alphabetic: 'Observer^Plantedperson' }] },
      { ValueType: 'DATE', Date: '20240229' },
      { ValueType: 'UIDREF', UID: FIXTURE_UIDS.series },
      { ValueType: 'SCOORD3D', GraphicType: 'POINT', GraphicData: [1, 2, 3], ReferencedFrameOfReferenceUID: FIXTURE_UIDS.frame },
    ],
  });

  it('replaces TEXT and names, keeps NUM, CODE and SCOORD3D, shifts dates and maps UIDREFs', () => {
    const { dataset } = run(sr(), { fileName: 'sr.dcm' });
    const c = dataset.ContentSequence as NaturalDataset[];
    expect(c[0]!.TextValue).toBe('ANONYMIZED');
    expect(item0(c[1]!.MeasuredValueSequence).NumericValue).toBe('42.5');
    expect(item0(c[2]!.ConceptCodeSequence).CodeValue).toBe('79068005');
    expect(item0(c[3]!.PersonName).Alphabetic).toBe('ANONYMIZED');
    expect(c[4]!.Date).toBe('20240310');
    expect(c[5]!.UID).toBe(OPTIONS.uidMap(FIXTURE_UIDS.series));
    expect(c[6]!.GraphicData).toEqual([1, 2, 3]);
    expect(c[6]!.ReferencedFrameOfReferenceUID).toBe(OPTIONS.uidMap(FIXTURE_UIDS.frame));
    expect(bytesContain(encodePart10(dataset), 'lanted')).toBe(false);
  });

  it('without Clean Structured Content the content is dropped, not kept', () => {
    const { dataset } = run(sr(), { fileName: 'sr.dcm', cleanStructuredContent: false });
    expect(dataset.ContentSequence).toBeUndefined();
    const codes = (dataset.DeidentificationMethodCodeSequence as NaturalDataset[]).map((x) => x.CodeValue);
    expect(codes).not.toContain('113104');
  });

  it('without Modified Dates every date is removed or emptied and the marker says REMOVED', () => {
    const { dataset: ds } = run(plantedCtRead(1), { dateShiftDays: null });
    expect(ds.StudyDate).toBe('');
    // Series Date is X/D: kept as a dummy so a Type 1 use stays valid.
    expect(ds.SeriesDate).toBe('19000101');
    expect(ds.AcquisitionDateTime).toBe('19000101000000');
    expect(ds.StudyTime).toBe('');
    expect(ds.LongitudinalTemporalInformationModified).toBe('REMOVED');
  });

  it('replaces a person name the table does not list (Evaluator Name, PS3.3 NDE modules)', () => {
    const { dataset, changes } = run({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: '1.2.3', EvaluatorName: [{ Alphabetic: 'Evaluator^Plantedperson' }] });
    expect(item0(dataset.EvaluatorName).Alphabetic).toBe('ANONYMIZED');
    expect(changes.find((c) => c.path === 'EvaluatorName')).toMatchObject({ tag: '(0014,2006)', action: 'D' });
  });

  it('does not modify its input', () => {
    const src = sr();
    const before = JSON.stringify(src);
    run(src, { fileName: 'sr.dcm' });
    expect(JSON.stringify(src)).toBe(before);
  });
});
