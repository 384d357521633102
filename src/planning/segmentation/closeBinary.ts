import { squaredDistanceMap } from './squaredDistance';

/**
 * Morphological closing (dilation then erosion) of a binary block by a ball of `radiusMm`,
 * in place. It bridges gaps narrower than about twice the radius, such as a break in a
 * cortical shell, and leaves flat or convex surfaces where they were. Outside the block
 * counts as background: a bone near a face of the block would otherwise close onto that
 * face and seal the soft tissue in between as if it were a plugged break.
 */
export function closeBinary(
  bits: Uint8Array,
  size: readonly [number, number, number],
  spacing: readonly [number, number, number],
  radiusMm: number,
): void {
  if (radiusMm <= 0) return;
  const [nx, ny, nz] = size;
  const r2 = radiusMm * radiusMm;
  const toSet = squaredDistanceMap(bits, size, spacing, 1);
  for (let p = 0; p < bits.length; p++) bits[p] = toSet[p]! <= r2 ? 1 : 0;
  const toUnset = squaredDistanceMap(bits, size, spacing, 0);
  // Distance (per axis, to the first centre outside) at which the background beyond a face begins.
  const edge = (q: number, n: number, s: number) => Math.min(q + 1, n - q) * s;
  for (let z = 0, p = 0; z < nz; z++) {
    const ez = nz > 1 ? edge(z, nz, spacing[2]) : Infinity;
    for (let y = 0; y < ny; y++) {
      const eyz = Math.min(ez, edge(y, ny, spacing[1]));
      for (let x = 0; x < nx; x++, p++) {
        const e = Math.min(eyz, edge(x, nx, spacing[0]));
        bits[p] = toUnset[p]! > r2 && e * e > r2 ? 1 : 0;
      }
    }
  }
}
