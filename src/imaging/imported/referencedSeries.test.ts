import { describe, expect, it } from 'vitest';
import type { StudyListing } from '../../dicom/studyListing';
import type { ImportedReport, ImportedSegmentation } from '../../interop/importTypes';
import { referencedSeriesOf } from './referencedSeries';

const study: StudyListing = {
  studyInstanceUID: '1', source: 'local', modalities: ['CT', 'SEG'], imageCount: 13,
  series: [
    { seriesInstanceUID: 'mr', modality: 'MR', frameOfReferenceUID: 'F1', instanceCount: 10, imageCount: 10 },
    { seriesInstanceUID: 'ct', modality: 'CT', frameOfReferenceUID: 'F1', instanceCount: 3, imageCount: 3 },
    { seriesInstanceUID: 'seg', modality: 'SEG', frameOfReferenceUID: 'F1', instanceCount: 1, imageCount: 0 },
  ],
};

const seg = (ref: string | null, frame: string | null): ImportedSegmentation =>
  ({ kind: 'seg', referencedSeriesInstanceUID: ref, frameOfReferenceUID: frame }) as ImportedSegmentation;
const sr = (frame: string | null): ImportedReport =>
  ({
    kind: 'sr',
    groups: [{ graphics: [{ dims: 3, graphicType: 'POLYLINE', points: [[0, 0, 0]], frameOfReferenceUID: frame, concept: null }] }],
  }) as unknown as ImportedReport;

describe('referencedSeriesOf', () => {
  it("takes a SEG's referenced series when the study holds it, even if it is not a CT", () => {
    expect(referencedSeriesOf(seg('mr', 'F1'), study)).toEqual({ ok: true, value: 'mr' });
  });
  it('falls back to the CT of the same frame of reference (CT preferred over the larger MR)', () => {
    expect(referencedSeriesOf(seg('gone', 'F1'), study)).toEqual({ ok: true, value: 'ct' });
    expect(referencedSeriesOf(sr('F1'), study)).toEqual({ ok: true, value: 'ct' });
  });
  it('names why nothing fits', () => {
    const r = referencedSeriesOf(seg('gone', 'F9'), study);
    expect(r.ok ? '' : r.error).toMatch(/referenced series gone is not in this study/);
    const s = referencedSeriesOf(sr('F9'), study);
    expect(s.ok ? '' : s.error).toMatch(/frame of reference F9/);
  });
});
