/**
 * 26-connected components of the set voxels (value 1) of a block: a label per voxel (0 for
 * background, 1, 2, … per component) and each component's size. A flat typed-array queue.
 */
export function components26(bits: Uint8Array, size: readonly [number, number, number]): { labels: Int32Array; sizes: number[] } {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  const labels = new Int32Array(bits.length);
  const queue = new Int32Array(bits.length);
  const sizes: number[] = [0];
  for (let start = 0; start < bits.length; start++) {
    if (bits[start] !== 1 || labels[start] !== 0) continue;
    const label = sizes.length;
    let head = 0, tail = 0;
    labels[start] = label;
    queue[tail++] = start;
    while (head < tail) {
      const p = queue[head++]!;
      const x = p % nx, y = ((p - x) / nx) % ny, z = (p - x - y * nx) / plane;
      for (let dz = -1; dz <= 1; dz++) {
        const zz = z + dz;
        if (zz < 0 || zz >= nz) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= ny) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= nx) continue;
            const q = (zz * ny + yy) * nx + xx;
            if (bits[q] === 1 && labels[q] === 0) {
              labels[q] = label;
              queue[tail++] = q;
            }
          }
        }
      }
    }
    sizes.push(tail);
  }
  return { labels, sizes };
}

/** Marks (value 2) every set voxel (value 1) 26-connected to a seed, in place; returns how many. */
export function floodFill26(bits: Uint8Array, size: readonly [number, number, number], seeds: ArrayLike<number>): number {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  const queue = new Int32Array(bits.length);
  let head = 0, tail = 0;
  for (let s = 0; s < seeds.length; s++) {
    const p = seeds[s]!;
    if (bits[p] !== 1) continue;
    bits[p] = 2;
    queue[tail++] = p;
  }
  while (head < tail) {
    const p = queue[head++]!;
    const x = p % nx, y = ((p - x) / nx) % ny, z = (p - x - y * nx) / plane;
    for (let dz = -1; dz <= 1; dz++) {
      const zz = z + dz;
      if (zz < 0 || zz >= nz) continue;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= ny) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= nx) continue;
          const q = (zz * ny + yy) * nx + xx;
          if (bits[q] === 1) {
            bits[q] = 2;
            queue[tail++] = q;
          }
        }
      }
    }
  }
  return tail;
}
