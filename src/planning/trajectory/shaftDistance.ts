import { lps, type LpsPoint } from '../../shared/vec3';
import { closestParameterOnSegment } from './closestPointOnSegment';
import { mmToIndex } from './gridTransform';
import { maskContains } from './maskContains';
import type { PreparedMask } from './preparedMask';
import { segmentBoxDistance, type SegmentBoxResult } from './segmentBoxDistance';

/** How close a needle shaft comes to a structure. */
export interface ShaftDistance {
  /**
   * Minimum distance in mm between the shaft (a cylinder of the device's outer radius around
   * entry→target) and the structure's voxels (as boxes); ≤ 0 when they overlap, and −radius
   * when the axis itself passes through the structure.
   */
  distanceMm: number;
  /** The point of the needle axis nearest to the structure. */
  closestOnAxis: LpsPoint;
  /** The point of the structure nearest to the axis. */
  closestOnStructure: LpsPoint;
  /** Distance from the entry along the track to `closestOnAxis`, mm. */
  depthAlongMm: number;
  /** Length of the axis inside the structure, mm (sampled every quarter voxel or 0.25 mm). */
  lengthInsideMm: number;
}

const idx = new Float64Array(3);
const segA = new Float64Array(3);
const segB = new Float64Array(3);
const boxLo = new Float64Array(3);
const boxHi = new Float64Array(3);
const hit: SegmentBoxResult = { distance: 0, t: 0 };

/** Length of the axis inside the mask, and the parameter of the first sample inside (or −1). */
function axisInside(m: PreparedMask, e: LpsPoint, tg: LpsPoint, length: number): { lengthInside: number; firstT: number } {
  const step = Math.min(0.25, Math.min(...m.geometry.spacing) / 4);
  const n = Math.max(1, Math.ceil(length / step));
  let inside = 0, firstT = -1;
  for (let s = 0; s <= n; s++) {
    const t = s / n;
    mmToIndex(m.transform, e[0] + (tg[0] - e[0]) * t, e[1] + (tg[1] - e[1]) * t, e[2] + (tg[2] - e[2]) * t, idx);
    if (maskContains(m, Math.round(idx[0]!), Math.round(idx[1]!), Math.round(idx[2]!))) {
      inside++;
      if (firstT < 0) firstT = t;
    }
  }
  return { lengthInside: (inside / (n + 1)) * length, firstT };
}

/**
 * Distance between the shaft entry→target of radius `radiusMm` and a structure. Branch and
 * bound over the structure's boundary bricks: a brick is opened only when its bounding sphere
 * could beat the best distance so far, so a far structure costs one test per brick. Voxels are
 * boxes on orthogonal grids (exact segment–box distance in the grid's own frame); on sheared
 * grids a voxel counts as its centre less half its diagonal, which can only understate the
 * distance. Null when the structure is empty.
 */
