import { lps, type LpsPoint, type Vec3 } from '../../shared/vec3';
import type { BinaryVolume, GridGeometry } from './gridGeometry';
import { gridTransform, indexToMm } from './gridTransform';

/**
 * Small synthetic grids and masks with known geometry, for unit tests and the benchmark:
 * the hand-worked expectations are easier to trust than any real segmentation.
 */

/** An axis-aligned grid of `dims` voxels with `spacing`, voxel (0,0,0) centred at `origin`. */
export function axisGrid(dims: readonly [number, number, number], spacing: readonly [number, number, number], origin: Vec3 = [0, 0, 0]): GridGeometry {
  return { dimensions: dims, spacing, origin: lps(...origin), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
}

/** A whole-grid mask of the voxels whose centre satisfies `inside`. */
export function maskWhere(g: GridGeometry, inside: (p: LpsPoint) => boolean): BinaryVolume {
  const [nx, ny, nz] = g.dimensions;
  const t = gridTransform(g);
  const data = new Uint8Array(nx * ny * nz);
  const p = [0, 0, 0];
  for (let k = 0, q = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, q++) {
    indexToMm(t, i, j, k, p);
    if (inside(lps(p[0]!, p[1]!, p[2]!))) data[q] = 1;
  }
  return { geometry: g, box: { offset: [0, 0, 0], size: [nx, ny, nz] }, data };
}

/** The voxels whose centres lie within `radius` of `centre`. */
export function sphereMask(g: GridGeometry, centre: Vec3, radius: number): BinaryVolume {
  return maskWhere(g, (p) => Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) <= radius);
}
