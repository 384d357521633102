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
  /** Angular half-width of a streak, degrees. */
  widthDeg: number;
  /** The streaks fall off as decayMm / (decayMm + distance) and end at reachMm. */
  decayMm: number;
  reachMm: number;
  /** Voxels with this label (the metal itself) are left alone. */
  metalLabel: number;
  seed: number;
}

const TABLE = 1440;

/**
 * Metal streak artefacts of a reconstruction: in each axial slice that a segment crosses,
 * alternating bright and dark lines radiate from the part of the metal in that slice,
 * strongest next to it and fading with distance. The pattern of each segment (ray angles,
 * jitter, signs) comes from a seeded PRNG and turns slowly from slice to slice, so it is
 * deterministic and not the same in every slice.
 */
export function addMetalStreaks(vol: Volume, segments: readonly MetalSegment[], o: StreakOptions): void {
  const g = vol.grid;
  const rng = new Rng(o.seed);
  const w = (o.widthDeg * Math.PI) / 180;
  for (const seg of segments) {
    // The angular profile of this segment's streaks as a table over [0, 2π).
    const profile = new Float32Array(TABLE);
    const phase = rng.range(0, 2 * Math.PI);
    for (let n = 0; n < o.rays; n++) {
      const at = phase + (2 * Math.PI * n) / o.rays + rng.range(-0.35, 0.35) * ((2 * Math.PI) / o.rays);
      const gain = (n % 2 === 0 ? 1 : -1) * rng.range(0.6, 1);
      for (let t = 0; t < TABLE; t++) {
        let d = (2 * Math.PI * t) / TABLE - at;
        d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
        profile[t] = profile[t]! + gain * Math.exp(-((d / w) ** 2));
      }
    }
    const twistPerMm = rng.range(-0.004, 0.004);
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
      const len2 = ex * ex + ey * ey;
      const twist = twistPerMm * z;
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
          let t = len2 > 0 ? ((x - p0x) * ex + (y - p0y) * ey) / len2 : 0;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const qx = x - (p0x + t * ex), qy = y - (p0y + t * ey);
          const r = Math.sqrt(qx * qx + qy * qy);
          const d = r - seg.radiusMm;
          if (d <= 0 || d > o.reachMm) continue;
          let ang = Math.atan2(qy, qx) + twist;
          ang -= 2 * Math.PI * Math.floor(ang / (2 * Math.PI));
          const fade = 1 - (d / o.reachMm) ** 2;
          vol.hu[row + i] = vol.hu[row + i]! + o.amplitudeHu * profile[Math.floor((ang / (2 * Math.PI)) * TABLE) % TABLE]! * (o.decayMm / (o.decayMm + d)) * fade;
        }
      }
    }
  }
}
