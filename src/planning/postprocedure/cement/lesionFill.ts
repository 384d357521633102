import type { VoxelMask } from '../../mask/voxelMask';
import { voxelVolumeMm3, type VolumeGeometry } from '../../volume/volumeGeometry';
import type { Matrix4 } from '../rigid';
import { indexToIndex } from './affineIndex';

/** How much of a lesion holds cement. */
export interface LesionFill {
  readonly fillPct: number;
  readonly lesionVolumeMl: number;
  readonly cementInLesionMl: number;
}

/**
 * The fill of a lesion drawn on the planning CT: each of its voxels' centres is taken through
 * `m` (planning LPS → CBCT LPS) to the nearest CBCT voxel, and counts as filled when the cement
 * mask holds that voxel. Volumes use the planning CT's voxel.
 */
export function lesionFill(ct: VolumeGeometry, lesion: VoxelMask, m: Matrix4, cbct: VolumeGeometry, cement: VoxelMask): LesionFill {
  const a = indexToIndex(ct, m, cbct);
  const [cx, cy, cz] = cement.box.offset;
  const [csx, csy, csz] = cement.box.size;
  const [ox, oy, oz] = lesion.box.offset;
  const [sx, sy, sz] = lesion.box.size;
  let total = 0, hit = 0;
  for (let z = 0, p = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) {
        if (lesion.data[p] !== 1) continue;
        total++;
        const i = ox + x, j = oy + y, k = oz + z;
        const fi = Math.round(a[0]! * i + a[1]! * j + a[2]! * k + a[3]!) - cx;
        const fj = Math.round(a[4]! * i + a[5]! * j + a[6]! * k + a[7]!) - cy;
        const fk = Math.round(a[8]! * i + a[9]! * j + a[10]! * k + a[11]!) - cz;
        if (fi < 0 || fj < 0 || fk < 0 || fi >= csx || fj >= csy || fk >= csz) continue;
        if (cement.data[(fk * csy + fj) * csx + fi] === 1) hit++;
      }
    }
  }
  const v = voxelVolumeMm3(ct) / 1000;
  return { fillPct: total === 0 ? 0 : (100 * hit) / total, lesionVolumeMl: total * v, cementInLesionMl: hit * v };
}
