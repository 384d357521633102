import type { HuProfile } from './huProfile';

/** One stretch of cortical bone along the path. */
export interface CorticalRun {
  /** Distance from the entry where the run starts and ends, mm. */
  startMm: number;
  endMm: number;
  /** Highest HU in the run. */
  peakHu: number;
}

/** Thresholds of `corticalCrossings`. */
export interface CorticalThresholds {
  /** A run starts where HU rises above this (default 700 HU). */
  enterHu: number;
  /**
   * …and ends where HU falls below this (default 600 HU). The gap (hysteresis) keeps noise
   * around the threshold from splitting one cortex into several crossings.
   */
  exitHu: number;
}

/** Default cortical thresholds. */
export const CORTICAL_THRESHOLDS: CorticalThresholds = { enterHu: 700, exitHu: 600 };

/**
 * The cortical-bone runs along a HU profile: each entry into HU > `enterHu` starts one, and it
 * lasts until HU < `exitHu`. Their count is the number of cortical crossings. NaN samples
 * (outside the volume) end a run.
 */
export function corticalCrossings(profile: HuProfile, thresholds: CorticalThresholds = CORTICAL_THRESHOLDS): CorticalRun[] {
  const runs: CorticalRun[] = [];
  let current: CorticalRun | null = null;
  const { hu, distancesMm } = profile;
  for (let s = 0; s < hu.length; s++) {
    const v = hu[s]!;
    const d = distancesMm[s]!;
    if (current) {
      if (Number.isNaN(v) || v < thresholds.exitHu) {
        runs.push(current);
        current = null;
      } else {
        current.endMm = d;
        if (v > current.peakHu) current.peakHu = v;
      }
    } else if (v > thresholds.enterHu) {
      current = { startMm: d, endMm: d, peakHu: v };
    }
  }
  if (current) runs.push(current);
  return runs;
}
