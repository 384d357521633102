import type { BinaryVolume } from '../trajectory/gridGeometry';
import { distanceTransform, type DistanceMap } from '../trajectory/distanceTransform';
import { gridTransform, type GridTransform } from '../trajectory/gridTransform';
import { prepareMask, type PreparedMask } from '../trajectory/preparedMask';

/** How far around a lesion margins are measured, mm; larger margins are reported as this, capped. */
export const MARGIN_RANGE_MM = 20;

/**
 * The distance map's voxels are at least this size (finer grids are pooled), mm: margins are
 * read to about ±0.3 mm, and a map at CBCT or finer resolution over the margin range would
 * cost tens of millions of voxels.
 */
export const MARGIN_MAP_SPACING_MM = 0.5;

/**
 * A lesion ready for per-frame zone metrics: its indexed mask and its distance map over the
 * lesion's box grown by `marginRangeMm`. Built when the lesion is segmented or edited (the
 * distance map costs tens of milliseconds for a large lesion), never while a probe is dragged.
 */
export interface PreparedLesion {
  readonly mask: PreparedMask;
  readonly distance: DistanceMap;
  readonly distanceTransform: GridTransform;
  readonly marginRangeMm: number;
  /** The distance map's LPS bounds: [minX, minY, minZ, maxX, maxY, maxZ]. */
  readonly region: Float64Array;
}

/** Prepares a lesion mask for coverage and margin metrics. */
export function prepareLesion(mask: BinaryVolume, marginRangeMm = MARGIN_RANGE_MM): PreparedLesion {
  const prepared = prepareMask(mask);
  const distance = distanceTransform(mask, marginRangeMm, MARGIN_MAP_SPACING_MM);
  const t = gridTransform(distance);
  const region = Float64Array.of(Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity);
  const p = new Float64Array(3);
  for (let c = 0; c < 8; c++) {
    const i = c & 1 ? distance.dimensions[0] - 0.5 : -0.5;
    const j = c & 2 ? distance.dimensions[1] - 0.5 : -0.5;
    const k = c & 4 ? distance.dimensions[2] - 0.5 : -0.5;
    const m = t.toMm;
    p[0] = t.origin[0] + m[0]! * i + m[1]! * j + m[2]! * k;
    p[1] = t.origin[1] + m[3]! * i + m[4]! * j + m[5]! * k;
    p[2] = t.origin[2] + m[6]! * i + m[7]! * j + m[8]! * k;
    for (let a = 0; a < 3; a++) {
      region[a] = Math.min(region[a]!, p[a]!);
      region[3 + a] = Math.max(region[3 + a]!, p[a]!);
    }
  }
  return { mask: prepared, distance, distanceTransform: t, marginRangeMm, region };
}
