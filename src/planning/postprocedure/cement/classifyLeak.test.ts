import { describe, expect, it } from 'vitest';
import { lps, type Vec3 } from '../../../shared/vec3';
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../volume/volumeGeometry';
import type { BoneMask } from './boneMask';
import { classifyLeak, isThin } from './classifyLeak';
import type { LeakComponent } from './leakComponents';
import type { StructureShape } from './structureDistance';

/** Two vertebral bodies (cylinders of 15 mm radius round the z axis), z −16…−3 and 3…16, 1 mm voxels over ±30 mm. */
const ct: VolumeGeometry = { dimensions: [61, 61, 61], spacing: [1, 1, 1], origin: lps(-30, -30, -30), direction: IDENTITY_DIRECTION };
function bodies(): BoneMask {
  const bone = new Uint8Array(61 ** 3);
  for (let k = 0, p = 0; k < 61; k++) for (let j = 0; j < 61; j++) for (let i = 0; i < 61; i++, p++) {
    const x = i - 30, y = j - 30, z = k - 30;
    if (Math.hypot(x, y) <= 15 && Math.abs(z) >= 3 && Math.abs(z) <= 16) bone[p] = 1;
  }
  return { box: { offset: [0, 0, 0], size: [61, 61, 61] }, bone, grown: bone };
}
const bone = bodies();
/** The treated body: the upper one. */
const treated = { kind: 'spine' as const, centreLps: [0, 0, 9.5] as Vec3 };
const pelvis = { kind: 'pelvis' as const, centreLps: [0, 0, 9.5] as Vec3 };

const leak = (centre: Vec3, volumeMl: number, inscribedRadiusMm: number): LeakComponent => ({ volumeMl, centreLps: centre, inscribedRadiusMm, pointsLps: Float64Array.from(centre) });
const shape = (kind: StructureShape['kind'], name: string): StructureShape => ({ id: name, name, kind, distanceMm: () => 0 });

describe('leak classes', () => {
  it('thin: a 3 mm strand of 0.2 mL (28 mm long) is; a 0.25 mL ball (radius 3.9 mm) is not', () => {
    expect(isThin(leak([0, 0, 0], 0.2, 1.125), 0.75)).toBe(true);
    expect(isThin(leak([0, 0, 0], 0.25, 3.5), 0.75)).toBe(false);
  });

  it('spine: disc between two bodies, canal when touching it, basivertebral behind in the midline, segmental when thin, else a cortical defect', () => {
    // In the gap between the bodies (z 0), 5 mm off the axis: bone 3 mm above and below.
    expect(classifyLeak(leak([5, -3, 0], 0.3, 1), treated, [], ct, bone, 0.75)).toBe('disc');
    expect(classifyLeak(leak([0, 19, 10], 0.2, 1), treated, [{ shape: shape('spinal-canal', 'canal'), distanceMm: 0.5 }], ct, bone, 0.75)).toBe('canal');
    // Behind the body (y > 0 is posterior), within 0.35·dy of the midline, not touching the canal (3 mm away).
    expect(classifyLeak(leak([2, 18, 10], 0.2, 2.5), treated, [{ shape: shape('spinal-canal', 'canal'), distanceMm: 3 }], ct, bone, 0.75)).toBe('basivertebral-venous');
    expect(classifyLeak(leak([21, 6, 10], 0.2, 1.125), treated, [], ct, bone, 0.75)).toBe('segmental-venous');
    expect(classifyLeak(leak([-9, -17, 10], 0.25, 3.5), treated, [], ct, bone, 0.75)).toBe('cortical-defect');
    // Outside the column's footprint (25 mm off), a gap between bones is not a disc.
    expect(classifyLeak(leak([25, 0, 0], 0.25, 3.5), treated, [], ct, bone, 0.75)).toBe('cortical-defect');
  });

  it('pelvis: intra-articular when touching a joint space, venous when thin, soft tissue otherwise', () => {
    expect(classifyLeak(leak([21, 6, 10], 0.2, 3.5), pelvis, [{ shape: shape('other', 'Right hip joint space'), distanceMm: 0 }], ct, bone, 0.75)).toBe('intra-articular');
    expect(classifyLeak(leak([21, 6, 10], 0.2, 3.5), pelvis, [{ shape: shape('other', 'Right hip joint space'), distanceMm: 4 }], ct, bone, 0.75)).toBe('soft-tissue');
    expect(classifyLeak(leak([21, 6, 10], 0.2, 1.125), pelvis, [], ct, bone, 0.75)).toBe('venous');
  });
});
