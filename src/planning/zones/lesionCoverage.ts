import type { CompositeZone } from './compositeZone';
import { maskVoxelsInZone } from './maskVoxelsInZone';
import type { PreparedLesion } from './preparedLesion';
import type { ZoneRowEvaluator } from './zoneRows';

/** How much of a lesion a zone covers. */
export interface LesionCoverage {
  lesionVolumeMl: number;
  coveredVolumeMl: number;
  /** Covered voxels / lesion voxels × 100 (voxel centres inside the zone). */
  coveragePercent: number;
  /** Every lesion voxel covered. */
  complete: boolean;
}

/** Coverage of a lesion by a zone, counted row by row (see `maskVoxelsInZone`). */
export function lesionCoverage(zone: CompositeZone, rows: ZoneRowEvaluator, lesion: PreparedLesion): LesionCoverage {
  const m = lesion.mask;
  const covered = maskVoxelsInZone(zone, rows, m);
  const ml = m.voxelVolumeMm3 / 1000;
  return {
    lesionVolumeMl: m.voxelCount * ml,
    coveredVolumeMl: covered * ml,
    coveragePercent: m.voxelCount === 0 ? 0 : (100 * covered) / m.voxelCount,
    complete: m.voxelCount > 0 && covered === m.voxelCount,
  };
}
