import type { GridTransform } from '../trajectory/gridTransform';
import type { PreparedMask } from '../trajectory/preparedMask';
import type { CompositeZone } from './compositeZone';
import type { ZoneRowEvaluator } from './zoneRows';

/** The (j, k) row range of a grid that a zone's bounds can touch, inclusive integers. */
export function zoneRowRange(zone: CompositeZone, t: GridTransform): { j0: number; j1: number; k0: number; k1: number } {
  let j0 = Infinity, j1 = -Infinity, k0 = Infinity, k1 = -Infinity;
  const inv = t.toIndex;
  for (let c = 0; c < 8; c++) {
    const x = (c & 1 ? zone.max[0]! : zone.min[0]!) - t.origin[0];
    const y = (c & 2 ? zone.max[1]! : zone.min[1]!) - t.origin[1];
    const z = (c & 4 ? zone.max[2]! : zone.min[2]!) - t.origin[2];
    const jj = inv[3]! * x + inv[4]! * y + inv[5]! * z, kk = inv[6]! * x + inv[7]! * y + inv[8]! * z;
    j0 = Math.min(j0, jj);
    j1 = Math.max(j1, jj);
    k0 = Math.min(k0, kk);
    k1 = Math.max(k1, kk);
  }
  return { j0: Math.floor(j0), j1: Math.ceil(j1), k0: Math.floor(k0), k1: Math.ceil(k1) };
}

/**
 * How many voxels of a mask have their centre inside the zone: row by row over the rows both
 * can touch, intersecting the mask's runs with the zone's intervals. The evaluator must be
 * built on the mask's grid.
 */
export function maskVoxelsInZone(zone: CompositeZone, rows: ZoneRowEvaluator, mask: PreparedMask): number {
  if (mask.voxelCount === 0 || zone.pieces.length === 0) return 0;
  const r = zoneRowRange(zone, mask.transform);
  const j0 = Math.max(r.j0, mask.min[1]), j1 = Math.min(r.j1, mask.max[1]);
  const k0 = Math.max(r.k0, mask.min[2]), k1 = Math.min(r.k1, mask.max[2]);
  const { rowStart, runs, rowsPerSlice } = mask;
  const lo = rows.lo, hi = rows.hi;
  let total = 0;
  for (let k = k0; k <= k1; k++) {
    if (j1 < j0) break;
    const first = j0 - mask.min[1] + rowsPerSlice * (k - mask.min[2]);
    if (rowStart[first]! === rowStart[first + j1 - j0 + 1]!) continue;
    rows.slice(k, j0, j1);
    for (let j = j0; j <= j1; j++) {
      const row = j - mask.min[1] + rowsPerSlice * (k - mask.min[2]);
      const p0 = rowStart[row]!, p1 = rowStart[row + 1]!;
      if (p0 === p1) continue;
      const n = rows.row(j);
      if (n === 0) continue;
      // Both lists are sorted: walk them together.
      let q = 0;
      for (let p = p0; p < p1 && q < n; p++) {
        const a = runs[2 * p]!, b = runs[2 * p + 1]! - 1;
        while (q < n && hi[q]! < a) q++;
        for (let s = q; s < n && lo[s]! <= b; s++) {
          const from = Math.max(a, Math.ceil(lo[s]!)), to = Math.min(b, Math.floor(hi[s]!));
          if (to >= from) total += to - from + 1;
        }
      }
    }
  }
  return total;
}
