import type { VolumeGeometry } from '../volume/volumeGeometry';

/**
 * Why a mask's grid does not fit a loaded volume's, or null when it does: same dimensions,
 * and spacing, origin and directions equal within `toleranceMm` (positions) and 1e-3
 * (cosines). A reload of the same series gives the same grid; anything else means the mask
 * would land on the wrong voxels.
 */
export function geometryMismatch(stored: VolumeGeometry, loaded: VolumeGeometry, toleranceMm = 0.01): string | null {
  for (let a = 0; a < 3; a++) {
    if (stored.dimensions[a] !== loaded.dimensions[a]) return `dimensions differ (${stored.dimensions.join('×')} vs ${loaded.dimensions.join('×')})`;
    if (Math.abs(stored.spacing[a]! - loaded.spacing[a]!) > toleranceMm) return `spacing differs along ${'ijk'[a]}`;
    if (Math.abs(stored.origin[a]! - loaded.origin[a]!) > toleranceMm) return 'origin differs';
    for (let c = 0; c < 3; c++) {
      if (Math.abs(stored.direction[a]![c]! - loaded.direction[a]![c]!) > 1e-3) return `direction of ${'ijk'[a]} differs`;
    }
  }
  return null;
}
