import { err, ok, type Result } from '../../shared/result';
import type { LpsPoint } from '../../shared/vec3';
import { isEmptyBox } from '../mask/voxelBox';
import { countMask, type VoxelMask } from '../mask/voxelMask';
import type { PlanningVolume } from '../volume/planningVolume';
import { voxelVolumeMm3 } from '../volume/volumeGeometry';
import { boneEnclosure } from './boneEnclosure';
import { fillCavities } from './fillCavities';
import { floodRange } from './floodRange';
import { DEFAULT_GROW_OPTIONS, type GrowOptions } from './growOptions';
import { markInside } from './markInside';
import { reachesDistance } from './reachesDistance';
import { regionMask } from './regionMask';
import { regionStatistics } from './regionStatistics';
import { acceptRim } from './rimVoxels';
import { seedBlock } from './seedBlock';
import { seedStatistics } from './seedStatistics';

/** What a grow found, besides its mask. */
export interface GrowStats {
  readonly voxelCount: number;
  readonly volumeMl: number;
  /** The HU range the core was grown in (the fitted one when asked for `'auto'`). */
  readonly huRange: readonly [number, number];
  /** Mean HU of the core, the reference of the partial-volume rim. */
  readonly coreMeanHu: number;
  /** Voxels taken as the core, as partial-volume rim, and as filled holes. */
  readonly coreVoxels: number;
  readonly rimVoxels: number;
  readonly filledVoxels: number;
  /** True when a leak limit stopped the growth: the mask is what was taken up to it. */
  readonly leaked: boolean;
  readonly leakReason: 'volume' | 'distance' | null;
}

/** A grown lesion: the mask (in its tight box) and its statistics. */
export interface GrowResult {
  readonly mask: VoxelMask;
  readonly stats: GrowStats;
}

/**
 * Grows a lytic lesion from a seed point: the 6-connected voxels in the lesion's HU range
 * that lie inside the bone the seed is in ({@link boneEnclosure}), plus their partial-volume
 * rim ({@link acceptRim}), with enclosed holes filled. All work happens in a block of
 * `maxDistanceMm` (at least `envelopeRadiusMm`) around the seed, so the cost follows the
 * leak limit, not the volume size.
 *
 * Fails, with a message for the user, when the seed is outside the volume, not on soft-tissue
 * density (automatic range) or outside the given range, or not inside bone.
 */
export function growLesion(volume: PlanningVolume, seed: LpsPoint, options: Partial<GrowOptions> = {}): Result<GrowResult> {
  const o: GrowOptions = { ...DEFAULT_GROW_OPTIONS, ...options };
  const made = seedBlock(volume, seed, Math.max(o.maxDistanceMm, o.envelopeRadiusMm));
  if (!made.ok) return made;
  const sb = made.value;
  const { block, seedIndex } = sb;
  const size = sb.box.size;

  let range: readonly [number, number];
  if (o.huRange === 'auto') {
    const near = seedStatistics(block, size, sb.seed, sb.metric, o.seedSampleRadiusMm);
    const [minHu, maxHu] = o.autoRangeLimits;
    if (near.medianHu < minHu || near.medianHu > maxHu) {
      return err(`The seed is on ${Math.round(near.medianHu)} HU, not soft-tissue density (${minHu} to ${maxHu} HU)`);
    }
    range = fittedRange(near.medianHu, near.robustSigmaHu, o);
  } else {
    range = o.huRange;
    const h = block[seedIndex]!;
    if (!(h >= range[0] && h <= range[1])) return err(`The seed voxel reads ${Math.round(h)} HU, outside the range ${range[0]} to ${range[1]} HU`);
  }

  // The envelope's closing works per axis; on a sheared (tilted) grid the axis spacing is a
  // close enough stand-in for plugging centimetre breaks.
  const inside = markInside(sb, boneEnclosure(block, size, volume.spacing, o.boneHu, o.closingRadiusMm), o.maxDistanceMm);
  if (inside[seedIndex] !== 1) return err('The seed point is not inside bone (no bone encloses it)');

  const voxelMm3 = voxelVolumeMm3(volume);
  const maxVoxels = Math.max(1, Math.floor((o.maxVolumeMl * 1000) / voxelMm3));
  const region = new Int32Array(Math.min(block.length, maxVoxels));
  const taken = new Uint8Array(block.length);
  let coreCount = floodRange(block, inside, size, seedIndex, range[0], range[1], maxVoxels, region, taken);
  if (o.huRange === 'auto') {
    // Second pass: refit the range on the first region's interior, a far larger sample.
    const fit = regionStatistics(block, size, taken, region, coreCount);
    range = fittedRange(fit.medianHu, fit.sigmaHu, o);
    for (let q = 0; q < coreCount; q++) taken[region[q]!] = 0;
    coreCount = floodRange(block, inside, size, seedIndex, range[0], range[1], maxVoxels, region, taken);
  }
  const core = region.subarray(0, coreCount);
  const leakReason = coreCount >= maxVoxels ? 'volume' : reachesDistance(sb, core, o.maxDistanceMm) ? 'distance' : null;

  let sum = 0;
  for (let q = 0; q < coreCount; q++) sum += block[core[q]!]!;
  const coreMean = sum / coreCount;
  const rim = acceptRim({ block, size, inside, taken, region, regionCount: coreCount, lesionMeanHu: coreMean, layers: o.rimLayers });

  const mask = regionMask(volume.dimensions, sb.box, [core, rim]);
  let filled = 0;
  if (o.fillHoles && !isEmptyBox(mask.box)) {
    fillCavities(mask.data, mask.box.size);
    filled = countMask(mask) - coreCount - rim.length;
  }
  const voxelCount = coreCount + rim.length + filled;
  return ok({
    mask,
    stats: {
      voxelCount,
      volumeMl: (voxelCount * voxelMm3) / 1000,
      huRange: range,
      coreMeanHu: coreMean,
      coreVoxels: coreCount,
      rimVoxels: rim.length,
      filledVoxels: filled,
      leaked: leakReason !== null,
      leakReason,
    },
  });
}

/** Median ± `autoRangeSigmas` spreads (at least the floor), rounded and kept within the limits. */
function fittedRange(median: number, sigma: number, o: GrowOptions): readonly [number, number] {
  const half = Math.max(sigma, o.autoRangeMinSigma) * o.autoRangeSigmas;
  const [minHu, maxHu] = o.autoRangeLimits;
  return [Math.max(minHu, Math.round(median - half)), Math.min(maxHu, Math.round(median + half))];
}
