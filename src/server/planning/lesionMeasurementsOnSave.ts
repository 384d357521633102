import {
  boxVoxelCount,
  indexToWorld,
  lesionMeasurementsOf,
  measureMask,
  type LesionMeasurements,
  type PlanningVolume,
  type VolumeGeometry,
  type VoxelMask,
} from '../../planning/lesions';
import { voxel } from '../../shared/vec3';

/**
 * A lesion's stored measurements, recomputed from its mask as the server saves the plan.
 *
 * With the CT (`volume`, already checked to be the mask's grid) everything is recomputed with
 * {@link measureMask}, HU statistics included. Without it (a series the server does not hold)
 * the mask and its stored grid still give the volume, the principal diameters and the longest
 * axial diameter, so those are recomputed all the same; only `hu` needs the images, and it is
 * kept as the client sent it (null when it sent none): the server cannot check it, and the
 * client measured it on the same mask over the same series.
 */
export function lesionMeasurementsOnSave(
  mask: VoxelMask,
  geometry: VolumeGeometry,
  volume: PlanningVolume | undefined,
  sent: LesionMeasurements | null,
): LesionMeasurements {
  if (volume) return lesionMeasurementsOf(measureMask(volume, mask));
  // measureMask reads only the mask's box of the volume: a volume of just that box, on the same
  // grid, with blank scalars, measures the same shape without the images.
  const { offset, size } = mask.box;
  const box: PlanningVolume = {
    dimensions: size,
    spacing: geometry.spacing,
    origin: indexToWorld(geometry, voxel(offset[0], offset[1], offset[2])),
    direction: geometry.direction,
    scalars: new Int16Array(boxVoxelCount(mask.box)),
  };
  const measured = measureMask(box, { dimensions: size, box: { offset: [0, 0, 0], size }, data: mask.data });
  return { ...lesionMeasurementsOf(measured), hu: sent?.hu ?? null };
}
