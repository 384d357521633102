import type { LpsBox } from '../../../records/postProcedure';
import { isEmptyBox, type VoxelBox } from '../../mask/voxelBox';
import type { VoxelMask } from '../../mask/voxelMask';
import { fillCavities } from '../../segmentation/fillCavities';
import { squaredDistanceMap } from '../../segmentation/squaredDistance';
import type { PlanningVolume } from '../../volume/planningVolume';
import { boxCorners, voxelBoxOfPoints } from '../region';

/**
 * Bone on CT: cancellous bone reads from about 150 HU up, above muscle, blood, disc and
 * cartilage (≤ ~100 HU). Marrow that reads lower is enclosed by cortex and filled below.
 */
export const BONE_HU = 150;

/** Cement this close outside the bone still counts as in it (the 1 mm). */
export const BONE_MARGIN_MM = 1;

/** The planning CT's bone over a block: as segmented, and grown by {@link BONE_MARGIN_MM}. */
export interface BoneMask {
  readonly box: VoxelBox;
  readonly bone: Uint8Array;
  readonly grown: Uint8Array;
}

/**
 * The bone of the planning CT in the region (grown by 5 mm): voxels at or above
 * {@link BONE_HU}, plus the plan's lesions (a lytic lesion reads like soft tissue but is
 * bone's), with the cavities no path through non-bone joins to the block's faces filled
 * (marrow, holes of noise), then grown by 1 mm. Null when the region misses the CT.
 */
export function planningBone(ct: PlanningVolume, region: LpsBox, lesions: readonly VoxelMask[]): BoneMask | null {
  const box = voxelBoxOfPoints(ct, boxCorners(region), 5);
  if (isEmptyBox(box)) return null;
  const [nx, ny] = ct.dimensions;
  const [sx, sy, sz] = box.size;
  const [ox, oy, oz] = box.offset;
  const bone = new Uint8Array(sx * sy * sz);
  const s = ct.scalars;
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      const row = nx * (oy + y + ny * (oz + z)) + ox;
      for (let x = 0; x < sx; x++, q++) if (s[row + x]! >= BONE_HU) bone[q] = 1;
    }
  }
  for (const m of lesions) {
    const [lx, ly, lz] = m.box.offset;
    const [lsx, lsy, lsz] = m.box.size;
    for (let z = 0, p = 0; z < lsz; z++) {
      for (let y = 0; y < lsy; y++) {
        for (let x = 0; x < lsx; x++, p++) {
          if (m.data[p] !== 1) continue;
          const bx = lx + x - ox, by = ly + y - oy, bz = lz + z - oz;
          if (bx < 0 || by < 0 || bz < 0 || bx >= sx || by >= sy || bz >= sz) continue;
          bone[(bz * sy + by) * sx + bx] = 1;
        }
      }
    }
  }
  fillCavities(bone, [sx, sy, sz]);
  const d2 = squaredDistanceMap(bone, [sx, sy, sz], ct.spacing, 1);
  const grown = new Uint8Array(bone.length);
  const r2 = BONE_MARGIN_MM * BONE_MARGIN_MM + 1e-6;
  for (let q = 0; q < grown.length; q++) grown[q] = d2[q]! <= r2 ? 1 : 0;
  return { box, bone, grown };
}
