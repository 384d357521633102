import { describe, expect, it } from 'vitest';
import { groupStudies } from './groupStudies';
import type { InstanceHeader } from './instanceHeader';
import { COMPREHENSIVE_SR, ENHANCED_CT, ctSlice } from './testHeaders';

const STUDY_A = '1.2.3.10';
const STUDY_B = '1.2.3.11';

/** Two studies; A holds three series given out of order, B one enhanced CT. */
function headers(): InstanceHeader[] {
  const a = { studyInstanceUID: STUDY_A, studyDate: '20240102', patientID: 'P1', patientName: 'Doe^Jane', studyDescription: 'CT spine' };
  return [
    ctSlice(2, 2.5, { ...a, seriesInstanceUID: '1.2.3.22', seriesNumber: 3, seriesDescription: 'Sag bone' }),
    ctSlice(1, 0, { ...a, seriesInstanceUID: '1.2.3.22', seriesNumber: 3, seriesDescription: 'Sag bone' }),
    ctSlice(3, 0, { ...a, seriesInstanceUID: '1.2.3.21', seriesNumber: 2, seriesDescription: 'Axial soft' }),
    ctSlice(7, 0, { ...a, seriesInstanceUID: '1.2.3.23', seriesNumber: 2, seriesDescription: 'Axial bone' }),
    ctSlice(8, 0, { ...a, seriesInstanceUID: '1.2.3.24', seriesNumber: undefined, modality: 'SR', sopClassUID: COMPREHENSIVE_SR, hasPixelData: false }),
    ctSlice(1, 0, { studyInstanceUID: STUDY_B, studyDate: '20230501', seriesInstanceUID: '1.2.3.25', sopClassUID: ENHANCED_CT, numberOfFrames: 40 }),
  ];
}

describe('groupStudies', () => {
  it('orders studies by date and series by number, then description, missing numbers last', () => {
    const studies = groupStudies(headers());
    expect(studies.map((s) => s.studyInstanceUID)).toEqual([STUDY_B, STUDY_A]);
    const a = studies[1];
    expect(a?.series.map((s) => [s.seriesNumber, s.seriesDescription])).toEqual([
      [2, 'Axial bone'],
      [2, 'Axial soft'],
      [3, 'Sag bone'],
      [undefined, undefined],
    ]);
  });

  it('does not depend on the order of the input', () => {
    const hs = headers();
    expect(groupStudies([...hs].reverse())).toEqual(groupStudies(hs));
  });

  it('counts instances, images and frames, and collects modalities and patient fields', () => {
    const [b, a] = groupStudies(headers());
    expect(a).toMatchObject({ patientID: 'P1', patientName: 'Doe^Jane', studyDescription: 'CT spine', instanceCount: 5, modalities: ['CT', 'SR'], warnings: [] });
    const sag = a?.series.find((s) => s.seriesNumber === 3);
    expect(sag).toMatchObject({ instanceCount: 2, imageCount: 2, frameCount: 2, modalities: ['CT'] });
    expect(sag?.instances.map((h) => h.instanceNumber)).toEqual([1, 2]);
    const sr = a?.series.find((s) => s.seriesNumber === undefined);
    expect(sr).toMatchObject({ instanceCount: 1, imageCount: 0, frameCount: 0, modalities: ['SR'] });
    expect(b?.series[0]).toMatchObject({ instanceCount: 1, imageCount: 1, frameCount: 40 });
  });

  it('warns when instances of one study name different patients', () => {
    const hs = [ctSlice(1, 0, { patientID: 'P1' }), ctSlice(2, 2.5, { patientID: 'P2' })];
    expect(groupStudies(hs)[0]?.warnings).toEqual(['Instances of this study disagree on PatientID: "P1", "P2".']);
  });
});
