import { add, dot, normalize, scale, sub, type Vec3 } from '../../src/shared/vec3';
import { tube } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';

/** A planned trajectory as the demo plan makes it: the tip at `target`, coming in along −`outward`. */
export interface PlannedNeedle {
  trajectoryId: string;
  name: string;
  diameterMm: number;
  target: Vec3;
  outward: Vec3;
}

/** How the needle left in place differs from the plan (0 and 0: on plan). */
export interface NeedleDeviation {
  /** Distance of the actual tip from the planned target, mm, in the direction of `tipToward`. */
  tipMm: number;
  tipToward: Vec3;
  /** Angle of the actual axis from the planned one, tilted toward `tiltToward` (its part perpendicular to the axis). */
  angleDeg: number;
  tiltToward: Vec3;
}

export const ON_PLAN: NeedleDeviation = { tipMm: 0, tipToward: [1, 0, 0], angleDeg: 0, tiltToward: [1, 0, 0] };

/** A needle as placed, in the planning body frame. */
export interface PlacedNeedle {
  plan: PlannedNeedle;
  deviation: NeedleDeviation;
  tip: Vec3;
  /** Unit vector from the tip toward the skin. */
  outward: Vec3;
  /** Where the needle's axis leaves the skin. */
  entry: Vec3;
  /** The end of the metal outside the body. */
  hub: Vec3;
  /** The metal: a tube whose rounded end reaches exactly the tip. */
  shape: Shape;
}

/**
 * Places a needle: the tip `tipMm` from the target, the axis turned by exactly `angleDeg`
 * from the planned one, the entry where that axis leaves the skin (`skinExit`), and the
 * shaft continuing `outsideMm` beyond the skin to the hub.
 */
export function placeNeedle(plan: PlannedNeedle, dev: NeedleDeviation, skinExit: (from: Vec3, dir: Vec3) => Vec3, outsideMm: number): PlacedNeedle {
  const u = normalize(plan.outward);
  const tip = add(plan.target, scale(normalize(dev.tipToward), dev.tipMm));
  // The tilt axis: perpendicular to u, toward which the axis turns.
  const perp = normalize(sub(dev.tiltToward, scale(u, dot(dev.tiltToward, u))));
  const th = (dev.angleDeg * Math.PI) / 180;
  const outward = normalize(add(scale(u, Math.cos(th)), scale(perp, Math.sin(th))));
  const entry = skinExit(tip, outward);
  const r = plan.diameterMm / 2;
  const depth = dot(sub(entry, tip), outward);
  const hub = add(tip, scale(outward, depth + outsideMm));
  // The tube's end cap is a hemisphere of radius r: its centre r behind the tip.
  const shape = tube([hub, add(tip, scale(outward, r))], r);
  return { plan, deviation: dev, tip, outward, entry, hub, shape };
}

/** The angle (°) between two directions, for checks. */
export function angleBetweenDeg(a: Vec3, b: Vec3): number {
  const c = dot(normalize(a), normalize(b));
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}

type Triple = [number, number, number];

/** The contract's needle truth of a placed needle, given the maps of planning body points into both LPS spaces. */
export function needleTruth(n: PlacedNeedle, toThisLps: (p: Vec3) => Triple, toPlanningLps: (p: Vec3) => Triple) {
  return {
    trajectoryId: n.plan.trajectoryId,
    name: n.plan.name,
    diameterMm: n.plan.diameterMm,
    entryLps: toThisLps(n.entry),
    tipLps: toThisLps(n.tip),
    entryPlanningLps: toPlanningLps(n.entry),
    tipPlanningLps: toPlanningLps(n.tip),
    designedDeviation: { tipMm: n.deviation.tipMm, angleDeg: n.deviation.angleDeg },
  };
}
