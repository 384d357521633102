import { lps, type LpsPoint } from '../../shared/vec3';
import type { PlanningVolume } from '../volume/planningVolume';
import { IDENTITY_DIRECTION, type DirectionCosines, type Dimensions3, type Spacing3 } from '../volume/volumeGeometry';

/** Grid of a hand-built test volume. */
export interface PhantomGrid {
  readonly dimensions: Dimensions3;
  readonly spacing: Spacing3;
  readonly origin?: LpsPoint;
  readonly direction?: DirectionCosines;
}

/**
 * A volume whose HU at each voxel centre is `hu(x, y, z)` of the centre's LPS position, as
 * Int16 like decoded CT. For tests and the benchmark: shapes are written as functions of
 * millimetres, so the same phantom can be sampled on any grid.
 */
export function phantomVolume(grid: PhantomGrid, hu: (x: number, y: number, z: number) => number): PlanningVolume {
  const { dimensions, spacing } = grid;
  const origin = grid.origin ?? lps(0, 0, 0);
  const direction = grid.direction ?? IDENTITY_DIRECTION;
  const [nx, ny, nz] = dimensions;
  const scalars = new Int16Array(nx * ny * nz);
  const [d0, d1, d2] = direction;
  for (let k = 0, p = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        const a = i * spacing[0], b = j * spacing[1], c = k * spacing[2];
        scalars[p] = Math.round(
          hu(
            origin[0] + a * d0[0] + b * d1[0] + c * d2[0],
            origin[1] + a * d0[1] + b * d1[1] + c * d2[1],
            origin[2] + a * d0[2] + b * d1[2] + c * d2[2],
          ),
        );
      }
    }
  }
  return { dimensions, spacing, origin, direction, scalars };
}

/**
 * Blurs a volume in place with the separable kernel [w, 1 − 2w, w] per axis (partial
 * volume), then adds Gaussian noise of `sigma` HU from a seeded generator, so tests see edges
 * and noise like CT's while staying deterministic.
 */
export function blurAndNoise(v: PlanningVolume, w: readonly [number, number, number], sigma: number, seed = 1): void {
  const [nx, ny, nz] = v.dimensions;
  const f = Float32Array.from(v.scalars);
  const strides = [1, nx, nx * ny];
  const lengths = [nx, ny, nz];
  for (let a = 0; a < 3; a++) {
    const wa = w[a]!;
    if (wa === 0) continue;
    const src = f.slice();
    const s = strides[a]!;
    const n = lengths[a]!;
    for (let p = 0; p < f.length; p++) {
      const q = Math.floor(p / s) % n;
      const prev = q > 0 ? src[p - s]! : src[p]!;
      const next = q < n - 1 ? src[p + s]! : src[p]!;
      f[p] = (1 - 2 * wa) * src[p]! + wa * (prev + next);
    }
  }
  let state = seed >>> 0;
  const uniform = (): number => {
    // Mulberry32: small, seeded, and the same everywhere.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let p = 0; p < f.length; p++) {
    const gauss = Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
    v.scalars[p] = Math.round(f[p]! + sigma * gauss);
  }
}
