import type { LpsBox, RegistrationReport } from '../../../records/postProcedure';
import { err, ok, type Result } from '../../../shared/result';
import type { Vec3 } from '../../../shared/vec3';
import type { PlanningVolume } from '../../volume/planningVolume';
import { applyMatrix, IDENTITY4, paramsFromMatrix, rmsDistanceMm, type Matrix4 } from '../rigid';
import { indexBoxOf, type IndexBox } from './grid';
import { edgeDistanceMm } from './edges';
import { optimise, transformOf, ZERO, type Model, type Optimised, type Params } from './optimise';
import { fixedBoxFor, halveLevel, INTENSITY, levelGrids, movingMask, type LevelGrids } from './pyramid';
import { fixedSamples } from './samples';
import { coarseSearch, type Candidate } from './search';

/** The numbers the registration runs with. */
export const REGISTRATION = {
  /** Level spacings (mm): coarse search and first refinement (the 3 mm images halved), then two finer refinements. */
  levelsMm: [6, 3, 1.5] as const,
  /** Coarse search: ±24° in 12° steps about each axis, ±30 mm in 15 mm steps along each. */
  search: { rotRangeDeg: 24, rotStepDeg: 12, transRangeMm: 30, transStepMm: 15, keep: 12, minUsableShare: 0.5 },
  searchPoints: 600,
  levelPoints: [6000, 12000, 30000] as const,
  /** Accepted only within the capture range (relative to the start) … */
  maxRotationDeg: 30,
  maxTranslationMm: 45,
  /** … with at least this NCC over at least this many points … */
  minNcc: 0.6,
  minSamples: 500,
  /** … and no other basin (≥ 3 mm away) scoring within this of the best. */
  ambiguityMargin: 0.01,
  basinMm: 3,
} as const;

export interface RunOptions {
  readonly region: LpsBox;
  readonly initial?: Matrix4;
  readonly coarseSearch?: boolean;
  readonly onProgress?: (fraction: number, phase: string) => void;
  readonly cancelled?: () => boolean;
  /** Milliseconds clock (default Date.now). */
  readonly now?: () => number;
}

class Cancelled extends Error {}

export const boxCorners = (b: LpsBox): Vec3[] =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((c) => [0, 1, 2].map((a) => ((c >> a) & 1 ? b.maxLps[a]! : b.minLps[a]!)) as unknown as Vec3);

/** The LPS bounding box of a region's corners through a transform, grown by `mm`. */
export function mappedBox(region: LpsBox, t: Matrix4, mm: number): LpsBox {
  const pts = boxCorners(region).map((p) => applyMatrix(t, p));
  const lo = [0, 1, 2].map((a) => Math.min(...pts.map((p) => p[a]!)) - mm);
  const hi = [0, 1, 2].map((a) => Math.max(...pts.map((p) => p[a]!)) + mm);
  return { minLps: lo as [number, number, number], maxLps: hi as [number, number, number] };
}

/** Rigid registration over a region (see registerRigid.ts for the contract). */
export function runRegistration(fixed: PlanningVolume, moving: PlanningVolume, o: RunOptions): Result<RegistrationReport> {
  try {
    return run(fixed, moving, o);
  } catch (e) {
    if (e instanceof Cancelled) return err('cancelled');
    throw e;
  }
}

