import type { HuScalars } from '../volume/planningVolume';

const LOWEST = -2048;
const BINS = 8192;

/**
 * Quantiles of the HU at the listed block indices, from a histogram of whole HU: linear in
 * the count, where sorting 100,000 values would cost more than the grow itself. HU outside
 * −2048…6143 are clamped, which no soft-tissue quantile notices.
 */
export function huQuantiles(block: HuScalars, indices: ArrayLike<number>, count: number, qs: readonly number[]): number[] {
  const hist = new Uint32Array(BINS);
  for (let q = 0; q < count; q++) {
    const b = Math.round(block[indices[q]!]!) - LOWEST;
    hist[b < 0 ? 0 : b >= BINS ? BINS - 1 : b]!++;
  }
  return qs.map((f) => {
    // The value at rank f·(n − 1), interpolated between neighbouring ranks like a sorted array.
    const at = f * (count - 1);
    const lo = Math.floor(at);
    return valueAtRank(hist, lo) + (valueAtRank(hist, Math.min(count - 1, lo + 1)) - valueAtRank(hist, lo)) * (at - lo);
  });
}

function valueAtRank(hist: Uint32Array, rank: number): number {
  let seen = 0;
  for (let b = 0; b < hist.length; b++) {
    seen += hist[b]!;
    if (seen > rank) return b + LOWEST;
  }
  return BINS - 1 + LOWEST;
}
