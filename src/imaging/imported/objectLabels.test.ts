import { describe, expect, it } from 'vitest';
import type { ImportedReport, ImportedSegment, ImportedSegmentation } from '../../interop/importTypes';
import { objectKindLabel, producerName, voxelsToMl } from './objectLabels';

const segment = (n: number): ImportedSegment => ({
  number: n, label: `S${n}`, description: null, colour: '#ff0000', category: null, type: null, trackingId: null, trackingUid: null, algorithmType: null,
});

const seg = (over: Partial<ImportedSegmentation>): ImportedSegmentation => ({
  kind: 'seg', name: 'seg.dcm', sopInstanceUID: '1.2', seriesInstanceUID: '1.3', studyInstanceUID: '1.4', frameOfReferenceUID: null,
  producer: 'QIICR https://github.com/QIICR/dcmqi.git 7ae0873', seriesDescription: null, contentLabel: null, segmentationType: 'BINARY',
  rows: 2, columns: 2, imageOrientationPatient: null, pixelSpacing: null, referencedSeriesInstanceUID: null,
  segments: [1, 2, 3, 4].map(segment), frames: [], notes: [], ...over,
});

const sr = (over: Partial<ImportedReport>): ImportedReport => ({
  kind: 'sr', name: 'sr.dcm', sopClassUID: '1.2.840.10008.5.1.4.1.1.88.34', sopInstanceUID: '1', seriesInstanceUID: '2', studyInstanceUID: '3',
  title: null, templateId: '1500', producer: 'PercuPlan PercuPlan 1.0', observer: null, completion: null, verification: null,
  predecessorSopInstanceUIDs: [], groups: [], notes: [], ...over,
});

describe('objectKindLabel', () => {
  it('names a SEG by kind, segment count and the tool found in its producer', () => {
    expect(objectKindLabel(seg({}))).toBe('Segmentation · 4 segments · dcmqi');
    expect(objectKindLabel(seg({ segments: [segment(1)], producer: 'Siemens Healthcare syngo.via.VA11A' }))).toBe('Segmentation · 1 segment · syngo.via');
    expect(objectKindLabel(seg({ segmentationType: 'LABELMAP', producer: 'ACME Seg 2' }))).toBe('Segmentation (label map) · 4 segments · ACME Seg 2');
  });

  it('names a TID 1500 SR with its group count, and a plain SR as having no measurements', () => {
    const group = { trackingId: null, trackingUid: null, finding: null, findingSite: null, graphics: [], numbers: [], texts: [], codes: [], referencedSegment: null };
    expect(objectKindLabel(sr({ groups: Array(9).fill(group) }))).toBe('Measurement report (TID 1500) · 9 groups · PercuPlan');
    expect(objectKindLabel(sr({ templateId: null, producer: 'OFFIS DCMTK' }))).toBe('Structured report · no measurements · OFFIS DCMTK');
  });
});

describe('producerName', () => {
  it('shortens an unknown long producer and names an empty one', () => {
    expect(producerName('A'.repeat(40))).toBe(`${'A'.repeat(31)}…`);
    expect(producerName('  ')).toBe('unknown producer');
  });
});

describe('voxelsToMl', () => {
  it('is voxels × voxel volume in mm³ / 1000', () => {
    // 0.810547 × 0.810547 × 1.25 mm = 0.821233 mm³ per voxel; 1000 voxels → 0.821233 mL.
    expect(voxelsToMl(1000, { spacing: [0.810547, 0.810547, 1.25] })).toBeCloseTo(0.821233, 5);
    expect(voxelsToMl(0, { spacing: [1, 1, 1] })).toBe(0);
  });
});
