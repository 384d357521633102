/**
 * Settings of the lesion grow. Every field has a default ({@link DEFAULT_GROW_OPTIONS}) tuned
 * on the synthetic sample studies and the hand-built test volumes; the viewer exposes the HU
 * range and the leak limits.
 */
export interface GrowOptions {
  /**
   * HU range of the lesion core, inclusive. `'auto'` fits it to the lesion: a first pass
   * grows with the median ± `autoRangeSigmas` spreads of the voxels near the seed, a second
   * with the median ± `autoRangeSigmas` spreads of that first region's interior. A lytic
   * lesion is one soft-tissue density, and a range fitted to it separates it from a disc
   * (≈ 40 HU brighter) or osteoporotic marrow better than a fixed window.
   */
  readonly huRange: 'auto' | readonly [number, number];
  /** Half-width of the automatic range, in standard deviations of the lesion's HU. */
  readonly autoRangeSigmas: number;
  /**
   * Smallest standard deviation (HU) the automatic range assumes: CT soft tissue is rarely
   * quieter than this, and a smooth lesion would otherwise get a needlessly narrow range.
   */
  readonly autoRangeMinSigma: number;
  /** The automatic range never leaves this window, and the seed must lie in it. */
  readonly autoRangeLimits: readonly [number, number];
  /** Radius in mm of the neighbourhood of the seed that starts the automatic range. */
  readonly seedSampleRadiusMm: number;
  /** HU at or above which a voxel counts as bone (cancellous or cortical) for the envelope. */
  readonly boneHu: number;
  /**
   * Radius in mm of the closing that plugs cortical breaks when working out the bone
   * envelope: breaks narrower than about twice this are bridged.
   */
  readonly closingRadiusMm: number;
  /** Leak limit: growth stops at this volume (mL) and reports a leak. */
  readonly maxVolumeMl: number;
  /** Leak limit: nothing farther than this from the seed (mm) is taken; reaching it reports a leak. */
  readonly maxDistanceMm: number;
  /**
   * Radius (mm) of the block around the seed in which the bone envelope is worked out, when
   * more than `maxDistanceMm`: a short leak distance must not hide the bone that encloses the
   * lesion. The block's size sets the grow's cost.
   */
  readonly envelopeRadiusMm: number;
  /**
   * Layers of partial-volume rim to take (0 for none): boundary voxels nearer in HU to the
   * lesion than to the tissue beyond them.
   */
  readonly rimLayers: number;
  /** Fill enclosed holes (noise, small calcifications) of the result. */
  readonly fillHoles: boolean;
}

/** Defaults of {@link GrowOptions}. */
export const DEFAULT_GROW_OPTIONS: GrowOptions = {
  huRange: 'auto',
  autoRangeSigmas: 2,
  autoRangeMinSigma: 12,
  autoRangeLimits: [-100, 150],
  seedSampleRadiusMm: 3,
  boneHu: 150,
  closingRadiusMm: 12,
  maxVolumeMl: 300,
  maxDistanceMm: 60,
  envelopeRadiusMm: 60,
  rimLayers: 2,
  fillHoles: true,
};

/**
 * The HU range the viewer offers when the user turns the automatic range off: the soft-tissue
 * core of a lytic lesion, below disc and marrow. A starting point to edit, never applied unasked.
 */
export const DEFAULT_MANUAL_HU_RANGE: readonly [number, number] = [-20, 90];
