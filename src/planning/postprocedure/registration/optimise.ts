import type { Vec3 } from '../../../shared/vec3';
import { matrixFromParams, multiply, type Matrix4 } from '../rigid';
import { composeAffine, type Grid } from './grid';
import { linearise, score, solve6, type Samples, type Score } from './metric';

/** Six parameters: rotations (°) about x, y, z through the centre, then a translation (mm). */
export type Params = readonly [number, number, number, number, number, number];

/**
 * The transform searched: T(p) = initial · C(p), C the rigid motion of the parameters about
 * `centre` (planning LPS), so p = 0 is the start transform.
 */
export interface Model {
  readonly initial: Matrix4;
  readonly centre: Vec3;
}

export const ZERO: Params = [0, 0, 0, 0, 0, 0];

export function transformOf(model: Model, p: Params): Matrix4 {
  return multiply(model.initial, matrixFromParams({ rotationDeg: [p[0], p[1], p[2]], translationMm: [p[3], p[4], p[5]] }, model.centre));
}

/** Planning LPS → moving voxel index of a transform, 3×4. */
export function movingAffine(g: Grid, t: Matrix4): number[] {
  return composeAffine(g.w2i, t.slice(0, 12));
}

export function scoreAt(s: Samples, g: Grid, model: Model, p: Params): Score {
  return score(s, g, movingAffine(g, transformOf(model, p)));
}

/** Derivatives of the moving-index affine by each parameter (central differences of the exact matrices). */
function derivatives(g: Grid, model: Model, p: Params): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < 6; k++) {
    const h = k < 3 ? 1e-3 : 1e-2;
    const plus = p.map((v, i) => (i === k ? v + h : v)) as unknown as Params;
    const minus = p.map((v, i) => (i === k ? v - h : v)) as unknown as Params;
    const ap = movingAffine(g, transformOf(model, plus)), am = movingAffine(g, transformOf(model, minus));
    out.push(ap.map((v, i) => (v - am[i]!) / (2 * h)));
  }
  return out;
}

export interface OptimiseOptions {
  readonly maxIterations: number;
  /** Largest step per iteration: rotation (°) and translation (mm). */
  readonly maxStepDeg: number;
  readonly maxStepMm: number;
  /** Stop when a step is below these. */
  readonly tolDeg: number;
  readonly tolMm: number;
}

export interface Optimised extends Score {
  readonly p: Params;
  readonly iterations: number;
}

/**
 * Levenberg–Marquardt on the intensity-fitted residual (maximises NCC): Gauss–Newton steps
 * with analytic image gradients, damped until the NCC improves.
 */
export function optimise(s: Samples, g: Grid, model: Model, p0: Params, o: OptimiseOptions): Optimised {
  let p = p0;
  let lin = linearise(s, g, movingAffine(g, transformOf(model, p)), derivatives(g, model, p));
  let cur: Score = { ncc: lin.ncc, count: lin.count };
  let lambda = 1e-3;
  let it = 0;
  for (; it < o.maxIterations; it++) {
    if (lin.count < 10) break;
    const a = Float64Array.from(lin.h);
    for (let k = 0; k < 6; k++) a[k * 7]! += lambda * lin.h[k * 7]! + 1e-9;
    const d = solve6(a, lin.grad.map((v) => -v));
    if (!d) break;
    const rot = Math.max(Math.abs(d[0]!), Math.abs(d[1]!), Math.abs(d[2]!));
    const tr = Math.max(Math.abs(d[3]!), Math.abs(d[4]!), Math.abs(d[5]!));
    const shrink = Math.min(1, o.maxStepDeg / Math.max(rot, 1e-12), o.maxStepMm / Math.max(tr, 1e-12));
    const trial = p.map((v, k) => v + d[k]! * shrink) as unknown as Params;
    const sc = scoreAt(s, g, model, trial);
    if (sc.ncc > cur.ncc) {
      p = trial;
      cur = sc;
      lambda = Math.max(lambda / 4, 1e-7);
      if (rot * shrink < o.tolDeg && tr * shrink < o.tolMm) { it++; break; }
      lin = linearise(s, g, movingAffine(g, transformOf(model, p)), derivatives(g, model, p));
    } else {
      lambda *= 8;
      if (lambda > 1e4) break;
    }
  }
  return { p, ncc: cur.ncc, count: cur.count, iterations: it };
}
