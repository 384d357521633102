import type { Vec3 } from '../../src/shared/vec3';
import { sliceZ, type Volume } from './grid';
import { Rng } from './rng';

/** A straight piece of metal (a needle shaft) in the grid's frame. */
export interface MetalSegment {
  a: Vec3;
  b: Vec3;
  radiusMm: number;
}

export interface StreakOptions {
  /** Peak HU of a streak next to the metal. */
  amplitudeHu: number;
  /** Number of streaks around each piece of metal (alternately bright and dark). */
  rays: number;
  /** Half-width (1/e) of a streak across its line, mm. */
  widthMm: number;
  /** The streaks fall off as decayMm / (decayMm + distance) and end at reachMm. */
  decayMm: number;
  reachMm: number;
  /** Voxels with this label (the metal itself) are left alone. */
  metalLabel: number;
  seed: number;
}

/**
 * Metal streak artefacts of a reconstruction: in each axial slice that a segment crosses,
 * alternating bright and dark lines (about 2·widthMm wide) radiate from the part of the metal
 * in that slice, strongest next to it and fading with distance. The lines of each segment (angles,
 * jitter, gains) come from a seeded PRNG and turn slowly from slice to slice, so the pattern is
 * deterministic and not the same in every slice.
 */
export function addMetalStreaks(vol: Volume, segments: readonly MetalSegment[], o: StreakOptions): void {
  const g = vol.grid;
  const rng = new Rng(o.seed);
  const cut = 3 * o.widthMm;
  for (const seg of segments) {
    const phase = rng.range(0, 2 * Math.PI);
    const rays = Array.from({ length: o.rays }, (_, n) => ({
      angle: phase + (2 * Math.PI * n) / o.rays + rng.range(-0.3, 0.3) * ((2 * Math.PI) / o.rays),
      gain: (n % 2 === 0 ? 1 : -1) * rng.range(0.6, 1),
    }));
    const twistPerMm = rng.range(-0.004, 0.004);
    const cs = new Float64Array(o.rays), sn = new Float64Array(o.rays), gains = Float64Array.from(rays, (r) => r.gain);
    const [a, b] = [seg.a, seg.b];
    const dz = b[2] - a[2];
    const half = Math.max(seg.radiusMm, g.sliceSpacing / 2);
    for (let k = 0; k < g.slices; k++) {
      const z = sliceZ(g, k);
      // The part of the axis within the slab around this slice.
      let s0 = 0, s1 = 1;
      if (Math.abs(dz) > 1e-9) {
        const u0 = (z - half - a[2]) / dz, u1 = (z + half - a[2]) / dz;
        s0 = Math.max(0, Math.min(u0, u1));
        s1 = Math.min(1, Math.max(u0, u1));
        if (s0 > s1) continue;
      } else if (Math.abs(z - a[2]) > half) continue;
      const p0x = a[0] + s0 * (b[0] - a[0]), p0y = a[1] + s0 * (b[1] - a[1]);
      const ex = (s1 - s0) * (b[0] - a[0]), ey = (s1 - s0) * (b[1] - a[1]);
      // Lines radiate from points along the metal in this slice: one per 8 mm of it (a needle lying
      // almost in the slice crosses it as a long bar).
      const inSlice = Math.hypot(ex, ey);
      const origins = 1 + Math.floor(inSlice / 8);
      const twist = twistPerMm * z;
      rays.forEach((r, n) => {
        cs[n] = Math.cos(r.angle + twist);
        sn[n] = Math.sin(r.angle + twist);
      });
      const i0 = Math.max(0, Math.floor((Math.min(p0x, p0x + ex) - o.reachMm - g.x0) / g.colSpacing));
      const i1 = Math.min(g.columns - 1, Math.ceil((Math.max(p0x, p0x + ex) + o.reachMm - g.x0) / g.colSpacing));
      const j0 = Math.max(0, Math.floor((Math.min(p0y, p0y + ey) - o.reachMm - g.y0) / g.rowSpacing));
      const j1 = Math.min(g.rows - 1, Math.ceil((Math.max(p0y, p0y + ey) + o.reachMm - g.y0) / g.rowSpacing));
      for (let j = j0; j <= j1; j++) {
        const y = g.y0 + j * g.rowSpacing;
        const row = (k * g.rows + j) * g.columns;
        for (let i = i0; i <= i1; i++) {
          if (vol.labels[row + i] === o.metalLabel) continue;
          const x = g.x0 + i * g.colSpacing;
          let total = 0;
          for (let c = 0; c < origins; c++) {
            const f = origins === 1 ? 0.5 : c / (origins - 1);
            const qx = x - (p0x + f * ex), qy = y - (p0y + f * ey);
            const d = Math.sqrt(qx * qx + qy * qy) - seg.radiusMm;
            if (d <= 0 || d > o.reachMm) continue;
            let sum = 0;
            for (let n = 0; n < o.rays; n++) {
              const along = qx * cs[n]! + qy * sn[n]!;
              if (along <= 0) continue;
              const across = qx * sn[n]! - qy * cs[n]!;
              if (across > cut || across < -cut) continue;
              sum += gains[n]! * Math.exp(-((across / o.widthMm) ** 2));
            }
            if (sum !== 0) total += sum * (o.decayMm / (o.decayMm + d)) * (1 - (d / o.reachMm) ** 2);
          }
          if (total !== 0) vol.hu[row + i] = vol.hu[row + i]! + o.amplitudeHu * total;
        }
      }
    }
  }
}
