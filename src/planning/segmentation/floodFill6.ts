/**
 * 6-connected flood fill over a block: from the `seeds` (block indices), visits every voxel
 * with `allowed[p] === 1`, marks it 2 in `allowed` and returns how many were visited. Stops
 * early once `limit` voxels are taken (the count returned is then `limit`), so a leak cannot
 * run through the whole block. A flat typed-array queue: no recursion, no allocation per voxel.
 */
export function floodFill6(
  allowed: Uint8Array,
  size: readonly [number, number, number],
  seeds: ArrayLike<number>,
  limit = Infinity,
  queue: Int32Array = new Int32Array(allowed.length),
): number {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  let head = 0;
  let tail = 0;
  for (let s = 0; s < seeds.length; s++) {
    const p = seeds[s]!;
    if (allowed[p] !== 1) continue;
    allowed[p] = 2;
    queue[tail++] = p;
    if (tail >= limit) return tail;
  }
  while (head < tail) {
    const p = queue[head++]!;
    const x = p % nx;
    const y = ((p - x) / nx) % ny;
    const z = (p - x - y * nx) / plane;
    // Unrolled neighbours: the hot loop of every grow.
    if (x > 0 && allowed[p - 1] === 1) { allowed[p - 1] = 2; queue[tail++] = p - 1; }
    if (x < nx - 1 && allowed[p + 1] === 1) { allowed[p + 1] = 2; queue[tail++] = p + 1; }
    if (y > 0 && allowed[p - nx] === 1) { allowed[p - nx] = 2; queue[tail++] = p - nx; }
    if (y < ny - 1 && allowed[p + nx] === 1) { allowed[p + nx] = 2; queue[tail++] = p + nx; }
    if (z > 0 && allowed[p - plane] === 1) { allowed[p - plane] = 2; queue[tail++] = p - plane; }
    if (z < nz - 1 && allowed[p + plane] === 1) { allowed[p + plane] = 2; queue[tail++] = p + plane; }
    if (tail >= limit) return limit;
  }
  return tail;
}
