import { describe, expect, it } from 'vitest';
import { qidoDatasets, seriesListingFromQido, studyListingFromQido } from './studyFromQido';

const study = {
  '00080020': { vr: 'DA', Value: ['20240305'] },
  '00080030': { vr: 'TM', Value: ['101500'] },
  '00080050': { vr: 'SH', Value: ['ACC-7'] },
  '00080061': { vr: 'CS', Value: ['SR', 'CT'] },
  '00081030': { vr: 'LO', Value: ['CT spine'] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] },
  '00100020': { vr: 'LO', Value: ['P-1'] },
  '00100030': { vr: 'DA' },
  '00100040': { vr: 'CS', Value: ['F'] },
  '0020000D': { vr: 'UI', Value: ['1.2.3'] },
  '00201206': { vr: 'IS', Value: [2] },
  '00201208': { vr: 'IS', Value: [121] },
};
const ct = {
  '00080060': { vr: 'CS', Value: ['CT'] },
  '0008103E': { vr: 'LO', Value: ['Bone 1.0'] },
  '0020000E': { vr: 'UI', Value: ['1.2.3.2'] },
  '00200011': { vr: 'IS', Value: [2] },
  '00201209': { vr: 'IS', Value: [120] },
  '00280010': { vr: 'US', Value: [512] },
};
const sr = {
  '00080060': { vr: 'CS', Value: ['SR'] },
  '0020000E': { vr: 'UI', Value: ['1.2.3.9'] },
  '00200011': { vr: 'IS', Value: ['1'] },
  '00201209': { vr: 'IS', Value: ['1'] },
};

describe('studyListingFromQido', () => {
  it('lists a search result with the study-level counts and no series', () => {
    expect(studyListingFromQido(study)).toEqual({
      studyInstanceUID: '1.2.3',
      source: 'dicomweb',
      patientName: 'DOE^JANE',
      patientID: 'P-1',
      patientSex: 'F',
      patientAge: undefined,
      patientBirthDate: undefined,
      studyDate: '20240305',
      studyTime: '101500',
      studyDescription: 'CT spine',
      accessionNumber: 'ACC-7',
      modalities: ['CT', 'SR'],
      series: [],
      imageCount: 121,
    });
  });

  it('lists the series in SeriesNumber order and counts only image series', () => {
    const s = studyListingFromQido(study, [ct, sr]);
    expect(s?.series.map((x) => [x.seriesInstanceUID, x.instanceCount, x.imageCount])).toEqual([
      ['1.2.3.9', 1, 0],
      ['1.2.3.2', 120, 120],
    ]);
    expect(s?.imageCount).toBe(120);
    expect(seriesListingFromQido(ct)).toMatchObject({ seriesNumber: 2, seriesDescription: 'Bone 1.0', modality: 'CT', rows: 512 });
  });

  it('skips results without a UID and refuses answers that are not DICOM JSON arrays', () => {
    expect(studyListingFromQido({ '00100020': { vr: 'LO', Value: ['x'] } })).toBeUndefined();
    expect(seriesListingFromQido({})).toBeUndefined();
    expect(() => qidoDatasets({ error: 1 }, 'The search')).toThrow('The search is not a DICOM JSON array');
  });
});
