import { lps, type LpsPoint } from '../../shared/vec3';
import type { PlanningVolume } from '../volume/planningVolume';
import type { DirectionCosines, Spacing3 } from '../volume/volumeGeometry';
import { phantomVolume } from './phantomVolume';

/** HU of the tissues of the bone-cube phantom. */
export const CUBE_HU = { muscle: 50, cortex: 1000, cancellous: 200, lesion: 40 } as const;

/** Where things are in the bone-cube phantom (mm, LPS). */
export interface BoneCube {
  readonly volume: PlanningVolume;
  readonly cubeCentre: LpsPoint;
  /** Half the cube's edge (outer surface of the cortex) and the cortex thickness. */
  readonly halfEdgeMm: number;
  readonly cortexMm: number;
  readonly lesionCentre: LpsPoint;
  readonly lesionRadiusMm: number;
  /** Radius of the break through the +x cortex, on the lesion's axis; 0 for none. */
  readonly breakRadiusMm: number;
}

/**
 * A cube of bone (cortical shell over cancellous) in muscle, holding a spherical lytic lesion
 * that erodes the +x cortex, where a round break through the rest of the cortex
 * (filled with soft tissue of muscle density) opens into the muscle outside: the case a
 * grow must not leak through. 40 × 40 × 40 mm of bone in a 64 mm field.
 */
export function boneCubePhantom(
  spacing: Spacing3 = [0.8, 0.8, 1.5],
  options: { breakRadiusMm?: number; direction?: DirectionCosines; origin?: LpsPoint } = {},
): BoneCube {
  const fieldMm = 64;
  const dims = spacing.map((s) => Math.round(fieldMm / s)) as [number, number, number];
  const halfEdgeMm = 20;
  const cortexMm = 2;
  const lesionRadiusMm = 10;
  const breakRadiusMm = options.breakRadiusMm ?? 4;
  const direction = options.direction ?? [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  // The grid's far corner for a flipped axis, so the field covers the same place.
  const origin = options.origin ?? lps(0, 0, direction[2][2] < 0 ? (dims[2] - 1) * spacing[2] : 0);
  const c = [32, 32, 32];
  // The lesion erodes half the cortex's thickness where the break is.
  const lesionCentre = lps(c[0]! + halfEdgeMm - cortexMm / 2 - lesionRadiusMm, c[1]!, c[2]!);
  const volume = phantomVolume({ dimensions: dims, spacing, origin, direction }, (x, y, z) => {
    const dx = x - c[0]!, dy = y - c[1]!, dz = z - c[2]!;
    const outside = Math.max(Math.abs(dx), Math.abs(dy), Math.abs(dz));
    if (outside > halfEdgeMm) return CUBE_HU.muscle;
    const lx = x - lesionCentre[0], ly = y - lesionCentre[1], lz = z - lesionCentre[2];
    if (lx * lx + ly * ly + lz * lz <= lesionRadiusMm * lesionRadiusMm) return CUBE_HU.lesion;
    if (outside > halfEdgeMm - cortexMm) {
      const inBreak = breakRadiusMm > 0 && dx > halfEdgeMm - cortexMm && dy * dy + dz * dz <= breakRadiusMm * breakRadiusMm;
      return inBreak ? CUBE_HU.muscle : CUBE_HU.cortex;
    }
    return CUBE_HU.cancellous;
  });
  return { volume, cubeCentre: lps(c[0]!, c[1]!, c[2]!), halfEdgeMm, cortexMm, lesionCentre, lesionRadiusMm, breakRadiusMm };
}
