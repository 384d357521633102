import { worldToIndexMatrix } from './indexWorld';
import type { VolumeGeometry } from './volumeGeometry';

/**
 * Squared-millimetre metric of index offsets: `dist² = Δᵀ·G·Δ` for an index offset Δ, with
 * G the Gram matrix of the scaled axes. Diagonal (spacing²) for ordinary orthogonal CT, and
 * still right for sheared grids.
 */
export interface VoxelMetric {
  /** Row-major 3×3 Gram matrix. */
  readonly gram: readonly number[];
  /** Largest index offset along each axis that a ball of 1 mm can reach (scale by the radius). */
  readonly reachPerMm: readonly [number, number, number];
}

/** The metric of a grid. */
export function voxelMetric(g: VolumeGeometry): VoxelMetric {
  const axes = g.direction.map((d, a) => [d[0] * g.spacing[a]!, d[1] * g.spacing[a]!, d[2] * g.spacing[a]!]);
  const gram: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) gram.push(axes[r]![0]! * axes[c]![0]! + axes[r]![1]! * axes[c]![1]! + axes[r]![2]! * axes[c]![2]!);
  const inv = worldToIndexMatrix(g);
  // |Δa| = |row a of M⁻¹ · offset| ≤ |row a| · |offset|.
  const reach = [0, 1, 2].map((a) => Math.hypot(inv[3 * a]!, inv[3 * a + 1]!, inv[3 * a + 2]!));
  return { gram, reachPerMm: [reach[0]!, reach[1]!, reach[2]!] };
}

/** Squared distance in mm² of an index offset. */
export function squaredMm(m: VoxelMetric, dx: number, dy: number, dz: number): number {
  const g = m.gram;
  return (
    g[0]! * dx * dx + g[4]! * dy * dy + g[8]! * dz * dz + 2 * (g[1]! * dx * dy + g[2]! * dx * dz + g[5]! * dy * dz)
  );
}
