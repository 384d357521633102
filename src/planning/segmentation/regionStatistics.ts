import type { HuScalars } from '../volume/planningVolume';
import { huQuantiles } from './huQuantiles';

/** Centre and spread of the HU of a grown region's interior. */
export interface RegionStatistics {
  readonly medianHu: number;
  /** Interquartile range / 1.349: the standard deviation for Gaussian noise. */
  readonly sigmaHu: number;
  readonly sampleCount: number;
}

/**
 * Median and interquartile spread of the voxels of a region whose six neighbours are all
 * in it. The interior leaves out the boundary, where partial volume with bone or disc
 * would widen the spread; thousands of voxels give a far steadier estimate than the few
 * dozen around a seed. Falls back to the whole region when its interior is tiny.
 */
export function regionStatistics(
  block: HuScalars,
  size: readonly [number, number, number],
  taken: Uint8Array,
  region: Int32Array,
  count: number,
): RegionStatistics {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  const interior = new Int32Array(count);
  let n = 0;
  for (let q = 0; q < count; q++) {
    const p = region[q]!;
    const x = p % nx;
    const y = ((p - x) / nx) % ny;
    const z = (p - x - y * nx) / plane;
    if (x === 0 || y === 0 || z === 0 || x === nx - 1 || y === ny - 1 || z === nz - 1) continue;
    if (taken[p - 1] && taken[p + 1] && taken[p - nx] && taken[p + nx] && taken[p - plane] && taken[p + plane]) interior[n++] = p;
  }
  const [sample, sampleSize] = n >= 30 ? [interior, n] : [region, count];
  const [q1, median, q3] = huQuantiles(block, sample, sampleSize, [0.25, 0.5, 0.75]);
  return { medianHu: median!, sigmaHu: (q3! - q1!) / 1.349, sampleCount: sampleSize };
}
