import type { Vec3 } from '../../../shared/vec3';
import type { VoxelMask } from '../../mask/voxelMask';
import type { VolumeGeometry } from '../../volume/volumeGeometry';
import { indexToWorld } from '../../volume/indexWorld';
import { voxel } from '../../../shared/vec3';
import { voxelVolumeMm3 } from '../../volume/volumeGeometry';
import { squaredDistanceMap } from '../../segmentation/squaredDistance';
import { components26 } from '../components26';
import { applyMatrix, type Matrix4 } from '../rigid';
import { indexToIndex } from './affineIndex';
import type { BoneMask } from './boneMask';

/** Leaks smaller than this are specks (noise, partial volume at the bone's edge), not reported. */
export const MIN_LEAK_ML = 0.02;

/** One piece of cement outside the bone. */
export interface LeakComponent {
  readonly volumeMl: number;
  /** Its voxels' centres in planning LPS, flat xyz. */
  readonly pointsLps: Float64Array;
  readonly centreLps: Vec3;
  /** The largest distance (mm) from a leak voxel to the nearest voxel outside the leak: half its thickness at the thickest. */
  readonly inscribedRadiusMm: number;
}

/**
 * Cement outside the planning CT's bone: each cement voxel's centre taken through `toPlanning`
 * (CBCT LPS → planning LPS) to the nearest planning voxel, a leak voxel when that voxel is not
 * in the grown bone (or outside the block the bone was segmented in). Leak voxels form
 * 26-connected components in the CBCT grid; those under {@link MIN_LEAK_ML} are dropped.
 * Largest first.
 */
export function leakComponents(cbct: VolumeGeometry, cement: VoxelMask, toPlanning: Matrix4, ct: VolumeGeometry, bone: BoneMask): LeakComponent[] {
  const a = indexToIndex(cbct, toPlanning, ct);
  const [ox, oy, oz] = cement.box.offset;
  const [sx, sy, sz] = cement.box.size;
  const [bx, by, bz] = bone.box.offset;
  const [bsx, bsy, bsz] = bone.box.size;
  const leak = new Uint8Array(cement.data.length);
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, q++) {
        if (cement.data[q] !== 1) continue;
        const i = ox + x, j = oy + y, k = oz + z;
        const fi = Math.round(a[0]! * i + a[1]! * j + a[2]! * k + a[3]!) - bx;
        const fj = Math.round(a[4]! * i + a[5]! * j + a[6]! * k + a[7]!) - by;
        const fk = Math.round(a[8]! * i + a[9]! * j + a[10]! * k + a[11]!) - bz;
        const inBone = fi >= 0 && fj >= 0 && fk >= 0 && fi < bsx && fj < bsy && fk < bsz && bone.grown[(fk * bsy + fj) * bsx + fi] === 1;
        if (!inBone) leak[q] = 1;
      }
    }
  }
  const { labels, sizes } = components26(leak, [sx, sy, sz]);
  const inner = innerDistance2(leak, [sx, sy, sz], cbct.spacing);
  const deepest = new Float64Array(sizes.length);
  const vml = voxelVolumeMm3(cbct) / 1000;
  const keep = sizes.map((n, l) => l > 0 && n * vml >= MIN_LEAK_ML);
  const points = sizes.map((n, l) => (keep[l] ? new Float64Array(n * 3) : null));
  const filled = new Int32Array(sizes.length);
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, q++) {
        const l = labels[q]!;
        if (l === 0 || !keep[l]) continue;
        if (inner[q]! > deepest[l]!) deepest[l] = inner[q]!;
        const w = applyMatrix(toPlanning, indexToWorld(cbct, voxel(ox + x, oy + y, oz + z)));
        const arr = points[l]!;
        const n = filled[l]!++;
        arr[3 * n] = w[0];
        arr[3 * n + 1] = w[1];
        arr[3 * n + 2] = w[2];
      }
    }
  }
  const out: LeakComponent[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const pts = points[l];
    if (!pts) continue;
    const n = sizes[l]!;
    let cx = 0, cy = 0, cz = 0;
    for (let p = 0; p < n; p++) {
      cx += pts[3 * p]!;
      cy += pts[3 * p + 1]!;
      cz += pts[3 * p + 2]!;
    }
    out.push({ volumeMl: n * vml, pointsLps: pts, centreLps: [cx / n, cy / n, cz / n], inscribedRadiusMm: Math.sqrt(deepest[l]!) });
  }
  return out.sort((p, q) => q.volumeMl - p.volumeMl);
}

/** Squared distance (mm²) from each leak voxel to the nearest non-leak voxel, computed in the leak voxels' tight box (grown by 2): elsewhere 0. */
function innerDistance2(leak: Uint8Array, size: readonly [number, number, number], spacing: readonly [number, number, number]): Float32Array {
  const [sx, sy, sz] = size;
  const lo = [Infinity, Infinity, Infinity], hi = [-1, -1, -1];
  for (let z = 0, q = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, q++) {
    if (leak[q] !== 1) continue;
    lo[0] = Math.min(lo[0]!, x); hi[0] = Math.max(hi[0]!, x);
    lo[1] = Math.min(lo[1]!, y); hi[1] = Math.max(hi[1]!, y);
    lo[2] = Math.min(lo[2]!, z); hi[2] = Math.max(hi[2]!, z);
  }
  const out = new Float32Array(leak.length);
  if (hi[0]! < 0) return out;
  const a = [0, 1, 2].map((d) => Math.max(0, lo[d]! - 2)), b = [0, 1, 2].map((d) => Math.min(size[d]! - 1, hi[d]! + 2));
  const bs: [number, number, number] = [b[0]! - a[0]! + 1, b[1]! - a[1]! + 1, b[2]! - a[2]! + 1];
  const sub = new Uint8Array(bs[0] * bs[1] * bs[2]);
  for (let z = 0, p = 0; z < bs[2]; z++) for (let y = 0; y < bs[1]; y++) for (let x = 0; x < bs[0]; x++, p++) sub[p] = leak[((z + a[2]!) * sy + y + a[1]!) * sx + x + a[0]!]!;
  const d = squaredDistanceMap(sub, bs, spacing, 0);
  for (let z = 0, p = 0; z < bs[2]; z++) for (let y = 0; y < bs[1]; y++) for (let x = 0; x < bs[0]; x++, p++) out[((z + a[2]!) * sy + y + a[1]!) * sx + x + a[0]!] = d[p]!;
  return out;
}
