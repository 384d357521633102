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

const distToSegment2 = (p: Vec3, a: Vec3, b: Vec3): number => {
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const l2 = ab[0]! ** 2 + ab[1]! ** 2 + ab[2]! ** 2;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, (ap[0]! * ab[0]! + ap[1]! * ab[1]! + ap[2]! * ab[2]!) / l2));
  return (ap[0]! - t * ab[0]!) ** 2 + (ap[1]! - t * ab[1]!) ** 2 + (ap[2]! - t * ab[2]!) ** 2;
};

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
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, q++) {
        const w = indexToWorld(cbct, voxel(ox + x, oy + y, oz + z));
        if (distToSegment2(w, from, to) > r2) continue;
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
