import { describe, expect, it } from 'vitest';
import type { CtGrid } from '../../interop/ctGrid';
import type { ImportedReport, ImportedSegmentation } from '../../interop/importTypes';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { createMask } from '../../planning/mask/voxelMask';
import { err, ok } from '../../shared/result';
import { placeObject, type PlaceDeps } from './placeObject';

const grid = {
  geometry: { dimensions: [4, 4, 2], spacing: [1, 1, 2], origin: [0, 0, 0], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] },
  slices: [{ sopInstanceUID: 'ct1' }, { sopInstanceUID: 'ct2' }] as InstanceHeader[],
  frameOfReferenceUID: 'F',
  seriesInstanceUID: 'CT',
  studyInstanceUID: 'S',
} as unknown as CtGrid;

const seg = {
  kind: 'seg',
  segments: [1, 2].map((number) => ({ number, label: `S${number}`, colour: '#ff0000' })),
} as unknown as ImportedSegmentation;

// Segment 1: a mask with 3 voxels set; segment 2: refused by the reader (its grid differs).
const deps: PlaceDeps = {
  segmentMask: (_s, n) => {
    if (n === 2) return err('Columns 5, the CT has 4');
    const m = createMask([4, 4, 2], { offset: [0, 0, 0], size: [4, 4, 2] });
    m.data[0] = m.data[5] = m.data[31] = 1;
    return ok(m);
  },
  pointOnSlice: (p, slice) => (slice.sopInstanceUID === 'ct2' ? [p[0], p[1], 2] : null),
};

describe('placeObject', () => {
  it("counts each segment's voxels on the CT and keeps a refused segment's reason without losing the others", () => {
    const p = placeObject(seg, ok('CT'), ok(grid), deps);
    expect(p.error).toBeNull();
    expect(p.segments.map((s) => [s.number, s.voxels, s.mask.ok ? 'ok' : s.mask.error])).toEqual([
      [1, 3, 'ok'],
      [2, 0, 'Columns 5, the CT has 4'],
    ]);
  });

  it('draws nothing of an object that belongs over another series, and says so per segment', () => {
    const p = placeObject(seg, ok('MR'), ok(grid), deps);
    expect(p.error).toBe('Drawn over series MR, not the open one.');
    expect(p.segments.every((s) => !s.mask.ok && s.voxels === 0)).toBe(true);
    expect(placeObject(seg, err('no frame of reference'), ok(grid), deps).error).toBe('Not drawn: no frame of reference.');
  });

  it('places SR coordinates: 3D in the CT frame as written, 2D through the referenced slice, others with the reason', () => {
    const report = {
      kind: 'sr',
      groups: [
        {
          graphics: [
            { dims: 3, graphicType: 'POLYLINE', points: [[1, 2, 3], [4, 5, 6]], frameOfReferenceUID: 'F', concept: null },
            { dims: 3, graphicType: 'POINT', points: [[0, 0, 0]], frameOfReferenceUID: 'OTHER', concept: null },
          ],
        },
        {
          graphics: [
            { dims: 2, graphicType: 'POINT', points: [[1.5, 2.5]], referencedSopInstanceUID: 'ct2', concept: null },
            { dims: 2, graphicType: 'POINT', points: [[1.5, 2.5]], referencedSopInstanceUID: 'elsewhere', concept: null },
          ],
        },
      ],
    } as unknown as ImportedReport;
    const p = placeObject(report, ok('CT'), ok(grid), deps);
    expect(p.graphics.map((g) => [g.group, g.index, g.points.ok ? g.points.value : g.points.error])).toEqual([
      [0, 0, [[1, 2, 3], [4, 5, 6]]],
      [0, 1, "its frame of reference OTHER is not the CT's"],
      [1, 0, [[1.5, 2.5, 2]]],
      [1, 1, 'its image elsewhere is not a slice of the CT'],
    ]);
    // Groups get distinct colours.
    expect(p.graphics[0]!.colour).not.toBe(p.graphics[2]!.colour);
  });
});
