import { sliceZ, type VoxelGrid } from './grid';
import type { Shape } from './shape';

/**
 * Calls `visit` for every voxel of the grid whose centre is inside the shape (distance < 0),
 * with its index and flat offset; only the shape's bounding box is searched.
 */
export function forEachVoxelIn(g: VoxelGrid, shape: Shape, visit: (i: number, j: number, k: number, at: number) => void): void {
  const b = shape.bounds;
  const i0 = Math.max(0, Math.ceil((b.min[0] - g.x0) / g.colSpacing));
  const i1 = Math.min(g.columns - 1, Math.floor((b.max[0] - g.x0) / g.colSpacing));
  const j0 = Math.max(0, Math.ceil((b.min[1] - g.y0) / g.rowSpacing));
  const j1 = Math.min(g.rows - 1, Math.floor((b.max[1] - g.y0) / g.rowSpacing));
  const k0 = Math.max(0, Math.ceil((g.top - b.max[2]) / g.sliceSpacing));
  const k1 = Math.min(g.slices - 1, Math.floor((g.top - b.min[2]) / g.sliceSpacing));
  for (let k = k0; k <= k1; k++) {
    const z = sliceZ(g, k);
    for (let j = j0; j <= j1; j++) {
      const y = g.y0 + j * g.rowSpacing;
      const row = (k * g.rows + j) * g.columns;
      for (let i = i0; i <= i1; i++) if (shape.sdf(g.x0 + i * g.colSpacing, y, z) < 0) visit(i, j, k, row + i);
    }
  }
}
