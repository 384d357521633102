import { lps, type LpsPoint } from '../../shared/vec3';
import type { ScalarVolume } from './gridGeometry';
import { sampleTrilinear } from './sampleTrilinear';
import { worldToIndex } from '../volume/indexWorld';

/** HU below which a sample counts as air outside the body. */
export const AIR_HU = -400;

/**
 * The skin point on the line from the target through the entry: walking outward from the
 * target, past the entry by up to `beyondMm`, the last place where tissue gives way to air
 * (sampled every `stepMm`, the boundary refined to 0.1 mm). Null when the line never leaves
 * the body within reach, or starts in air. The entry moves along its own line, so the
 * trajectory's direction is kept.
 */
export function snapEntryToSkin(ct: ScalarVolume, entry: LpsPoint, target: LpsPoint, beyondMm = 100, stepMm = 0.5): LpsPoint | null {
  const d = [entry[0] - target[0], entry[1] - target[1], entry[2] - target[2]];
  const len = Math.hypot(d[0]!, d[1]!, d[2]!);
  if (!(len > 0)) return null;
  const u = d.map((x) => x / len);
  const at = (s: number): LpsPoint => lps(target[0] + u[0]! * s, target[1] + u[1]! * s, target[2] + u[2]! * s);
  const hu = (s: number): number => {
    const i = worldToIndex(ct, at(s));
    const [nx, ny, nz] = ct.dimensions;
    if (i[0] < 0 || i[1] < 0 || i[2] < 0 || i[0] > nx - 1 || i[1] > ny - 1 || i[2] > nz - 1) return -1000;
    return sampleTrilinear(ct, i[0], i[1], i[2]);
  };
  if (hu(0) < AIR_HU) return null;
  let lastTissueToAir: number | null = null;
  let prevInside = true;
  for (let s = stepMm; s <= len + beyondMm; s += stepMm) {
    const inside = hu(s) >= AIR_HU;
    if (prevInside && !inside) lastTissueToAir = s;
    prevInside = inside;
  }
  if (lastTissueToAir === null) return null;
  // Refine between the last tissue sample and the first air sample.
  let lo = lastTissueToAir - stepMm, hi = lastTissueToAir;
  for (let n = 0; n < 8; n++) {
    const mid = (lo + hi) / 2;
    if (hu(mid) >= AIR_HU) lo = mid;
    else hi = mid;
  }
  return at(hi);
}
