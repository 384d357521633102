import { ballRowRange } from '../volume/ballRowRange';
import type { SeedBlock } from './seedBlock';

/**
 * Keeps (1), in place, only the inside-bone voxels within `radiusMm` of the seed (the leak
 * distance): what a grow may take.
 */
export function markInside(sb: SeedBlock, inside: Uint8Array, radiusMm: number): Uint8Array {
  const [nx, ny, nz] = sb.box.size;
  const { seed } = sb;
  const r2 = radiusMm * radiusMm;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = (z * ny + y) * nx;
      const span = ballRowRange(sb.metric, y - seed[1], z - seed[2], r2);
      if (!span) {
        inside.fill(0, row, row + nx);
        continue;
      }
      const x0 = Math.max(0, seed[0] + span[0]);
      const x1 = Math.min(nx - 1, seed[0] + span[1]);
      inside.fill(0, row, row + Math.max(0, x0));
      if (x1 + 1 < nx) inside.fill(0, row + x1 + 1, row + nx);
    }
  }
  return inside;
}
