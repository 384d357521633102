import type { HuScalars } from '../volume/planningVolume';
import { closeBinary } from './closeBinary';

/** Target cell size (mm) of the coarse grid that plugs breaks: bridging 1–3 cm gaps needs no finer. */
const PLUG_CELL_MM = 2;

/**
 * Marks (1) the voxels of a block that lie inside bone: bone itself (HU ≥ `boneHu`, cortex
 * and cancellous alike) and every voxel that bone, or a plug over a cortical break, encloses
 * along all six axis directions, i.e. lies strictly between the first and the last blocker
 * of its row, of its column and of its line through the slices.
 *
 * The plugs come from a closing of the bone by a ball of `closingRadiusMm`, done on cells of
 * about {@link PLUG_CELL_MM} because that is many times cheaper and ample for centimetre
 * breaks: the cells the closing adds, grown by a cell so no sliver is left open where a
 * cell is only partly cortex, block the rays. Bone voxels themselves are tested at full
 * resolution, so a thin cortex encloses the lesion right up to it while muscle beside the
 * cortex, which always has a way out towards the skin, stays outside.
 *
 * Why rays and not a hole fill: the block is cut out of a large volume and its faces often
 * cross a bone (the iliac wing, the sacrum), so a fill from the faces would enter that bone
 * and take its interior for outside.
 */
export function boneEnclosure(
  block: HuScalars,
  size: readonly [number, number, number],
  spacing: readonly [number, number, number],
  boneHu: number,
  closingRadiusMm: number,
): Uint8Array {
  const [nx, ny, nz] = size;
  const f = spacing.map((s) => Math.max(1, Math.round(PLUG_CELL_MM / s))) as [number, number, number];
  const cx = Math.ceil(nx / f[0]), cy = Math.ceil(ny / f[1]), cz = Math.ceil(nz / f[2]);
  const cellOfX = new Int32Array(nx), cellOfY = new Int32Array(ny), cellOfZ = new Int32Array(nz);
  for (let x = 0; x < nx; x++) cellOfX[x] = Math.floor(x / f[0]);
  for (let y = 0; y < ny; y++) cellOfY[y] = Math.floor(y / f[1]) * cx;
  for (let z = 0; z < nz; z++) cellOfZ[z] = Math.floor(z / f[2]) * cx * cy;

  const boneCells = new Uint8Array(cx * cy * cz);
  for (let z = 0, p = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const rowCell = cellOfZ[z]! + cellOfY[y]!;
      for (let x = 0; x < nx; x++, p++) if (block[p]! >= boneHu) boneCells[rowCell + cellOfX[x]!] = 1;
    }
  }
  const plug = plugCells(boneCells, [cx, cy, cz], [spacing[0] * f[0], spacing[1] * f[1], spacing[2] * f[2]], closingRadiusMm);

  // First and last blocker of every line along i, j and k (−1 when the line has none).
  const firstI = new Int32Array(ny * nz).fill(-1), lastI = new Int32Array(ny * nz).fill(-1);
  const firstJ = new Int32Array(nz * nx).fill(-1), lastJ = new Int32Array(nz * nx).fill(-1);
  const firstK = new Int32Array(nx * ny).fill(-1), lastK = new Int32Array(nx * ny).fill(-1);
  for (let z = 0, p = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const rowCell = cellOfZ[z]! + cellOfY[y]!;
      const row = z * ny + y;
      for (let x = 0; x < nx; x++, p++) {
        if (block[p]! < boneHu && plug[rowCell + cellOfX[x]!] === 0) continue;
        if (firstI[row] === -1) firstI[row] = x;
        lastI[row] = x;
        const col = z * nx + x;
        if (firstJ[col] === -1) firstJ[col] = y;
        lastJ[col] = y;
        const line = y * nx + x;
        if (firstK[line] === -1) firstK[line] = z;
        lastK[line] = z;
      }
    }
  }
  const inside = new Uint8Array(block.length);
  for (let z = 0, p = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = z * ny + y;
      const x0 = firstI[row]!, x1 = lastI[row]!;
      for (let x = 0; x < nx; x++, p++) {
        if (block[p]! >= boneHu) {
          inside[p] = 1;
          continue;
        }
        if (x <= x0 || x >= x1) continue;
        const col = z * nx + x;
        if (y <= firstJ[col]! || y >= lastJ[col]!) continue;
        const line = y * nx + x;
        if (z > firstK[line]! && z < lastK[line]!) inside[p] = 1;
      }
    }
  }
  return inside;
}

/**
 * The cells a closing adds to the bone cells, grown by one cell (6-neighbours). Where a
 * break's edge or mouth cuts through a cell, the closing may leave that cell out, and the
 * plug would have a sliver open; growing it closes those, at the price of letting the grow
 * bulge up to a cell or two (2–5 mm) out of the break's mouth — where a tumour that broke
 * through the cortex usually is anyway.
 */
function plugCells(
  boneCells: Uint8Array,
  size: readonly [number, number, number],
  cellMm: readonly [number, number, number],
  radiusMm: number,
): Uint8Array {
  const [cx, cy, cz] = size;
  const closed = boneCells.slice();
  closeBinary(closed, size, cellMm, radiusMm);
  const added = new Uint8Array(closed.length);
  for (let p = 0; p < closed.length; p++) added[p] = closed[p] === 1 && boneCells[p] === 0 ? 1 : 0;
  const grown = added.slice();
  const plane = cx * cy;
  for (let z = 0, p = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      for (let x = 0; x < cx; x++, p++) {
        if (added[p] !== 1) continue;
        if (x > 0) grown[p - 1] = 1;
        if (x < cx - 1) grown[p + 1] = 1;
        if (y > 0) grown[p - cx] = 1;
        if (y < cy - 1) grown[p + cx] = 1;
        if (z > 0) grown[p - plane] = 1;
        if (z < cz - 1) grown[p + plane] = 1;
      }
    }
  }
  return grown;
}
