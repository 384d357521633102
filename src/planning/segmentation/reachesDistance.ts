import { squaredMm } from '../volume/voxelMetric';
import type { SeedBlock } from './seedBlock';

/**
 * True when some voxel of a grown region lies within one voxel of the leak distance: the
 * region was cut there, so it probably ran on beyond it.
 */
export function reachesDistance(sb: SeedBlock, region: Int32Array, radiusMm: number): boolean {
  const [nx, ny] = sb.box.size;
  const g = sb.metric.gram;
  const step = Math.sqrt(Math.max(g[0]!, g[4]!, g[8]!));
  const inner = Math.max(0, radiusMm - step) ** 2;
  const [sx, sy, sz] = sb.seed;
  for (let q = 0; q < region.length; q++) {
    const p = region[q]!;
    const x = p % nx;
    const y = ((p - x) / nx) % ny;
    const z = Math.floor(p / (nx * ny));
    if (squaredMm(sb.metric, x - sx, y - sy, z - sz) > inner) return true;
  }
  return false;
}
