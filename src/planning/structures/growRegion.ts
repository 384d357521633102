import { err, ok, type Result } from '../../shared/result';
import type { LpsPoint } from '../../shared/vec3';
import { countMask, type VoxelMask } from '../mask/voxelMask';
import { floodRange } from '../segmentation/floodRange';
import { regionMask } from '../segmentation/regionMask';
import { seedBlock } from '../segmentation/seedBlock';
import { seedStatistics } from '../segmentation/seedStatistics';
import type { PlanningVolume } from '../volume/planningVolume';
import { voxelVolumeMm3 } from '../volume/volumeGeometry';

/** Settings of {@link growRegion}. */
export interface RegionGrowOptions {
  /** HU range, inclusive; `'auto'` takes the seed neighbourhood's median ± `sigmas` robust spreads (at least ± `minHalfWidthHu`). */
  readonly huRange: 'auto' | readonly [number, number];
  readonly sigmas: number;
  readonly minHalfWidthHu: number;
  /** Nothing farther than this from the seed is taken (mm). */
  readonly maxDistanceMm: number;
  /** Growth stops at this volume (mL) and says it leaked. */
  readonly maxVolumeMl: number;
}

/** Defaults of {@link RegionGrowOptions}. */
export const DEFAULT_REGION_GROW: RegionGrowOptions = { huRange: 'auto', sigmas: 2.5, minHalfWidthHu: 20, maxDistanceMm: 60, maxVolumeMl: 500 };

/**
 * A structure at risk grown from a click: the 6-connected voxels around the seed whose HU lie
 * in a range (the bladder's urine, a vessel's contrast, the canal's fluid), within a distance
 * of the seed. Unlike the lesion grow it is not held inside bone: structures at risk are soft
 * tissue. Reports a leak when a limit stopped it.
 */
export function growRegion(volume: PlanningVolume, seed: LpsPoint, options: Partial<RegionGrowOptions> = {}): Result<{ mask: VoxelMask; huRange: [number, number]; volumeMl: number; leaked: boolean }> {
  const o = { ...DEFAULT_REGION_GROW, ...options };
  const made = seedBlock(volume, seed, o.maxDistanceMm);
  if (!made.ok) return made;
  const sb = made.value;
  let range: [number, number];
  if (o.huRange === 'auto') {
    const st = seedStatistics(sb.block, sb.box.size, sb.seed, sb.metric, 3);
    const half = Math.max(o.minHalfWidthHu, o.sigmas * st.robustSigmaHu);
    range = [Math.round(st.medianHu - half), Math.round(st.medianHu + half)];
  } else {
    range = [o.huRange[0], o.huRange[1]];
  }
  const seedHu = sb.block[sb.seedIndex]!;
  if (seedHu < range[0] || seedHu > range[1]) return err(`The seed (${Math.round(seedHu)} HU) is outside the range ${range[0]}…${range[1]} HU`);
  const n = sb.block.length;
  const voxelMl = voxelVolumeMm3(volume) / 1000;
  const limit = Math.max(1, Math.floor(o.maxVolumeMl / voxelMl));
  const allowed = new Uint8Array(n).fill(1);
  const queue = new Int32Array(Math.min(n, limit + 6));
  const taken = new Uint8Array(n);
  const count = floodRange(sb.block, allowed, sb.box.size, sb.seedIndex, range[0], range[1], limit, queue, taken);
  const mask = regionMask(volume.dimensions, sb.box, [queue.subarray(0, count)]);
  const touchesEdge = count >= limit;
  const volumeMl = countMask(mask) * voxelMl;
  return ok({ mask, huRange: range, volumeMl, leaked: touchesEdge });
}