function run(fixed: PlanningVolume, moving: PlanningVolume, o: RunOptions): Result<RegistrationReport> {
  const now = o.now ?? Date.now;
  const t0 = now();
  const { region } = o;
  for (let a = 0; a < 3; a++) {
    const lo = region.minLps[a]!, hi = region.maxLps[a]!;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi - lo < 10) return err(`region: maxLps[${a}] must exceed minLps[${a}] by at least 10 mm, got ${lo} … ${hi}`);
  }
  const initial = o.initial ?? IDENTITY4;
  if (initial.length !== 16 || !initial.every(Number.isFinite)) return err('initial: a 4×4 matrix needs 16 finite numbers');
  const centre: Vec3 = [0, 1, 2].map((a) => (region.minLps[a]! + region.maxLps[a]!) / 2) as unknown as Vec3;
  const model: Model = { initial, centre };
  const progress = (f: number, phase: string) => {
    if (o.cancelled?.()) throw new Cancelled();
    o.onProgress?.(f, phase);
  };
  const [coarseMm, midMm, fineMm] = REGISTRATION.levelsMm;
  const fixedBox = fixedBoxFor(fixed, region, 2 * coarseMm);
  if (!fixedBox) return err('region: the box lies outside the planning CT');
  const reach = Math.hypot(...[0, 1, 2].map((a) => (region.maxLps[a]! - region.minLps[a]!) / 2)) * Math.sin((REGISTRATION.maxRotationDeg * Math.PI) / 180) + REGISTRATION.maxTranslationMm;
  const movingBox = indexBoxOf(moving, mappedBox(region, initial, reach), 0);
  const failed = (message: string, ncc: number, samples: number): Result<RegistrationReport> =>
    ok(report(initial, 'failed', message, region, centre, ncc, null, samples, now() - t0));
  if (!movingBox) return failed('Registration not possible: the cone-beam CT does not reach the region through the start transform (nor within the capture range). Align by hand or adjust the region.', 0, 0);

  progress(0.02, `Preparing the images (${midMm} and ${coarseMm} mm)`);
  const mask = movingMask(moving, movingBox);
  const mid = levelGrids(fixed, fixedBox, moving, movingBox, midMm, mask);
  const coarse = halveLevel(mid);

  const gnCoarse = fixedSamples(coarse.fixed, region, { airBelow: INTENSITY.airBelow, maxPoints: REGISTRATION.levelPoints[0], edgeShare: 0.5 });
  if (gnCoarse.n < 50) return failed(`the region holds too little non-air planning CT (${gnCoarse.n} points at ${coarseMm} mm)`, 0, gnCoarse.n);
  let candidates: Candidate[] = [{ p: ZERO, ncc: -1, count: 0 }];
  if (o.coarseSearch !== false) {
    progress(0.08, 'Coarse search: ±24°, ±30 mm');
    const pts = fixedSamples(coarse.fixed, region, { airBelow: INTENSITY.airBelow, maxPoints: REGISTRATION.searchPoints, edgeShare: 0.6 });
    candidates = [...candidates, ...coarseSearch(pts, coarse.moving, model, { ...REGISTRATION.search, cancelled: o.cancelled })];
    if (o.cancelled?.()) throw new Cancelled();
  }
  progress(0.4, `Refining ${candidates.length} candidates (6 mm)`);
  const lm = (mm: number) => ({ maxIterations: 40, maxStepDeg: 3, maxStepMm: mm, tolDeg: 0.01, tolMm: 0.02 });
  const refined = candidates.map((c) => optimise(gnCoarse, coarse.moving, model, c.p, lm(coarseMm))).sort((a, b) => b.ncc - a.ncc);
  const basins = distinctBasins(refined, model, region);
  if (basins.length === 0 || basins[0]!.count < 10) return failed('no usable overlap between the images in the region', 0, 0);

  // The best basins at the middle level: the winner must stand clear of the runner-up.
  progress(0.55, 'Refining (3 mm)');
  const gnMid = fixedSamples(mid.fixed, region, { airBelow: INTENSITY.airBelow, maxPoints: REGISTRATION.levelPoints[1], edgeShare: 0.5 });
  const contenders = basins.slice(0, 3).map((b) => optimise(gnMid, mid.moving, model, b.p, lm(midMm))).sort((a, b) => b.ncc - a.ncc);
  const best = contenders[0]!;
  const rival = contenders.slice(1).find((c) => rmsDistanceMm(transformOf(model, c.p), transformOf(model, best.p), boxCorners(region)) > REGISTRATION.basinMm);

  progress(0.75, `Refining (${fineMm} mm)`);
  const fineBox = intersect(indexBoxOf(moving, mappedBox(region, transformOf(model, best.p), 3 * midMm), 0), movingBox);
  if (!fineBox) return failed('the region maps outside the cone-beam CT', best.ncc, best.count);
  const fine: LevelGrids = levelGrids(fixed, fixedBox, moving, fineBox, fineMm, mask);
  const gnFine = fixedSamples(fine.fixed, region, { airBelow: INTENSITY.airBelow, maxPoints: REGISTRATION.levelPoints[2], edgeShare: 0.6 });
  const final = optimise(gnFine, fine.moving, model, best.p, lm(fineMm));
  const matrix = transformOf(model, final.p);
  progress(0.95, 'Measuring the residual');
  const edge = edgeDistanceMm(fine.fixed, fine.moving, region, matrix);
  const rot = Math.max(Math.abs(final.p[0]), Math.abs(final.p[1]), Math.abs(final.p[2]));
  const tr = Math.hypot(final.p[3], final.p[4], final.p[5]);
  const nccText = final.ncc.toFixed(3);
  let why: string | null = null;
  if (final.count < REGISTRATION.minSamples) why = `only ${final.count} usable points overlap (at least ${REGISTRATION.minSamples} needed)`;
  else if (final.ncc < REGISTRATION.minNcc) why = `the images do not match (NCC ${nccText} < ${REGISTRATION.minNcc})`;
  else if (rot > REGISTRATION.maxRotationDeg || tr > REGISTRATION.maxTranslationMm) why = `the match lies beyond the capture range (${rot.toFixed(1)}°, ${tr.toFixed(1)} mm from the start; at most ${REGISTRATION.maxRotationDeg}° and ${REGISTRATION.maxTranslationMm} mm)`;
  else if (rival && rival.ncc > best.ncc - REGISTRATION.ambiguityMargin) why = `two different alignments match about equally well (NCC ${best.ncc.toFixed(3)} and ${rival.ncc.toFixed(3)})`;
  progress(1, why ? 'Failed' : 'Done');
  if (why) return failed(`Registration not trusted: ${why}. Align by hand or adjust the region.`, final.ncc, final.count);
  return ok(report(matrix, 'ok', null, region, centre, final.ncc, edge, final.count, now() - t0));
}

