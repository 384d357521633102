import { cache } from '@cornerstonejs/core';
import { createPlanningVolume, type HuScalars, type PlanningVolume, type VolumeGeometry } from '../planning/lesions';
import type { Vec3 } from '../shared/vec3';
import { lpsFromCs } from './coordinates';

/** The grid of a loaded Cornerstone volume, in planning's terms; undefined when there is no such volume. */
export function volumeGeometryOf(volumeId: string): VolumeGeometry | undefined {
  const v = cache.getVolume(volumeId);
  if (!v) return undefined;
  // Cornerstone's Mat3: the three axis directions (column, row, slice) as rows of a 3×3.
  const d: ArrayLike<number> = v.direction;
  const axis = (a: number): Vec3 => [d[3 * a]!, d[3 * a + 1]!, d[3 * a + 2]!];
  return {
    dimensions: [v.dimensions[0], v.dimensions[1], v.dimensions[2]],
    spacing: [v.spacing[0], v.spacing[1], v.spacing[2]],
    origin: lpsFromCs(v.origin),
    direction: [axis(0), axis(1), axis(2)],
  };
}

/**
 * A loaded volume as planning's HU volume. Cornerstone keeps one array per slice; planning
 * works on one array, so this copies them once (2 bytes per voxel for integer CT) — call it
 * when planning starts, not on load.
 */
export function planningVolumeOf(volumeId: string): PlanningVolume | undefined {
  const v = cache.getVolume(volumeId);
  const geometry = volumeGeometryOf(volumeId);
  if (!v || !geometry || !v.voxelManager?.getCompleteScalarDataArray) return undefined;
  const raw = v.voxelManager.getCompleteScalarDataArray();
  const scalars: HuScalars = raw instanceof Int16Array || raw instanceof Float32Array ? raw : Float32Array.from(raw);
  const made = createPlanningVolume(geometry, scalars);
  return made.ok ? made.value : undefined;
}
