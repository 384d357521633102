import type { BinaryVolume, GridGeometry } from './gridGeometry';
import { gridTransform, indexToMm, type GridTransform } from './gridTransform';

/**
 * A mask (lesion or structure at risk) indexed once for fast metrics while trajectories move:
 * its rows as runs (for counting voxels inside analytic zones a row at a time), and its
 * boundary voxels grouped into 8×8×8 bricks with bounding spheres (for branch-and-bound
 * distance searches). Built when the mask changes, never per frame.
 */
export interface PreparedMask {
  readonly geometry: GridGeometry;
  readonly transform: GridTransform;
  /** Number of mask voxels. */
  readonly voxelCount: number;
  /** Volume of one voxel in mm³. */
  readonly voxelVolumeMm3: number;
  /** Inclusive index bounds of the mask voxels (min > max on an axis when empty). */
  readonly min: readonly [number, number, number];
  readonly max: readonly [number, number, number];
  /**
   * Runs by row: the rows are (j, k) for j in [min j, max j], k in [min k, max k], row r =
   * (j − min j) + (k − min k)·rowsPerSlice. Runs of row r are `runs[2p], runs[2p+1]` (first i,
   * one past the last i) for p in [rowStart[r], rowStart[r+1]).
   */
  readonly rowsPerSlice: number;
  readonly rowStart: Int32Array;
  readonly runs: Int32Array;
  /** Boundary voxels (a 6-neighbour outside the mask), sorted by brick: index triples and LPS centres. */
  readonly boundaryIndex: Int32Array;
  readonly boundaryMm: Float64Array;
  /** Boundary voxels of brick b are [brickStart[b], brickStart[b+1]). */
  readonly brickStart: Int32Array;
  /** Bounding sphere (LPS centre, radius mm) of each brick's voxel boxes. */
  readonly brickCentre: Float64Array;
  readonly brickRadius: Float64Array;
}

const BRICK_SHIFT = 3;

function voxelVolume(g: GridGeometry): number {
  const [a, b, c] = g.direction;
  const det = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  return Math.abs(det) * g.spacing[0] * g.spacing[1] * g.spacing[2];
}

