import type { LpsBox } from '../../records/postProcedure';
import { lps, voxel, type Vec3 } from '../../shared/vec3';
import { boxFromCorners, fullBox, intersectBoxes, type VoxelBox } from '../mask/voxelBox';
import { tightBox } from '../mask/tightBox';
import type { PlanDraft } from '../plan/planDraft';
import { indexToWorld, worldToIndex } from '../volume/indexWorld';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { applyMatrix, type Matrix4 } from './rigid';

/** The eight corners of an LPS box. */
export function boxCorners(b: LpsBox): Vec3[] {
  const out: Vec3[] = [];
  for (const x of [b.minLps[0], b.maxLps[0]]) for (const y of [b.minLps[1], b.maxLps[1]]) for (const z of [b.minLps[2], b.maxLps[2]]) out.push([x, y, z]);
  return out;
}

/** The LPS box holding points. */
export function lpsBoxOf(points: readonly Vec3[]): LpsBox {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const p of points) for (let a = 0; a < 3; a++) {
    min[a] = Math.min(min[a]!, p[a]!);
    max[a] = Math.max(max[a]!, p[a]!);
  }
  return { minLps: min, maxLps: max };
}

/** The voxels of a grid whose centres can fall inside the box of `points` (grown by `marginMm`), clipped to the grid. */
export function voxelBoxOfPoints(g: VolumeGeometry, points: readonly Vec3[], marginMm = 0): VoxelBox {
  const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
  const grown = marginMm > 0 ? boxCorners(grow(lpsBoxOf(points), marginMm)) : points;
  for (const p of grown) {
    const f = worldToIndex(g, lps(p[0], p[1], p[2]));
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a]!, Math.floor(f[a]!));
      max[a] = Math.max(max[a]!, Math.ceil(f[a]!));
    }
  }
  return intersectBoxes(boxFromCorners(min, max), fullBox(g.dimensions));
}

/** The voxel box of another grid covering a planning-LPS box mapped through `m`. */
export function mappedVoxelBox(g: VolumeGeometry, region: LpsBox, m: Matrix4): VoxelBox {
  return voxelBoxOfPoints(g, boxCorners(region).map((p) => applyMatrix(m, p)));
}

const grow = (b: LpsBox, mm: number): LpsBox => ({
  minLps: [b.minLps[0] - mm, b.minLps[1] - mm, b.minLps[2] - mm],
  maxLps: [b.maxLps[0] + mm, b.maxLps[1] + mm, b.maxLps[2] + mm],
});

/** The LPS box of a grid's voxel centres. */
export function gridLpsBox(g: VolumeGeometry): LpsBox {
  const [nx, ny, nz] = g.dimensions;
  const corners: Vec3[] = [];
  for (const i of [0, nx - 1]) for (const j of [0, ny - 1]) for (const k of [0, nz - 1]) corners.push(indexToWorld(g, voxel(i, j, k)));
  return lpsBoxOf(corners);
}

/**
 * The default registration and analysis region: the LPS box of the plan's lesion masks
 * (their voxel centres' tight box) grown by `marginMm`, clipped to the CT. Null when the plan
 * has no lesion mask on this grid.
 */
export function lesionRegion(ct: VolumeGeometry, plan: PlanDraft, marginMm: number): LpsBox | null {
  const corners: Vec3[] = [];
  for (const l of plan.lesions) {
    if (!l.mask) continue;
    const b = tightBox(l.mask);
    if (b.size.some((s) => s <= 0)) continue;
    for (const i of [b.offset[0], b.offset[0] + b.size[0] - 1]) for (const j of [b.offset[1], b.offset[1] + b.size[1] - 1]) for (const k of [b.offset[2], b.offset[2] + b.size[2] - 1]) {
      corners.push(indexToWorld(ct, voxel(i, j, k)));
    }
  }
  if (corners.length === 0) return null;
  const g = grow(lpsBoxOf(corners), marginMm);
  const c = gridLpsBox(ct);
  const min: [number, number, number] = [0, 1, 2].map((a) => Math.max(g.minLps[a]!, c.minLps[a]!)) as [number, number, number];
  const max: [number, number, number] = [0, 1, 2].map((a) => Math.min(g.maxLps[a]!, c.maxLps[a]!)) as [number, number, number];
  if (min.some((v, a) => v > max[a]!)) return null;
  return { minLps: min, maxLps: max };
}
