import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { graphicToLps, scoordPointToLps } from './graphicLps';

// A sagittal-like plane: rows run along +y, columns down (−z); rows 2 mm apart, columns 3 mm.
const plane = {
  imagePositionPatient: [10, 20, 30] as const,
  imageOrientationPatient: [0, 1, 0, 0, 0, -1] as const,
  pixelSpacing: [2, 3] as const,
};
const image: InstanceHeader = { sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: '1.2.3.4', studyInstanceUID: '1.2', seriesInstanceUID: '1.2.3', transferSyntaxUID: '1.2.840.10008.1.2.1', hasPixelData: true, ...plane };

describe('SCOORD (column, row) to LPS', () => {
  it('the top-left pixel centre (0.5, 0.5) is ImagePositionPatient', () => {
    expect([...scoordPointToLps([0.5, 0.5], plane)!]).toEqual([10, 20, 30]);
  });

  it('columns step PixelSpacing[1] along the row cosines, rows PixelSpacing[0] along the column cosines', () => {
    // (2.5, 1.5): 2 columns × 3 mm = 6 mm along +y, 1 row × 2 mm = 2 mm along −z.
    expect([...scoordPointToLps([2.5, 1.5], plane)!]).toEqual([10, 26, 28]);
    // The top-left corner (0, 0) is half a pixel before the centre both ways: −1.5 mm y, +1 mm z.
    expect([...scoordPointToLps([0, 0], plane)!]).toEqual([10, 18.5, 31]);
  });

  it('a 2D graphic through the image it names; an image not loaded is named', () => {
    const g = { dims: 2 as const, graphicType: 'POLYLINE', points: [[0.5, 0.5], [2.5, 1.5]] as [number, number][], referencedSopInstanceUID: '1.2.3.4', concept: null };
    const r = graphicToLps(g, [image]);
    expect(r.ok && r.value.map((p) => [...p])).toEqual([[10, 20, 30], [10, 26, 28]]);
    const missing = graphicToLps({ ...g, referencedSopInstanceUID: '9.9' }, [image]);
    expect(!missing.ok && missing.error).toMatch(/image 9\.9, which is not loaded/);
  });

  it('a SCOORD3D passes through, unless it is in another frame of reference', () => {
    const g = { dims: 3 as const, graphicType: 'POINT', points: [[0, -1, 2]] as [number, number, number][], frameOfReferenceUID: '1.9', concept: null };
    const r = graphicToLps(g, [], '1.9');
    expect(r.ok && [...r.value[0]!]).toEqual([0, -1, 2]);
    expect(graphicToLps(g, [], '1.8').ok).toBe(false);
  });
});