/** Indexes a mask for the trajectory and zone metrics. */
export function prepareMask(mask: BinaryVolume): PreparedMask {
  const g = mask.geometry;
  const t = gridTransform(g);
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  const data = mask.data;
  if (data.length !== sx * sy * sz) throw new Error(`Mask data has ${data.length} values for a box of ${sx}×${sy}×${sz}`);
  const inside = (x: number, y: number, z: number): boolean =>
    x >= 0 && y >= 0 && z >= 0 && x < sx && y < sy && z < sz && data[x + sx * (y + sy * z)] !== 0;

  // Tight bounds and count.
  let count = 0;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let z = 0, p = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) {
        if (data[p] === 0) continue;
        count++;
        if (x < lo[0]!) lo[0] = x;
        if (x > hi[0]!) hi[0] = x;
        if (y < lo[1]!) lo[1] = y;
        if (y > hi[1]!) hi[1] = y;
        if (z < lo[2]!) lo[2] = z;
        if (z > hi[2]!) hi[2] = z;
      }
    }
  }
  const base = { geometry: g, transform: t, voxelCount: count, voxelVolumeMm3: voxelVolume(g) };
  if (count === 0) {
    return {
      ...base,
      min: [0, 0, 0],
      max: [-1, -1, -1],
      rowsPerSlice: 0,
      rowStart: new Int32Array(1),
      runs: new Int32Array(0),
      boundaryIndex: new Int32Array(0),
      boundaryMm: new Float64Array(0),
      brickStart: new Int32Array(1),
      brickCentre: new Float64Array(0),
      brickRadius: new Float64Array(0),
    };
  }
  const [x0, y0, z0] = [lo[0]!, lo[1]!, lo[2]!];
  const [x1, y1, z1] = [hi[0]!, hi[1]!, hi[2]!];
  const rowsPerSlice = y1 - y0 + 1;
  const rowCount = rowsPerSlice * (z1 - z0 + 1);

  // Runs, row by row.
  const rowStart = new Int32Array(rowCount + 1);
  const runList: number[] = [];
  let boundaryCount = 0;
  for (let z = z0; z <= z1; z++) {
    for (let y = y0; y <= y1; y++) {
      const r = y - y0 + rowsPerSlice * (z - z0);
      rowStart[r] = runList.length / 2;
      let x = x0;
      const row = sx * (y + sy * z);
      while (x <= x1) {
        if (data[row + x] === 0) {
          x++;
          continue;
        }
        const start = x;
        while (x <= x1 && data[row + x] !== 0) {
          if (!inside(x - 1, y, z) || !inside(x + 1, y, z) || !inside(x, y - 1, z) || !inside(x, y + 1, z) || !inside(x, y, z - 1) || !inside(x, y, z + 1)) boundaryCount++;
          x++;
        }
        runList.push(start + ox, x + ox);
      }
    }
  }
  rowStart[rowCount] = runList.length / 2;

  // Boundary voxels, counting-sorted by brick.
  const bx = ((x1 - x0) >> BRICK_SHIFT) + 1, by = ((y1 - y0) >> BRICK_SHIFT) + 1, bz = ((z1 - z0) >> BRICK_SHIFT) + 1;
  const brickOf = (x: number, y: number, z: number) =>
    ((x - x0) >> BRICK_SHIFT) + bx * (((y - y0) >> BRICK_SHIFT) + by * ((z - z0) >> BRICK_SHIFT));
  const perBrick = new Int32Array(bx * by * bz + 1);
  const isBoundary = (x: number, y: number, z: number) =>
    !inside(x - 1, y, z) || !inside(x + 1, y, z) || !inside(x, y - 1, z) || !inside(x, y + 1, z) || !inside(x, y, z - 1) || !inside(x, y, z + 1);
  for (let z = z0; z <= z1; z++) for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
    if (data[x + sx * (y + sy * z)] !== 0 && isBoundary(x, y, z)) perBrick[brickOf(x, y, z) + 1]!++;
  }
  // Compact away empty bricks.
  const nonEmpty: number[] = [];
  for (let b = 0; b < bx * by * bz; b++) if (perBrick[b + 1]! > 0) nonEmpty.push(b);
  const slotOf = new Int32Array(bx * by * bz).fill(-1);
  nonEmpty.forEach((b, s) => (slotOf[b] = s));
  const brickStart = new Int32Array(nonEmpty.length + 1);
  for (let s = 0; s < nonEmpty.length; s++) brickStart[s + 1] = brickStart[s]! + perBrick[nonEmpty[s]! + 1]!;
  const fill = brickStart.slice(0, nonEmpty.length);
  const boundaryIndex = new Int32Array(boundaryCount * 3);
  const boundaryMm = new Float64Array(boundaryCount * 3);
  const bmin = new Int32Array(nonEmpty.length * 3).fill(2 ** 30);
  const bmax = new Int32Array(nonEmpty.length * 3).fill(-(2 ** 30));
  const p3 = new Float64Array(3);
  for (let z = z0; z <= z1; z++) for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
    if (data[x + sx * (y + sy * z)] === 0 || !isBoundary(x, y, z)) continue;
    const s = slotOf[brickOf(x, y, z)]!;
    const q = fill[s]!++;
    const i = x + ox, j = y + oy, k = z + oz;
    boundaryIndex[3 * q] = i;
    boundaryIndex[3 * q + 1] = j;
    boundaryIndex[3 * q + 2] = k;
    indexToMm(t, i, j, k, p3);
    boundaryMm.set(p3, 3 * q);
    if (i < bmin[3 * s]!) bmin[3 * s] = i;
    if (j < bmin[3 * s + 1]!) bmin[3 * s + 1] = j;
    if (k < bmin[3 * s + 2]!) bmin[3 * s + 2] = k;
    if (i > bmax[3 * s]!) bmax[3 * s] = i;
    if (j > bmax[3 * s + 1]!) bmax[3 * s + 1] = j;
    if (k > bmax[3 * s + 2]!) bmax[3 * s + 2] = k;
  }
  const brickCentre = new Float64Array(nonEmpty.length * 3);
  const brickRadius = new Float64Array(nonEmpty.length);
  for (let s = 0; s < nonEmpty.length; s++) {
    const ci = (bmin[3 * s]! + bmax[3 * s]!) / 2, cj = (bmin[3 * s + 1]! + bmax[3 * s + 1]!) / 2, ck = (bmin[3 * s + 2]! + bmax[3 * s + 2]!) / 2;
    indexToMm(t, ci, cj, ck, p3);
    brickCentre.set(p3, 3 * s);
    // Farthest corner of the voxel boxes from the centre (corners are half a voxel out).
    let r2 = 0;
    for (let c = 0; c < 8; c++) {
      const di = (c & 1 ? bmax[3 * s]! + 0.5 : bmin[3 * s]! - 0.5) - ci;
      const dj = (c & 2 ? bmax[3 * s + 1]! + 0.5 : bmin[3 * s + 1]! - 0.5) - cj;
      const dk = (c & 4 ? bmax[3 * s + 2]! + 0.5 : bmin[3 * s + 2]! - 0.5) - ck;
      const m = t.toMm;
      const ex = m[0]! * di + m[1]! * dj + m[2]! * dk, ey = m[3]! * di + m[4]! * dj + m[5]! * dk, ez = m[6]! * di + m[7]! * dj + m[8]! * dk;
      r2 = Math.max(r2, ex * ex + ey * ey + ez * ez);
    }
    brickRadius[s] = Math.sqrt(r2);
  }
  return {
    ...base,
    min: [x0 + ox, y0 + oy, z0 + oz],
    max: [x1 + ox, y1 + oy, z1 + oz],
    rowsPerSlice,
    rowStart,
    runs: Int32Array.from(runList),
    boundaryIndex,
    boundaryMm,
    brickStart,
    brickCentre,
    brickRadius,
  };
}
