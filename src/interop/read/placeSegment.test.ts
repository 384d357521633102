import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { countMask, maskValue } from '../../planning/mask/voxelMask';
import { ctGridOf, type CtGrid } from '../ctGrid';
import type { ImportedSegmentation, SegFrame } from '../importTypes';
import { segmentMaskOnGrid } from './placeSegment';

const FOR = '1.2.3.9';
/** Three axial slices of 4 columns × 3 rows at z = 0, 2, 4, 0.5 mm between rows, 0.7 between columns. */
function slice(z: number, uid: string): InstanceHeader {
  return {
    sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: uid, studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.1',
    transferSyntaxUID: '1.2.840.10008.1.2.1', hasPixelData: true, frameOfReferenceUID: FOR,
    imagePositionPatient: [-5, -6, z], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 0.7], rows: 3, columns: 4,
  };
}
const ascending = [slice(0, 'u0'), slice(2, 'u2'), slice(4, 'u4')];
function grid(headers: InstanceHeader[]): CtGrid {
  const g = ctGridOf(headers);
  if (!g.ok) throw new Error(g.error);
  return g.value;
}
/** A 4×3 frame with the given (column, row) pixels set. */
function frame(segmentNumber: number, ref: string | null, z: number | null, set: [number, number][]): SegFrame {
  const pixels = new Uint8Array(12);
  for (const [c, r] of set) pixels[r * 4 + c] = 1;
  return { segmentNumber, referencedSopInstanceUID: ref, imagePositionPatient: z === null ? null : [-5, -6, z], pixels };
}
function seg(frames: SegFrame[], over: Partial<ImportedSegmentation> = {}): ImportedSegmentation {
  const segment = { number: 1, label: 'L', description: null, colour: '#ff0000', category: null, type: null, trackingId: null, trackingUid: null, algorithmType: null };
  return {
    kind: 'seg', name: 'test.dcm', sopInstanceUID: '9.1', seriesInstanceUID: '9.2', studyInstanceUID: '1.2.3', frameOfReferenceUID: FOR,
    producer: 'test', seriesDescription: null, contentLabel: null, segmentationType: 'BINARY', rows: 3, columns: 4,
    imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 0.7], referencedSeriesInstanceUID: '1.2.3.1',
    segments: [segment, { ...segment, number: 2, label: 'M' }], frames, notes: [], ...over,
  };
}

describe('segmentMaskOnGrid', () => {
  it('places frames by the slice they name, else by position within half a slice spacing, whatever the file order', () => {
    const s = seg([
      frame(1, 'u4', null, [[1, 2]]), // names the slice at z 4: grid slice 2
      frame(1, null, 2.9, [[3, 0]]), // 0.9 mm from z 2 (half spacing is 1 mm): grid slice 1
      frame(1, 'other', 0.2, [[0, 0], [3, 2]]), // names no CT image; z 0.2: grid slice 0
      frame(2, 'u0', null, [[2, 1]]),
    ]);
    for (const headers of [ascending, [...ascending].reverse()]) {
      const m = segmentMaskOnGrid(s, 1, grid(headers));
      expect(m.ok).toBe(true);
      if (!m.ok) return;
      expect(countMask(m.value)).toBe(4);
      expect([maskValue(m.value, 1, 2, 2), maskValue(m.value, 3, 0, 1), maskValue(m.value, 0, 0, 0), maskValue(m.value, 3, 2, 0)]).toEqual([1, 1, 1, 1]);
      // Segment 2's voxel is not in segment 1.
      expect(maskValue(m.value, 2, 1, 0)).toBe(0);
      expect(m.value.box).toEqual({ offset: [0, 0, 0], size: [4, 3, 3] });
    }
  });

  it('a one-slice segment gets a one-slice box; an empty segment an empty mask', () => {
    const s = seg([frame(1, 'u2', null, [[2, 1]]), frame(2, 'u2', null, [])]);
    const one = segmentMaskOnGrid(s, 1, grid(ascending));
    expect(one.ok && one.value.box).toEqual({ offset: [2, 1, 1], size: [1, 1, 1] });
    const empty = segmentMaskOnGrid(s, 2, grid(ascending));
    expect(empty.ok && countMask(empty.value)).toBe(0);
  });

  it('overlapping frames of one segment on one slice are merged', () => {
    const s = seg([frame(1, 'u2', null, [[0, 0]]), frame(1, null, 2, [[0, 0], [1, 0]])]);
    const m = segmentMaskOnGrid(s, 1, grid(ascending));
    expect(m.ok && countMask(m.value)).toBe(2);
  });

  it('refuses, naming what differs: matrix, orientation, pixel spacing, frame of reference, a frame off every slice', () => {
    const g = grid(ascending);
    const f = [frame(1, 'u0', null, [[0, 0]])];
    const why = (s: ImportedSegmentation): string => {
      const r = segmentMaskOnGrid(s, 1, g);
      return r.ok ? 'placed' : r.error;
    };
    expect(why(seg(f, { rows: 4 }))).toMatch(/^test\.dcm, segment 1: .*4×4 \(columns×rows\), the CT's slices 4×3/);
    expect(why(seg(f, { imageOrientationPatient: [0, 1, 0, 0, 0, -1] }))).toMatch(/ImageOrientationPatient/);
    expect(why(seg(f, { pixelSpacing: [0.5, 0.8] }))).toMatch(/PixelSpacing 0\.5\\0\.8 is not the CT's 0\.5\\0\.7/);
    expect(why(seg([frame(1, null, 0, [[0, 0]])], { frameOfReferenceUID: '7.7', referencedInstanceUIDs: [] }))).toMatch(/frame of reference 7\.7 is not the CT's/);
    // Another frame of reference is accepted when the SEG names the CT's images.
    expect(why(seg([frame(1, null, 0, [[0, 0]])], { frameOfReferenceUID: '7.7', referencedInstanceUIDs: ['u0', 'u2'] }))).toBe('placed');
    expect(why(seg([frame(1, null, 5.1, [[0, 0]])]))).toMatch(/frame 1 matches no CT slice: .*1\.10 mm from the nearest CT slice/);
    expect(why(seg([frame(1, null, null, [[0, 0]])]))).toMatch(/names no CT image and has no ImagePositionPatient/);
    const shifted = seg([{ ...frame(1, null, 0, [[0, 0]]), imagePositionPatient: [-4, -6, 0] }]);
    expect(why(shifted)).toMatch(/1\.00 mm off the CT slice's origin within the plane/);
    expect(why(seg(f, { segments: [] }))).toMatch(/no such segment/);
    // No orientation of its own: placed only where a frame names a CT image.
    expect(why(seg(f, { imageOrientationPatient: null }))).toBe('placed');
    expect(why(seg([frame(1, null, 0, [[0, 0]])], { imageOrientationPatient: null }))).toMatch(/frame 1 names no CT image, and the SEG has no ImageOrientationPatient/);
  });
});
