import { lps, type LpsPoint } from '../../shared/vec3';
import type { ScalarVolume } from './gridGeometry';
import { gridTransform, mmToIndex } from './gridTransform';
import { corticalCrossings, CORTICAL_THRESHOLDS } from './corticalCrossings';
import { huProfile } from './huProfile';
import { maskContains } from './maskContains';
import type { PreparedMask } from './preparedMask';
import { sampleTrilinear } from './sampleTrilinear';

/**
 * What the bone is given as: a CT volume (the wall is cortex, HU ≥ `cortexHu`, reached from
 * cancellous bone) or a bone mask (the wall is the mask's surface, so clearance is measured to
 * the canal side of the cortex).
 */
export type BoneSource =
  | { kind: 'hu'; volume: ScalarVolume; cortexHu?: number; boneHu?: number }
  | { kind: 'mask'; mask: PreparedMask };

/** Inputs of `transpedicularCheck`. */
export interface TranspedicularInput {
  entry: LpsPoint;
  target: LpsPoint;
  /** Outer radius of the needle, mm. */
  radiusMm: number;
  bone: BoneSource;
  /**
   * A point in the spinal canal at the level treated (landmark or canal mask centroid). Its
   * left–right position defines "medial"; the spine is taken to lie in the patient's sagittal
   * plane there (a strong scoliosis would need the canal's own direction).
   */
  canalPoint: LpsPoint;
}

/** Tuning of the check; the defaults suit thoracolumbar pedicles. */
export interface TranspedicularOptions {
  /** Axis sampling step, mm (0.5). */
  stepMm: number;
  /** Only axis points within this left–right distance of the canal point are checked, mm (20). */
  reachMm: number;
  /** Half-angle of the fan of rays around the medial direction, degrees (30). */
  fanHalfAngleDeg: number;
  /** Number of rays in the fan (7). */
  fanRays: number;
  /** Axis points this close to a cortical crossing of the axis itself are skipped, mm (1.5). */
  skipNearCrossingMm: number;
}

/** Default tuning. */
export const TRANSPEDICULAR_OPTIONS: TranspedicularOptions = { stepMm: 0.5, reachMm: 20, fanHalfAngleDeg: 30, fanRays: 7, skipNearCrossingMm: 1.5 };

/** The result of `transpedicularCheck`. */
export interface TranspedicularResult {
  /**
   * Closest approach of the shaft's surface to the medial (canal-side) wall, mm: the wall
   * distance from the axis less the radius. Negative when the shaft cuts into the wall. Null
   * when no wall was found (the track never runs in bone beside the canal).
   */
  medialWallClearanceMm: number | null;
  /** Distance from the entry along the track where that happens, mm. */
  atDepthMm: number | null;
  axisPoint: LpsPoint | null;
  wallPoint: LpsPoint | null;
  /** True when the shaft cuts into the medial wall (clearance < 0). */
  breach: boolean;
  /** How many axis points were checked. */
  pointsChecked: number;
}

/**
 * Checks a transpedicular track against the medial pedicle wall. At every axis point that
 * lies in bone within `reachMm` (left–right) of the canal, a fan of rays perpendicular to the
 * needle, aimed medially — toward the canal's sagittal plane, along the patient's left–right
 * axis (± `fanHalfAngleDeg`) — is marched outward in 0.25 mm steps until it meets the
 * wall (on CT, where the interpolated HU crosses `cortexHu`, found between the last two steps);
 * the smallest wall distance less the needle radius is the clearance. Axis points next
 * to the cortices the needle itself crosses (its way into the pedicle) are skipped, since the
 * rays there graze the cortex being crossed rather than the medial wall.
 */
