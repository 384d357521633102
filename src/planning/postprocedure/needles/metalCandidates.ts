import { voxel, type Vec3 } from '../../../shared/vec3';
import { isEmptyBox } from '../../mask/voxelBox';
import { indexToWorld } from '../../volume/indexWorld';
import type { PlanningVolume } from '../../volume/planningVolume';
import { CEMENT_FLOOR_HU } from '../cement/cementLevels';
import { components26 } from '../components26';
import { voxelBoxOfPoints } from '../region';

/** The voxels of one bright, connected piece near a planned path (CBCT linear indices, values). */
export interface MetalPiece {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** What the search near one planned path found. */
export interface MetalSearch {
  readonly pieces: readonly MetalPiece[];
  /** The threshold metal was taken above (HU). */
  readonly thresholdHu: number;
  /** The high end of the path's histogram (HU). */
  readonly highHu: number;
}

const sub3 = (a: Vec3, b: Vec3): [number, number, number] => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

/**
 * Metal near a planned path (CBCT LPS): the voxels within `radiusMm` of the segment from
 * `from` to `to`, thresholded halfway between the high end of their histogram (the 20th
 * brightest voxel, inside any metal there) and `cementHu` (the scan's cement peak, or the
 * cement floor) — only when that high end reads well above cement (× 1.5), as steel does and
 * cement, bone or streaks do not. The pieces are its 26-connected components of at least 8 voxels.
 */
export function metalNearPath(cbct: PlanningVolume, from: Vec3, to: Vec3, radiusMm: number, cementHu: number | null): MetalSearch | null {
  const box = voxelBoxOfPoints(cbct, [from, to], radiusMm);
  if (isEmptyBox(box)) return null;
  const [nx, ny] = cbct.dimensions;
  const [sx, sy, sz] = box.size;
  const [ox, oy, oz] = box.offset;
  const inside = new Uint8Array(sx * sy * sz);
  const r2 = radiusMm * radiusMm;
  const top: number[] = [];
  const K = 20;
  const s = cbct.scalars;
  // Voxel centres by one affine step per voxel: the box can hold a million voxels.
  const o = indexToWorld(cbct, voxel(ox, oy, oz));
  const ex = sub3(indexToWorld(cbct, voxel(ox + 1, oy, oz)), o), ey = sub3(indexToWorld(cbct, voxel(ox, oy + 1, oz)), o), ez = sub3(indexToWorld(cbct, voxel(ox, oy, oz + 1)), o);
  const ab = sub3(to, from);
  const l2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, q++) {
        const px = o[0] + x * ex[0] + y * ey[0] + z * ez[0] - from[0];
        const py = o[1] + x * ex[1] + y * ey[1] + z * ez[1] - from[1];
        const pz = o[2] + x * ex[2] + y * ey[2] + z * ez[2] - from[2];
        let t = l2 === 0 ? 0 : (px * ab[0] + py * ab[1] + pz * ab[2]) / l2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const dx = px - t * ab[0], dy = py - t * ab[1], dz = pz - t * ab[2];
        if (dx * dx + dy * dy + dz * dz > r2) continue;
        inside[q] = 1;
        const v = s[ox + x + nx * (oy + y + ny * (oz + z))]!;
        if (top.length < K) {
          top.push(v);
          if (top.length === K) top.sort((a, b) => a - b);
        } else if (v > top[0]!) {
          top[0] = v;
          top.sort((a, b) => a - b);
        }
      }
    }
  }
  if (top.length < K) return null;
  const highHu = top[0]!;
  const ref = Math.max(cementHu ?? CEMENT_FLOOR_HU, CEMENT_FLOOR_HU);
  if (highHu < 1.5 * ref) return { pieces: [], thresholdHu: Infinity, highHu };
  const thresholdHu = (highHu + ref) / 2;
  const bits = new Uint8Array(inside.length);
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, q++) if (inside[q] === 1 && s[ox + x + nx * (oy + y + ny * (oz + z))]! >= thresholdHu) bits[q] = 1;
    }
  }
  const { labels, sizes } = components26(bits, [sx, sy, sz]);
  const pieces: { indices: number[]; values: number[] }[] = sizes.map(() => ({ indices: [], values: [] }));
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, q++) {
        const l = labels[q]!;
        if (l === 0 || sizes[l]! < 8) continue;
        const p = ox + x + nx * (oy + y + ny * (oz + z));
        pieces[l]!.indices.push(p);
        pieces[l]!.values.push(s[p]!);
      }
    }
  }
  return {
    pieces: pieces.filter((p) => p.indices.length >= 8).map((p) => ({ indices: Int32Array.from(p.indices), values: Float64Array.from(p.values) })),
    thresholdHu,
    highHu,
  };
}

/** LPS centres of CBCT voxels given by linear index, as a flat xyz array. */
export function voxelCentres(cbct: PlanningVolume, indices: ArrayLike<number>): Float64Array {
  const [nx, ny] = cbct.dimensions;
  const out = new Float64Array(indices.length * 3);
  for (let n = 0; n < indices.length; n++) {
    const p = indices[n]!;
    const i = p % nx, j = Math.floor(p / nx) % ny, k = Math.floor(p / (nx * ny));
    const w = indexToWorld(cbct, voxel(i, j, k));
    out[3 * n] = w[0];
    out[3 * n + 1] = w[1];
    out[3 * n + 2] = w[2];
  }
  return out;
}