export function shaftDistance(entry: LpsPoint, target: LpsPoint, radiusMm: number, m: PreparedMask): ShaftDistance | null {
  if (m.voxelCount === 0) return null;
  const length = Math.hypot(target[0] - entry[0], target[1] - entry[1], target[2] - entry[2]);
  const along = (t: number): LpsPoint => lps(entry[0] + (target[0] - entry[0]) * t, entry[1] + (target[1] - entry[1]) * t, entry[2] + (target[2] - entry[2]) * t);
  const { lengthInside, firstT } = axisInside(m, entry, target, length);
  if (firstT >= 0) {
    const p = along(firstT);
    return { distanceMm: -radiusMm, closestOnAxis: p, closestOnStructure: p, depthAlongMm: firstT * length, lengthInsideMm: lengthInside };
  }
  const [s0, s1, s2] = m.geometry.spacing;
  const dir = m.geometry.direction;
  const o = m.geometry.origin;
  const ortho = m.transform.orthogonal;
  // The segment in the grid's own Cartesian frame (mm along i, j, k), where voxels are boxes.
  for (let a = 0; a < 3; a++) {
    const d = dir[a]!;
    segA[a] = (entry[0] - o[0]) * d[0] + (entry[1] - o[1]) * d[1] + (entry[2] - o[2]) * d[2];
    segB[a] = (target[0] - o[0]) * d[0] + (target[1] - o[1]) * d[1] + (target[2] - o[2]) * d[2];
  }
  const halfDiag = Math.hypot(s0, s1, s2) / 2;
  const nBricks = m.brickStart.length - 1;
  const bc = m.brickCentre, br = m.brickRadius, pts = m.boundaryMm, ix = m.boundaryIndex;
  const sphereLowerBound = (b: number): number => {
    const cx = bc[3 * b]!, cy = bc[3 * b + 1]!, cz = bc[3 * b + 2]!;
    const t = closestParameterOnSegment(cx, cy, cz, entry[0], entry[1], entry[2], target[0], target[1], target[2]);
    return Math.hypot(entry[0] + (target[0] - entry[0]) * t - cx, entry[1] + (target[1] - entry[1]) * t - cy, entry[2] + (target[2] - entry[2]) * t - cz) - br[b]!;
  };
  let best = Infinity, bestT = 0, bestVoxel = -1;
  const openBrick = (b: number): void => {
    for (let q = m.brickStart[b]!, end = m.brickStart[b + 1]!; q < end; q++) {
      const px = pts[3 * q]!, py = pts[3 * q + 1]!, pz = pts[3 * q + 2]!;
      const t = closestParameterOnSegment(px, py, pz, entry[0], entry[1], entry[2], target[0], target[1], target[2]);
      const centre = Math.hypot(entry[0] + (target[0] - entry[0]) * t - px, entry[1] + (target[1] - entry[1]) * t - py, entry[2] + (target[2] - entry[2]) * t - pz);
      if (centre - halfDiag >= best) continue;
      if (!ortho) {
        best = centre - halfDiag;
        bestT = t;
        bestVoxel = q;
        continue;
      }
      const i = ix[3 * q]!, j = ix[3 * q + 1]!, k = ix[3 * q + 2]!;
      boxLo[0] = (i - 0.5) * s0; boxHi[0] = (i + 0.5) * s0;
      boxLo[1] = (j - 0.5) * s1; boxHi[1] = (j + 0.5) * s1;
      boxLo[2] = (k - 0.5) * s2; boxHi[2] = (k + 0.5) * s2;
      segmentBoxDistance(segA, segB, boxLo, boxHi, hit);
      if (hit.distance < best) {
        best = hit.distance;
        bestT = hit.t;
        bestVoxel = q;
      }
    }
  };
  // Open the most promising brick first so the bound prunes the rest early.
  let first = 0, firstBound = Infinity;
  for (let b = 0; b < nBricks; b++) {
    const lb = sphereLowerBound(b);
    if (lb < firstBound) {
      firstBound = lb;
      first = b;
    }
  }
  openBrick(first);
  for (let b = 0; b < nBricks; b++) if (b !== first && sphereLowerBound(b) < best) openBrick(b);

  const axisPoint = along(bestT);
  // Nearest point of the winning voxel: clamp the axis point to its box (or take its centre).
  let structurePoint: LpsPoint = lps(pts[3 * bestVoxel]!, pts[3 * bestVoxel + 1]!, pts[3 * bestVoxel + 2]!);
  if (ortho) {
    const c = [0, 0, 0];
    for (let a = 0; a < 3; a++) {
      const s = m.geometry.spacing[a]!;
      const lo = (ix[3 * bestVoxel + a]! - 0.5) * s, hi = lo + s;
      const v = segA[a]! + (segB[a]! - segA[a]!) * bestT;
      c[a] = v < lo ? lo : v > hi ? hi : v;
    }
    structurePoint = lps(
      o[0] + c[0]! * dir[0][0] + c[1]! * dir[1][0] + c[2]! * dir[2][0],
      o[1] + c[0]! * dir[0][1] + c[1]! * dir[1][1] + c[2]! * dir[2][1],
      o[2] + c[0]! * dir[0][2] + c[1]! * dir[1][2] + c[2]! * dir[2][2],
    );
  }
  return { distanceMm: best - radiusMm, closestOnAxis: axisPoint, closestOnStructure: structurePoint, depthAlongMm: bestT * length, lengthInsideMm: lengthInside };
}
