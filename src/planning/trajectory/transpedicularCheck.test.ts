import { describe, expect, it } from 'vitest';
import { lps, type LpsPoint } from '../../shared/vec3';
import type { ScalarVolume } from './gridGeometry';
import { gridTransform, indexToMm } from './gridTransform';
import { prepareMask } from './preparedMask';
import { axisGrid, maskWhere } from './syntheticGrids';
import { transpedicularCheck } from './transpedicularCheck';

// A box "pedicle" on a 0.5 mm grid: bone for x ∈ [5, 15], y ∈ [0, 30], |z| ≤ 8 (voxel
// centres); its outer 1 mm is cortex (1000 HU), the rest cancellous (200 HU). The canal is the
// soft tissue medial to it (x < 5), with its centre at (0, 15, 0).
const grid = axisGrid([51, 111, 49], [0.5, 0.5, 0.5], [-5, -10, -12]);
const isBone = (p: LpsPoint) => p[0] >= 5 && p[0] <= 15 && p[1] >= 0 && p[1] <= 30 && Math.abs(p[2]) <= 8;
const isCortex = (p: LpsPoint) => isBone(p) && (p[0] < 6 || p[0] >= 14 || Math.abs(p[2]) >= 7 || p[1] < 1 || p[1] >= 29);
function ct(): ScalarVolume {
  const [nx, ny, nz] = grid.dimensions;
  const t = gridTransform(grid);
  const scalars = new Float32Array(nx * ny * nz);
  const p = [0, 0, 0];
  for (let k = 0, q = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, q++) {
    indexToMm(t, i, j, k, p);
    const at = lps(p[0]!, p[1]!, p[2]!);
    scalars[q] = isCortex(at) ? 1000 : isBone(at) ? 200 : 30;
  }
  return { ...grid, scalars };
}
const volume = ct();
const canal = lps(0, 15, 0);

describe('transpedicularCheck', () => {
  it('finds the medial cortex where HU crosses 700: 4.3125 mm from the axis, clearance 2.7875 mm', () => {
    // Along x the voxel centres are 200 HU at 6.0 and 1000 HU at 5.5, so the trilinear HU is
    // 700 at x = 6.0 − 0.5 × 500/800 = 5.6875, 4.3125 mm from the axis at x = 10.
    const r = transpedicularCheck({ entry: lps(10, 40, 0), target: lps(10, 5, 0), radiusMm: 1.525, bone: { kind: 'hu', volume }, canalPoint: canal });
    expect(r.medialWallClearanceMm).toBeCloseTo(4.3125 - 1.525, 9);
    expect(r.breach).toBe(false);
    expect(r.wallPoint![0]).toBeCloseTo(5.6875, 9);
    expect(r.pointsChecked).toBeGreaterThan(40);
  });

  it('flags a breach when the shaft cuts into the medial wall', () => {
    const r = transpedicularCheck({ entry: lps(7, 40, 0), target: lps(7, 5, 0), radiusMm: 1.525, bone: { kind: 'hu', volume }, canalPoint: canal });
    expect(r.medialWallClearanceMm).toBeCloseTo(1.3125 - 1.525, 9);
    expect(r.breach).toBe(true);
  });

  it('with a bone mask, measures to the bone surface on the canal side', () => {
    const mask = prepareMask(maskWhere(grid, isBone));
    const r = transpedicularCheck({ entry: lps(10, 40, 0), target: lps(10, 5, 0), radiusMm: 1.525, bone: { kind: 'mask', mask }, canalPoint: canal });
    expect(r.medialWallClearanceMm).toBeCloseTo(5.5 - 1.525, 9);
  });

  it('checks nothing when the track never runs in bone beside the canal', () => {
    const r = transpedicularCheck({ entry: lps(10, 40, 0), target: lps(10, 5, 0), radiusMm: 1.525, bone: { kind: 'hu', volume }, canalPoint: lps(-60, 15, 0) });
    expect(r).toMatchObject({ medialWallClearanceMm: null, pointsChecked: 0 });
  });
});
