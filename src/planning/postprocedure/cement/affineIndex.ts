import type { VolumeGeometry } from '../../volume/volumeGeometry';
import { worldToIndexMatrix } from '../../volume/indexWorld';
import type { Matrix4 } from '../rigid';

/**
 * The affine map from voxel indices of grid `a` to fractional voxel indices of grid `b`,
 * through `m` (a's LPS → b's LPS): 12 numbers, row-major 3×4, so a loop over voxels costs
 * nine multiplications each.
 */
export function indexToIndex(a: VolumeGeometry, m: Matrix4, b: VolumeGeometry): Float64Array {
  const [d0, d1, d2] = a.direction;
  const cols = [
    [d0[0] * a.spacing[0], d0[1] * a.spacing[0], d0[2] * a.spacing[0]],
    [d1[0] * a.spacing[1], d1[1] * a.spacing[1], d1[2] * a.spacing[1]],
    [d2[0] * a.spacing[2], d2[1] * a.spacing[2], d2[2] * a.spacing[2]],
  ];
  const w = worldToIndexMatrix(b);
  const lin = (v: readonly number[]) => [0, 1, 2].map((r) => m[r * 4]! * v[0]! + m[r * 4 + 1]! * v[1]! + m[r * 4 + 2]! * v[2]!);
  const toIdx = (v: readonly number[]) => [0, 1, 2].map((r) => w[r * 3]! * v[0]! + w[r * 3 + 1]! * v[1]! + w[r * 3 + 2]! * v[2]!);
  const o = [0, 1, 2].map((r) => m[r * 4]! * a.origin[0] + m[r * 4 + 1]! * a.origin[1] + m[r * 4 + 2]! * a.origin[2] + m[r * 4 + 3]! - b.origin[r]!);
  const base = toIdx(o);
  const ax = cols.map((c) => toIdx(lin(c)));
  const out = new Float64Array(12);
  for (let r = 0; r < 3; r++) {
    out[r * 4] = ax[0]![r]!;
    out[r * 4 + 1] = ax[1]![r]!;
    out[r * 4 + 2] = ax[2]![r]!;
    out[r * 4 + 3] = base[r]!;
  }
  return out;
}
