import { lps, type Vec3 } from '../../../shared/vec3';
import { sampleTrilinear } from '../../trajectory/sampleTrilinear';
import { worldToIndex } from '../../volume/indexWorld';
import type { PlanningVolume } from '../../volume/planningVolume';
import { isPadding } from '../fieldOfView';

const at = (c: Vec3, a: Vec3, s: number): Vec3 => [c[0] + a[0] * s, c[1] + a[1] * s, c[2] + a[2] * s];

/** Trilinear HU at an LPS point, NaN outside the grid. */
export function huAt(v: PlanningVolume, p: Vec3): number {
  const f = worldToIndex(v, lps(p[0], p[1], p[2]));
  return sampleTrilinear(v, f[0], f[1], f[2]);
}

/**
 * The needle's tip along its axis (`centre` + s·`axis`, axis pointing deeper), sub-voxel: the
 * profile along the axis beyond the last metal voxel (`sLast`) falls from the shaft's level
 * (median over 3–8 mm before `sLast`) to what lies beyond (3 mm past it); the tip is where it
 * crosses halfway, interpolated between 0.1 mm samples.
 */
export function tipAlongAxis(v: PlanningVolume, centre: Vec3, axis: Vec3, sLast: number): number {
  const shaft: number[] = [];
  for (let s = sLast - 8; s <= sLast - 3; s += 0.25) {
    const h = huAt(v, at(centre, axis, s));
    if (!Number.isNaN(h)) shaft.push(h);
  }
  shaft.sort((a, b) => a - b);
  const metal = shaft[shaft.length >> 1] ?? huAt(v, at(centre, axis, sLast));
  const beyond = huAt(v, at(centre, axis, sLast + 3));
  if (Number.isNaN(beyond) || Number.isNaN(metal)) return sLast;
  const half = (metal + beyond) / 2;
  let prevS = sLast - 3, prev = huAt(v, at(centre, axis, prevS));
  for (let s = prevS + 0.1; s <= sLast + 3; s += 0.1) {
    const h = huAt(v, at(centre, axis, s));
    if (h < half && prev >= half) return prevS + ((prev - half) / (prev - h)) * (s - prevS);
    prevS = s;
    prev = h;
  }
  return sLast;
}

/** Air outside the body reads about −1000 HU and fat about −100: the skin lies where the surroundings cross halfway. */
const AIR_TISSUE_HU = -500;

/** Where the needle leaves the body, or why it cannot be said. */
export type SkinCrossing = { readonly s: number } | { readonly s: null; readonly why: 'field-of-view' | 'volume' | 'not-found' };

/**
 * Where the needle's axis leaves the body, walking from the tip (`sTip`) back out (−axis):
 * on each step the median HU of 12 points on a ring of `ringMm` round the axis (beside the
 * metal, so its own brightness and most of its streaks stay out) — the skin is where that
 * median first drops below {@link AIR_TISSUE_HU} and stays in air for 10 mm. When a ring
 * point falls outside the field of view (padding) or the grid before that, the skin cannot be
 * seen: null with the reason.
 */
export function skinAlongAxis(v: PlanningVolume, padding: number | null, centre: Vec3, axis: Vec3, sTip: number, ringMm: number, maxMm = 250): SkinCrossing {
  const helper: Vec3 = Math.abs(axis[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = normalise(cross(axis, helper));
  const w = cross(axis, u);
  const ring: Vec3[] = [];
  for (let n = 0; n < 12; n++) {
    const t = (n * Math.PI) / 6;
    ring.push([(u[0] * Math.cos(t) + w[0] * Math.sin(t)) * ringMm, (u[1] * Math.cos(t) + w[1] * Math.sin(t)) * ringMm, (u[2] * Math.cos(t) + w[2] * Math.sin(t)) * ringMm]);
  }
  const step = 0.5;
  let prevS = sTip, prevMedian = NaN;
  let crossing: number | null = null;
  for (let s = sTip - 2; s >= sTip - maxMm; s -= step) {
    const c = at(centre, axis, s);
    const hs: number[] = [];
    for (const r of ring) {
      const p: Vec3 = [c[0] + r[0], c[1] + r[1], c[2] + r[2]];
      const f = worldToIndex(v, lps(p[0], p[1], p[2]));
      const h = sampleTrilinear(v, f[0], f[1], f[2]);
      if (Number.isNaN(h)) return crossing !== null ? { s: crossing } : { s: null, why: 'volume' };
      if (isPadding(v, padding, Math.round(f[0]), Math.round(f[1]), Math.round(f[2]))) return { s: null, why: 'field-of-view' };
      hs.push(h);
    }
    hs.sort((a, b) => a - b);
    const median = (hs[5]! + hs[6]!) / 2;
    if (crossing === null && median < AIR_TISSUE_HU && prevMedian >= AIR_TISSUE_HU) {
      crossing = prevS - ((prevMedian - AIR_TISSUE_HU) / (prevMedian - median)) * step;
    } else if (crossing !== null && median >= AIR_TISSUE_HU) crossing = null;
    if (crossing !== null && s <= crossing - 10) return { s: crossing };
    prevS = s;
    prevMedian = median;
  }
  return crossing !== null ? { s: crossing } : { s: null, why: 'not-found' };
}

const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const normalise = (a: Vec3): Vec3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
};
