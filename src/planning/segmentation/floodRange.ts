import type { HuScalars } from '../volume/planningVolume';

/**
 * 6-connected flood from `seedIndex` over block voxels with `allowed[p] === 1` and HU in
 * `[lo, hi]` (the seed itself is taken whatever its HU). Taken voxels get `taken[p] = 1`
 * and are listed in `queue`; returns their count, at most `limit`, so a leak cannot run
 * through the whole block. A flat typed-array queue: no recursion, no allocation per voxel.
 */
export function floodRange(
  block: HuScalars,
  allowed: Uint8Array,
  size: readonly [number, number, number],
  seedIndex: number,
  lo: number,
  hi: number,
  limit: number,
  queue: Int32Array,
  taken: Uint8Array,
): number {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  let head = 0;
  let tail = 0;
  taken[seedIndex] = 1;
  queue[tail++] = seedIndex;
  const ok = (p: number): boolean => {
    if (allowed[p] !== 1 || taken[p] !== 0) return false;
    const h = block[p]!;
    return h >= lo && h <= hi;
  };
  while (head < tail && tail < limit) {
    const p = queue[head++]!;
    const x = p % nx;
    const y = ((p - x) / nx) % ny;
    const z = (p - x - y * nx) / plane;
    if (x > 0 && ok(p - 1)) { taken[p - 1] = 1; queue[tail++] = p - 1; }
    if (x < nx - 1 && ok(p + 1)) { taken[p + 1] = 1; queue[tail++] = p + 1; }
    if (y > 0 && ok(p - nx)) { taken[p - nx] = 1; queue[tail++] = p - nx; }
    if (y < ny - 1 && ok(p + nx)) { taken[p + nx] = 1; queue[tail++] = p + nx; }
    if (z > 0 && ok(p - plane)) { taken[p - plane] = 1; queue[tail++] = p - plane; }
    if (z < nz - 1 && ok(p + plane)) { taken[p + plane] = 1; queue[tail++] = p + plane; }
  }
  return Math.min(tail, limit);
}
