import { describe, expect, it } from 'vitest';
import { lps, type Vec3 } from '../../../shared/vec3';
import { blurAndNoise, phantomVolume } from '../../testSupport/phantomVolume';
import { findNeedle } from './findNeedle';

/**
 * A body (a cylinder of 60 mm radius round the z axis, 40 HU in −1000 HU air), a bone block
 * (400 HU) round a cement ball (2800 HU, 8 mm radius at the origin) and a steel rod (7500 HU,
 * 1.6 mm radius) from outside the body to its tip, 2 mm from the ball's centre, entering at
 * 20° from the y axis in the y–z plane. The skin crossing of the axis is worked out by hand.
 */
const tip: Vec3 = [0, 2, 0];
/** From the tip out toward the skin: −y (anterior) and 20° up. */
const outward: Vec3 = [0, -Math.cos((20 * Math.PI) / 180), Math.sin((20 * Math.PI) / 180)];

function distToRod(p: Vec3): number {
  const d: Vec3 = [p[0] - tip[0], p[1] - tip[1], p[2] - tip[2]];
  const t = d[0] * outward[0] + d[1] * outward[1] + d[2] * outward[2];
  if (t < 0) return Infinity;
  return Math.hypot(d[0] - outward[0] * t, d[1] - outward[1] * t, d[2] - outward[2] * t);
}

function phantom(fovRadius: number | null) {
  const v = phantomVolume({ dimensions: [120, 200, 120], spacing: [0.75, 0.75, 0.75], origin: lps(-45, -100, -45) }, (x, y, z) => {
    const p: Vec3 = [x, y, z];
    if (distToRod(p) <= 1.6 && p[1] > -95) return 7500;
    if (Math.hypot(x, y, z) <= 8) return 2800;
    if (Math.abs(x) < 20 && Math.abs(y) < 20 && Math.abs(z) < 20) return 400;
    return Math.hypot(x, y) <= 60 ? 40 : -1000;
  });
  blurAndNoise(v, [0.1, 0.1, 0.1], 30, 7);
  if (fovRadius !== null) {
    // Outside the field of view the scanner writes a constant, after its noise.
    const [nx, ny, nz] = v.dimensions;
    for (let k = 0, p = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, p++) {
      if (Math.hypot(-45 + i * 0.75, -100 + j * 0.75) > fovRadius) v.scalars[p] = -1000;
    }
  }
  return v;
}

describe('finding a needle', () => {
  // The body's surface is y = −60 on the axis (x = 0); from the tip at y = 2 the axis falls cos 20° in y per mm.
  const sSkin = (2 + 60) / Math.cos((20 * Math.PI) / 180);
  const skin: Vec3 = [tip[0] + outward[0] * sSkin, tip[1] + outward[1] * sSkin, tip[2] + outward[2] * sSkin];

  const v = phantom(null);

  it('finds the tip, the axis and the skin entry of a steel rod', () => {
    // The planned path 3 mm and 3° off the real one.
    const plannedTarget: Vec3 = [3, 0, 0];
    const plannedEntry: Vec3 = [3, skin[1], skin[2] + 5];
    const found = findNeedle(v, null, plannedEntry, plannedTarget, 2800);
    expect(found).not.toBeNull();
    const f = found!;
    expect(Math.hypot(f.tipLps[0] - tip[0], f.tipLps[1] - tip[1], f.tipLps[2] - tip[2])).toBeLessThan(0.4);
    const cos = -(f.axis[0] * outward[0] + f.axis[1] * outward[1] + f.axis[2] * outward[2]);
    expect((Math.acos(Math.min(1, cos)) * 180) / Math.PI).toBeLessThan(0.3);
    expect(f.entryLps).not.toBeNull();
    expect(Math.hypot(f.entryLps![0] - skin[0], f.entryLps![1] - skin[1], f.entryLps![2] - skin[2])).toBeLessThan(1);
    expect(f.radiusMm).toBeGreaterThan(1.2);
    expect(f.radiusMm).toBeLessThan(2);
  });

  it('says the skin is outside the field of view when the padding comes first', () => {
    // A field of view of 30 mm radius round the z axis: the axis reaches padding at y ≈ −28 mm, inside the body.
    const cut = phantom(30);
    const found = findNeedle(cut, -1000, [0, skin[1], skin[2]], tip, 2800);
    expect(found).not.toBeNull();
    expect(found!.entryLps).toBeNull();
    expect(found!.entryMissing).toBe('field-of-view');
  });

  it('finds nothing where no metal is', () => {
    expect(findNeedle(v, null, [40, -60, 30], [40, 0, 30], 2800)).toBeNull();
  });
});
