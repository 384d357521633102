import { err, ok, type Result } from '../../shared/result';
import type { LpsPoint } from '../../shared/vec3';
import { boxFromCorners, type VoxelBox } from '../mask/voxelBox';
import { extractBlock } from '../volume/extractBlock';
import { worldToIndex } from '../volume/indexWorld';
import type { HuScalars, PlanningVolume } from '../volume/planningVolume';
import { voxelMetric, type VoxelMetric } from '../volume/voxelMetric';

/** The block of a volume around a seed that a grow works in. */
export interface SeedBlock {
  readonly box: VoxelBox;
  readonly block: HuScalars;
  /** The seed voxel in block coordinates and as a block index. */
  readonly seed: readonly [number, number, number];
  readonly seedIndex: number;
  readonly metric: VoxelMetric;
}

/** Cuts out the block of every voxel within `radiusMm` of the seed's voxel (clipped to the volume). */
export function seedBlock(volume: PlanningVolume, seed: LpsPoint, radiusMm: number): Result<SeedBlock> {
  const f = worldToIndex(volume, seed);
  const si = [Math.round(f[0]), Math.round(f[1]), Math.round(f[2])];
  const dims = volume.dimensions;
  if (si.some((v, a) => !(v >= 0 && v < dims[a]!))) return err('The seed point is outside the volume');
  const metric = voxelMetric(volume);
  const reach = metric.reachPerMm.map((r) => Math.ceil(r * radiusMm));
  const box = boxFromCorners(
    si.map((v, a) => Math.max(0, v - reach[a]!)),
    si.map((v, a) => Math.min(dims[a]! - 1, v + reach[a]!)),
  );
  const local = [si[0]! - box.offset[0], si[1]! - box.offset[1], si[2]! - box.offset[2]] as const;
  const [nx, ny] = box.size;
  return ok({
    box,
    block: extractBlock(volume, box),
    seed: local,
    seedIndex: (local[2] * ny + local[1]) * nx + local[0],
    metric,
  });
}
