import type { HuScalars } from '../volume/planningVolume';

/**
 * How much steeper the rise just beyond a candidate rim voxel may be than the rise across
 * its own edge. A blurred two-tissue edge rises most right after the voxel (a 3-tap kernel
 * of weight w gives a ratio of w / (1 − 2w), well under 1); oblique surfaces spread the
 * ramp, so some slack is allowed, but a far steeper rise farther out means the voxel is a
 * thin layer of a third tissue, such as a disc between the lesion and the next endplate.
 * On the sample studies results hold from 2 to 3; 2.5 sits in the middle.
 */
const MAX_RISE_RATIO = 2.5;

/** Block-local inputs of {@link acceptRim}. */
export interface RimInput {
  readonly block: HuScalars;
  readonly size: readonly [number, number, number];
  /** 1 where the grow may go (inside bone, within the leak distance). */
  readonly inside: Uint8Array;
  /** 1 for the grown core; accepted rim voxels are set to 2. */
  readonly taken: Uint8Array;
  /** The grown core (block indices), the first `regionCount` entries. */
  readonly region: Int32Array;
  readonly regionCount: number;
  readonly lesionMeanHu: number;
  /** How many voxels deep the rim may be: blur spreads an edge over more than one voxel on oblique surfaces. */
  readonly layers: number;
}

/**
 * The partial-volume rim of a grown region. CT blurs each edge over about a voxel, so the
 * outermost lesion voxels beside cortex read several hundred HU and fall outside any
 * soft-tissue range, yet they are lesion (and the generator's truth counts them). Stepping
 * from the region along an axis to `v`, `v` is taken when its HU lies on the side of the
 * voxel beyond it and nearer the lesion's mean than to that voxel (more than half of `v` is
 * lesion), and the edge is right there ({@link MAX_RISE_RATIO}). Beside cortex the blurred
 * lesion voxel is taken and the cortex is not; beside a thick disc the disc voxel is nearer
 * the disc and stays out. Deeper layers must keep moving away from the lesion's HU, so noise
 * cannot walk the rim into the neighbouring tissue.
 *
 * Returns the block indices taken.
 */
export function acceptRim(input: RimInput): Int32Array {
  const { block, size, inside, taken: mark, lesionMeanHu: mu } = input;
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  let front = input.region.subarray(0, input.regionCount);
  const taken: number[] = [];
  const next: number[] = [];
  let deeper = false;
  const tryStep = (from: number, v: number, step: number, hasTwoBeyond: boolean): void => {
    if (inside[v] !== 1 || mark[v] !== 0) return;
    const hv = block[v]!;
    const beyond = block[v + step]!;
    const dv = hv - mu;
    if (dv * (beyond - mu) <= 0 || Math.abs(dv) * 2 >= Math.abs(beyond - mu)) return;
    if (hasTwoBeyond && Math.abs(block[v + 2 * step]! - beyond) > MAX_RISE_RATIO * Math.abs(beyond - hv)) return;
    if (deeper && Math.abs(dv) <= Math.abs(block[from]! - mu)) return;
    mark[v] = 2;
    next.push(v);
  };
  for (let layer = 0; layer < input.layers && front.length > 0; layer++) {
    deeper = layer > 0;
    next.length = 0;
    for (let q = 0; q < front.length; q++) {
      const p = front[q]!;
      const x = p % nx;
      const y = ((p - x) / nx) % ny;
      const z = (p - x - y * nx) / plane;
      // v = p ± step must exist with a voxel beyond it; a second one beyond is used when there.
      if (x >= 2) tryStep(p, p - 1, -1, x >= 3);
      if (x <= nx - 3) tryStep(p, p + 1, 1, x <= nx - 4);
      if (y >= 2) tryStep(p, p - nx, -nx, y >= 3);
      if (y <= ny - 3) tryStep(p, p + nx, nx, y <= ny - 4);
      if (z >= 2) tryStep(p, p - plane, -plane, z >= 3);
      if (z <= nz - 3) tryStep(p, p + plane, plane, z <= nz - 4);
    }
    for (const v of next) taken.push(v);
    front = Int32Array.from(next);
  }
  return Int32Array.from(taken);
}
