import type { HuScalars } from '../volume/planningVolume';
import type { VoxelMetric } from '../volume/voxelMetric';
import { squaredMm } from '../volume/voxelMetric';

/** Robust centre and spread of the HU near a seed. */
export interface SeedStatistics {
  readonly medianHu: number;
  /**
   * Spread from the nearer quartile: (median − Q1) or (Q3 − median), whichever is smaller,
   * over 0.6745 — the standard deviation for Gaussian noise. Partial volume with bone (or
   * fat) near the edge of a lesion skews one side only, so the other side still measures
   * the noise.
   */
  readonly robustSigmaHu: number;
  readonly sampleCount: number;
}

/** Quantile of sorted values, linearly interpolated. */
function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * Median and robust spread of a block's HU within `radiusMm` of the seed voxel: quantiles
 * rather than mean and SD, so a seed placed near the edge of a lesion is not dragged
 * towards the bone around it.
 */
export function seedStatistics(
  block: HuScalars,
  size: readonly [number, number, number],
  seed: readonly [number, number, number],
  metric: VoxelMetric,
  radiusMm: number,
): SeedStatistics {
  const [nx, ny, nz] = size;
  const r = metric.reachPerMm.map((q) => Math.floor(q * radiusMm));
  const picked: number[] = [];
  for (let dz = -r[2]!; dz <= r[2]!; dz++) {
    const z = seed[2] + dz;
    if (z < 0 || z >= nz) continue;
    for (let dy = -r[1]!; dy <= r[1]!; dy++) {
      const y = seed[1] + dy;
      if (y < 0 || y >= ny) continue;
      for (let dx = -r[0]!; dx <= r[0]!; dx++) {
        const x = seed[0] + dx;
        if (x < 0 || x >= nx || squaredMm(metric, dx, dy, dz) > radiusMm * radiusMm) continue;
        picked.push(block[(z * ny + y) * nx + x]!);
      }
    }
  }
  const values = Float64Array.from(picked).sort();
  const med = quantile(values, 0.5);
  const halfSpread = Math.min(med - quantile(values, 0.25), quantile(values, 0.75) - med);
  return { medianHu: med, robustSigmaHu: halfSpread / 0.6745, sampleCount: values.length };
}
