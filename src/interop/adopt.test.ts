import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../planning/devices/defaultCatalogue';
import { decodeMask } from '../planning/encoding/encodeMask';
import { createMask, maskValue } from '../planning/mask/voxelMask';
import { IDENTITY_DIRECTION } from '../planning/volume/volumeGeometry';
import { lps } from '../shared/vec3';
import { adoptPolylineAsTrajectory, adoptSegmentAsLesion, adoptSegmentAsStructure, planItemsFromReport } from './adopt';
import type { ImportedMeasurementGroup, ImportedReport, ImportedSegment } from './importTypes';

const geometry = { dimensions: [4, 3, 2] as const, spacing: [1, 1, 2] as const, origin: lps(0, 0, 0), direction: IDENTITY_DIRECTION };
const series = { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', geometry };
const segment: ImportedSegment = { number: 2, label: 'Metastasis', description: null, colour: '#AABBCC', category: null, type: null, trackingId: null, trackingUid: null, algorithmType: 'MANUAL' };
function mask() {
  const m = createMask(geometry.dimensions, { offset: [1, 1, 1], size: [2, 1, 1] });
  m.data[0] = 1;
  m.data[1] = 1;
  return m;
}

describe('adopting imported items into a plan', () => {
  it('a segment as a lesion: label, colour (lower case for the plan), mask encoded on the series', () => {
    const l = adoptSegmentAsLesion(mask(), series, segment, 'lesion-1');
    expect([l.id, l.label, l.colour, l.measurements]).toEqual(['lesion-1', 'Metastasis', '#aabbcc', null]);
    expect(l.segmentation).toMatchObject({ seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', voxelCount: 2, box: { offset: [1, 1, 1], size: [2, 1, 1] } });
    const back = decodeMask(l.segmentation!);
    expect(back.ok && [maskValue(back.value, 1, 1, 1), maskValue(back.value, 2, 1, 1), maskValue(back.value, 0, 1, 1)]).toEqual([1, 1, 0]);
  });

  it('a segment as a structure at risk of the kind picked, with its default safety distance; no label → the kind’s name', () => {
    const s = adoptSegmentAsStructure(mask(), series, { ...segment, label: '  ' }, 'spinal-cord', 's-1');
    expect([s.kind, s.name, s.colour, s.safetyDistanceMm, s.shape.kind]).toEqual(['spinal-cord', 'Spinal cord', '#aabbcc', 5, 'mask']);
  });

  it('a polyline as a trajectory: first point the entry, second the target; a long label cut to the plan’s 500 characters', () => {
    const t = adoptPolylineAsTrajectory([[0, 14, 0], [1, 2, -3]], '1.2.4', 'bone-access-11g-100', 'x'.repeat(600), 't-1');
    expect([t.entry, t.target, t.deviceId, t.frameOfReferenceUID, t.label.length, t.metrics]).toEqual([[0, 14, 0], [1, 2, -3], 'bone-access-11g-100', '1.2.4', 500, null]);
  });

  it('lists only the two-point SCOORD3D polylines of a report, with the device its group names', () => {
    const g = (over: Partial<ImportedMeasurementGroup>): ImportedMeasurementGroup => ({
      trackingId: null, trackingUid: null, finding: null, findingSite: null, graphics: [], numbers: [], texts: [], codes: [], referencedSegment: null, ...over,
    });
    const deviceName = { value: '113877', scheme: 'DCM', meaning: 'Device Name' };
    const report: ImportedReport = {
      kind: 'sr', name: 'r.dcm', sopClassUID: '1.2.840.10008.5.1.4.1.1.88.34', sopInstanceUID: '9', seriesInstanceUID: '9.1', studyInstanceUID: '9.2',
      title: null, templateId: '1500', producer: 'x', observer: null, completion: null, verification: null, predecessorSopInstanceUIDs: [], notes: [],
      groups: [
        g({ trackingId: 'Probe A', trackingUid: '7.1', texts: [{ concept: deviceName, value: 'Generic cryoprobe 13 G (2.4 mm)' }], graphics: [{ dims: 3, graphicType: 'POLYLINE', points: [[1, 2, 3], [4, 5, 6]], frameOfReferenceUID: '1.2.4', concept: null }] }),
        // A 2D line, a 3-point polyline and a point: none is a needle path.
        g({ graphics: [
          { dims: 2, graphicType: 'POLYLINE', points: [[1, 2], [3, 4]], referencedSopInstanceUID: '5', concept: null },
          { dims: 3, graphicType: 'POLYLINE', points: [[0, 0, 0], [1, 1, 1], [2, 2, 2]], frameOfReferenceUID: '1.2.4', concept: null },
          { dims: 3, graphicType: 'POINT', points: [[0, 0, 0]], frameOfReferenceUID: '1.2.4', concept: null },
        ] }),
        g({ texts: [{ concept: deviceName, value: 'bone-access-11g-100' }], graphics: [{ dims: 3, graphicType: 'POLYLINE', points: [[0, 0, 0], [0, 0, 1]], frameOfReferenceUID: null, concept: null }] }),
        g({ texts: [{ concept: deviceName, value: 'Unknown needle' }], graphics: [{ dims: 3, graphicType: 'POLYLINE', points: [[0, 0, 0], [0, 0, 2]], frameOfReferenceUID: null, concept: null }] }),
      ],
    };
    const items = planItemsFromReport(report, defaultCatalogue());
    expect(items.map((i) => [i.groupIndex, i.label, i.trackingUid, i.deviceName, i.deviceId])).toEqual([
      [0, 'Probe A', '7.1', 'Generic cryoprobe 13 G (2.4 mm)', 'generic-cryoprobe-13g'],
      [2, 'Needle 2', null, 'bone-access-11g-100', 'bone-access-11g-100'],
      [3, 'Needle 3', null, 'Unknown needle', null],
    ]);
    expect(items[0]!.points).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(planItemsFromReport(report).map((i) => i.deviceId)).toEqual([null, null, null]);
  });
});
