import { describe, expect, it } from 'vitest';
import { encodePart10, type NaturalDataset } from '../part10';
import { readDicomObject } from './readDicomObject';
import { readReport } from './readReport';

const c = (value: string, scheme: string, meaning: string) => [{ CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: meaning }];
const item = (rel: string, vt: string, concept: NaturalDataset[] | null, rest: NaturalDataset = {}): NaturalDataset => ({
  RelationshipType: rel, ValueType: vt, ...(concept ? { ConceptNameCodeSequence: concept } : {}), ...rest,
});
const group = (children: NaturalDataset[]) => item('CONTAINS', 'CONTAINER', c('125007', 'DCM', 'Measurement Group'), { ContinuityOfContent: 'SEPARATE', ContentSequence: children });

function report(root: NaturalDataset): NaturalDataset {
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34', SOPInstanceUID: '2.25.10', StudyInstanceUID: '2.25.11', SeriesInstanceUID: '2.25.12',
    Modality: 'SR', Manufacturer: 'PercuPlan', CompletionFlag: 'PARTIAL', VerificationFlag: 'UNVERIFIED',
    ValueType: 'CONTAINER', ContinuityOfContent: 'SEPARATE',
    PredecessorDocumentsSequence: [{ StudyInstanceUID: '2.25.11', ReferencedSeriesSequence: [{ SeriesInstanceUID: '2.25.12', ReferencedSOPSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34', ReferencedSOPInstanceUID: '2.25.9' }] }] }],
    ...root,
  };
}

describe('readReport', () => {
  it('finds measurement groups at any depth; SCOORD3D under a NUM, a coordinate of exactly 0, device text, empty NUM noted (via Part 10)', () => {
    const needle = group([
      item('CONTAINS', 'TEXT', c('112039', 'DCM', 'Tracking Identifier'), { TextValue: 'Needle 1' }),
      item('CONTAINS', 'UIDREF', c('112040', 'DCM', 'Tracking Unique Identifier'), { UID: '2.25.55' }),
      item('CONTAINS', 'CODE', c('121071', 'DCM', 'Finding'), { ConceptCodeSequence: c('79068005', 'SCT', 'Needle') }),
      item('CONTAINS', 'NUM', c('410668003', 'SCT', 'Length'), {
        MeasuredValueSequence: [{ NumericValue: 50, MeasurementUnitsCodeSequence: c('mm', 'UCUM', 'millimeter') }],
        ContentSequence: [
          item('INFERRED FROM', 'SCOORD3D', c('PP001', '99PERCUPLAN', 'Planned needle path'), { GraphicType: 'POLYLINE', GraphicData: [0, 0, 0, 30, -40, 0], ReferencedFrameOfReferenceUID: '2.25.4' }),
        ],
      }),
      item('CONTAINS', 'NUM', c('131197000', 'SCT', 'Depth'), { MeasuredValueSequence: [] }),
      item('CONTAINS', 'TEXT', c('113877', 'DCM', 'Device Name'), { TextValue: 'Bone needle 11G' }),
    ]);
    const ds = report({
      ConceptNameCodeSequence: c('126000', 'DCM', 'Imaging Measurement Report'),
      ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
      ContentSequence: [
        item('HAS OBS CONTEXT', 'PNAME', c('121008', 'DCM', 'Person Observer Name'), { PersonName: [{ Alphabetic: 'Doe^Jane' }] }),
        item('CONTAINS', 'CONTAINER', c('126010', 'DCM', 'Imaging Measurements'), {
          ContinuityOfContent: 'SEPARATE',
          ContentSequence: [item('CONTAINS', 'CONTAINER', c('1', '99X', 'Section'), { ContinuityOfContent: 'SEPARATE', ContentSequence: [needle] })],
        }),
      ],
    });
    const r = readDicomObject(encodePart10(ds), 'sr.dcm');
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'sr') return;
    const sr = r.value;
    expect([sr.templateId, sr.observer, sr.completion, sr.predecessorSopInstanceUIDs]).toEqual(['1500', 'Doe^Jane', 'PARTIAL', ['2.25.9']]);
    expect(sr.groups).toHaveLength(1);
    const g = sr.groups[0]!;
    expect([g.trackingId, g.trackingUid, g.finding?.value]).toEqual(['Needle 1', '2.25.55', '79068005']);
    expect(g.graphics).toEqual([
      { dims: 3, graphicType: 'POLYLINE', points: [[0, 0, 0], [30, -40, 0]], frameOfReferenceUID: '2.25.4', concept: { value: 'PP001', scheme: '99PERCUPLAN', meaning: 'Planned needle path' } },
    ]);
    expect(g.numbers.map((n) => [n.concept.value, n.value, n.unit?.value])).toEqual([['410668003', 50, 'mm']]);
    expect(g.texts).toContainEqual({ concept: { value: '113877', scheme: 'DCM', meaning: 'Device Name' }, value: 'Bone needle 11G' });
    expect(sr.notes).toEqual(['1 NUM item(s) without a measured value skipped']);
  });

  it('a segment referenced from an IMAGE item; nested groups stay separate', () => {
    const inner = group([item('HAS OBS CONTEXT', 'TEXT', c('112039', 'DCM', 'Tracking Identifier'), { TextValue: 'inner' })]);
    const outer = group([
      item('HAS OBS CONTEXT', 'TEXT', c('112039', 'DCM', 'Tracking Identifier'), { TextValue: 'outer' }),
      item('CONTAINS', 'IMAGE', c('121191', 'DCM', 'Referenced Segment'), { ReferencedSOPSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4', ReferencedSOPInstanceUID: '2.25.8', ReferencedSegmentNumber: 3 }] }),
      inner,
    ]);
    const r = readReport({ meta: {}, dataset: report({ ConceptNameCodeSequence: c('126000', 'DCM', 'Imaging Measurement Report'), ContentSequence: [outer] }) }, 'x.dcm');
    expect(r.ok && r.value.groups.map((g) => [g.trackingId, g.referencedSegment])).toEqual([
      ['outer', { sopInstanceUID: '2.25.8', segmentNumber: 3 }],
      ['inner', null],
    ]);
  });

  it('an SR that is not TID 1500 reads with no groups and a note', () => {
    const r = readReport({ meta: {}, dataset: report({ ConceptNameCodeSequence: c('18748-4', 'LN', 'Diagnostic imaging report'), ContentSequence: [group([])] }) }, 'y.dcm');
    expect(r.ok && r.value.groups).toEqual([]);
    expect(r.ok && r.value.notes[0]).toMatch(/not a TID 1500 Imaging Measurement Report \(title 18748-4 LN "Diagnostic imaging report"\)/);
  });
});