/** The part of `a` inside `b`; null when empty. */
function intersect(a: IndexBox | null, b: IndexBox): IndexBox | null {
  if (!a) return null;
  const lo = [0, 1, 2].map((i) => Math.max(a[0][i]!, b[0][i]!)) as [number, number, number];
  const hi = [0, 1, 2].map((i) => Math.min(a[1][i]!, b[1][i]!)) as [number, number, number];
  return lo.every((v, i) => v <= hi[i]!) ? [lo, hi] : null;
}

/** Refined candidates grouped by where they ended (basins ≥ basinMm apart over the region's corners), best first. */
function distinctBasins(refined: readonly Optimised[], model: Model, region: LpsBox): Optimised[] {
  const out: Optimised[] = [];
  const corners = boxCorners(region);
  for (const r of refined) {
    const m = transformOf(model, r.p);
    if (out.every((b) => rmsDistanceMm(transformOf(model, b.p), m, corners) > REGISTRATION.basinMm)) out.push(r);
  }
  return out;
}

function report(matrix: Matrix4, status: 'ok' | 'failed', message: string | null, region: LpsBox, centre: Vec3, ncc: number, edge: number | null, samples: number, elapsedMs: number): RegistrationReport {
  const p = paramsFromMatrix(matrix, centre);
  return {
    matrix: [...matrix],
    status,
    message,
    rotationDeg: [...p.rotationDeg] as [number, number, number],
    translationMm: [...p.translationMm] as [number, number, number],
    region: { minLps: [...region.minLps] as [number, number, number], maxLps: [...region.maxLps] as [number, number, number] },
    residual: { ncc: Number.isFinite(ncc) ? ncc : 0, edgeDistanceMm: edge, samples },
    source: 'automatic',
    elapsedMs: Math.max(0, elapsedMs),
  };
}

export type { Params };