export function transpedicularCheck(input: TranspedicularInput, options: Partial<TranspedicularOptions> = {}): TranspedicularResult {
  const o = { ...TRANSPEDICULAR_OPTIONS, ...options };
  const { entry, target, radiusMm, bone, canalPoint } = input;
  const vx = target[0] - entry[0], vy = target[1] - entry[1], vz = target[2] - entry[2];
  const length = Math.hypot(vx, vy, vz);
  const none: TranspedicularResult = { medialWallClearanceMm: null, atDepthMm: null, axisPoint: null, wallPoint: null, breach: false, pointsChecked: 0 };
  if (!(length > 0)) return none;
  const d = [vx / length, vy / length, vz / length];

  const cortexHu = bone.kind === 'hu' ? (bone.cortexHu ?? CORTICAL_THRESHOLDS.enterHu) : 0;
  const boneHu = bone.kind === 'hu' ? (bone.boneHu ?? 150) : 0;
  const grid = bone.kind === 'hu' ? bone.volume : bone.mask.geometry;
  const t = gridTransform(grid);
  const idx = [0, 0, 0];
  let lastHu = NaN;
  /** 0 soft tissue or outside, 1 bone (cancellous), 2 wall; the HU read is left in `lastHu`. */
  const classify = (x: number, y: number, z: number): 0 | 1 | 2 => {
    mmToIndex(t, x, y, z, idx);
    if (bone.kind === 'mask') return maskContains(bone.mask, Math.round(idx[0]!), Math.round(idx[1]!), Math.round(idx[2]!)) ? 1 : 2;
    const hu = sampleTrilinear(bone.volume, idx[0]!, idx[1]!, idx[2]!);
    lastHu = hu;
    if (Number.isNaN(hu)) return 0;
    return hu >= cortexHu ? 2 : hu >= boneHu ? 1 : 0;
  };

  // Where the axis itself crosses cortex (HU source only): the rays near there are skipped.
  const crossings = bone.kind === 'hu' ? corticalCrossings(huProfile(entry, target, bone.volume, o.stepMm), { enterHu: cortexHu, exitHu: cortexHu - 100 }) : [];
  const nearCrossing = (s: number) => crossings.some((c) => s >= c.startMm - o.skipNearCrossingMm && s <= c.endMm + o.skipNearCrossingMm);

  let best = Infinity, bestS = 0, bestWall: LpsPoint | null = null, bestAxis: LpsPoint | null = null, checked = 0;
  const rayStep = 0.25;
  const n = Math.floor(length / o.stepMm);
  for (let q = 0; q <= n; q++) {
    const s = q * o.stepMm;
    const px = entry[0] + d[0]! * s, py = entry[1] + d[1]! * s, pz = entry[2] + d[2]! * s;
    // Medial: toward the canal's sagittal plane (along the patient's left–right axis),
    // perpendicular to the needle. Aiming at the canal centre instead would, at the
    // pedicle–body junction, hit the posterior wall of the body rather than the pedicle's
    // medial wall.
    const toCanal = Math.abs(canalPoint[0] - px);
    if (toCanal > o.reachMm || toCanal < 1e-6) continue;
    let mx = Math.sign(canalPoint[0] - px), my = 0, mz = 0;
    const along = mx * d[0]!;
    mx -= along * d[0]!;
    my -= along * d[1]!;
    mz -= along * d[2]!;
    const ml = Math.hypot(mx, my, mz);
    if (ml < 1e-6) continue;
    if (classify(px, py, pz) !== 1 || nearCrossing(s)) continue;
    checked++;
    mx /= ml;
    my /= ml;
    mz /= ml;
    // w = d × m completes the frame in which the fan turns.
    const wx = d[1]! * mz - d[2]! * my, wy = d[2]! * mx - d[0]! * mz, wz = d[0]! * my - d[1]! * mx;
    for (let r = 0; r < o.fanRays; r++) {
      const a = o.fanRays === 1 ? 0 : ((-o.fanHalfAngleDeg + (2 * o.fanHalfAngleDeg * r) / (o.fanRays - 1)) * Math.PI) / 180;
      const rx = Math.cos(a) * mx + Math.sin(a) * wx, ry = Math.cos(a) * my + Math.sin(a) * wy, rz = Math.cos(a) * mz + Math.sin(a) * wz;
      // One step beyond the best so far: the interpolated wall can lie before the sample that finds it.
      const limit = Math.min(best + radiusMm + rayStep, toCanal / Math.max(ml, 1e-6) + 5);
      let prevHu = NaN;
      for (let w = rayStep; w <= limit; w += rayStep) {
        const c = classify(px + rx * w, py + ry * w, pz + rz * w);
        if (c === 1) {
          prevHu = lastHu;
          continue;
        }
        // Soft tissue before any wall means the ray left the bone elsewhere: no medial wall on it.
        if (c === 2) {
          // On CT, place the wall where the interpolated HU reaches the cortex threshold.
          const at = bone.kind === 'hu' && Number.isFinite(prevHu) && lastHu > prevHu ? w - rayStep * (lastHu - cortexHu) / (lastHu - prevHu) : w;
          if (at < best + radiusMm) {
            best = at - radiusMm;
            bestS = s;
            bestAxis = lps(px, py, pz);
            bestWall = lps(px + rx * at, py + ry * at, pz + rz * at);
          }
        }
        break;
      }
    }
  }
  if (!Number.isFinite(best)) return { ...none, pointsChecked: checked };
  return { medialWallClearanceMm: best, atDepthMm: bestS, axisPoint: bestAxis, wallPoint: bestWall, breach: best < 0, pointsChecked: checked };
}
