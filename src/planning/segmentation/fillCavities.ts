import { floodFill6 } from './floodFill6';

/**
 * Sets, in place, every 0 voxel of a binary block that cannot reach the block's faces
 * through 0 voxels (6-connected): the holes that noise leaves inside a grown lesion.
 */
export function fillCavities(bits: Uint8Array, size: readonly [number, number, number]): void {
  const [nx, ny, nz] = size;
  // 1 = background still to visit; the flood marks what touches the faces as 2.
  const state = new Uint8Array(bits.length);
  for (let p = 0; p < bits.length; p++) state[p] = bits[p] === 0 ? 1 : 0;
  const seeds: number[] = [];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const onFace = z === 0 || z === nz - 1 || y === 0 || y === ny - 1;
      const row = (z * ny + y) * nx;
      if (onFace) for (let x = 0; x < nx; x++) seeds.push(row + x);
      else {
        seeds.push(row);
        if (nx > 1) seeds.push(row + nx - 1);
      }
    }
  }
  floodFill6(state, size, seeds);
  for (let p = 0; p < bits.length; p++) if (state[p] === 1) bits[p] = 1;
}
