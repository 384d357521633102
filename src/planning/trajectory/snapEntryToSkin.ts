import { lps, type LpsPoint } from '../../shared/vec3';
import { bodyMask } from './bodyMask';
import type { ScalarVolume } from './gridGeometry';
import { sampleTrilinear } from './sampleTrilinear';
import { worldToIndex } from '../volume/indexWorld';

/** HU below which a sample counts as air outside the body. */
export const AIR_HU = -400;

/** How far beyond the slices the needle line crosses the body is looked for, mm. */
const SLAB_MARGIN_MM = 20;

/** The voxel beside a fractional index with the highest HU: inside the body when the sample there is. */
function seedVoxel(ct: ScalarVolume, fi: number, fj: number, fk: number): number {
  const [nx, ny, nz] = ct.dimensions;
  let best = -1;
  let bestHu = -Infinity;
  for (const k of new Set([Math.floor(fk), Math.ceil(fk)])) {
    for (const j of new Set([Math.floor(fj), Math.ceil(fj)])) {
      for (const i of new Set([Math.floor(fi), Math.ceil(fi)])) {
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
        const p = i + nx * (j + ny * k);
        if (ct.scalars[p]! > bestHu) [best, bestHu] = [p, ct.scalars[p]!];
      }
    }
  }
  return best;
}

/**
 * The skin point on the line from the target through the entry: where the line leaves the
 * patient's body (see {@link bodyMask}: the CT table and anything else parted from the patient
 * by air are not body, gas inside the body is) nearest to the planned entry, whether the entry
 * lies inside the body or outside it, searched from the target to `beyondMm` past the entry
 * (sampled every `stepMm`, the boundary refined to under 0.01 mm). Null when the line never
 * leaves the body within reach, or the target is in air. The entry moves along its own line,
 * so the trajectory's direction is kept.
 *
 * Not the last tissue→air transition on the line: for a posterior entry that is the underside
 * of the table the patient lies on.
 */
export function snapEntryToSkin(ct: ScalarVolume, entry: LpsPoint, target: LpsPoint, beyondMm = 100, stepMm = 0.5): LpsPoint | null {
  const d = [entry[0] - target[0], entry[1] - target[1], entry[2] - target[2]];
  const len = Math.hypot(d[0]!, d[1]!, d[2]!);
  if (!(len > 0)) return null;
  const u = d.map((x) => x / len);
  const [nx, ny, nz] = ct.dimensions;
  const at = (s: number): LpsPoint => lps(target[0] + u[0]! * s, target[1] + u[1]! * s, target[2] + u[2]! * s);
  const indexAt = (s: number) => worldToIndex(ct, at(s));
  const inGrid = (i: readonly number[]) => i[0]! >= 0 && i[1]! >= 0 && i[2]! >= 0 && i[0]! <= nx - 1 && i[1]! <= ny - 1 && i[2]! <= nz - 1;
  const hu = (s: number): number => {
    const i = indexAt(s);
    return inGrid(i) ? sampleTrilinear(ct, i[0], i[1], i[2]) : -1000;
  };
  if (hu(0) < AIR_HU) return null;
  const t = indexAt(0);
  // The body is searched in the slices the line crosses and SLAB_MARGIN_MM either side: the whole
  // CT would take seconds on a click, and the table is parted from the patient in any slab.
  const kEnd = indexAt(len + beyondMm)[2];
  const margin = Math.ceil(SLAB_MARGIN_MM / ct.spacing[2]);
  const slices = { from: Math.floor(Math.min(t[2], kEnd)) - margin, to: Math.ceil(Math.max(t[2], kEnd)) + margin };
  const body = bodyMask(ct, seedVoxel(ct, t[0], t[1], t[2]), AIR_HU, slices);
  if (!body) return null;
  const inBody = (s: number): boolean => {
    const i = indexAt(s);
    if (!inGrid(i)) return false;
    const k = Math.round(i[2]);
    if (k < body.slices.from || k > body.slices.to) return false;
    return body.mask[Math.round(i[0]) + nx * (Math.round(i[1]) + ny * (k - body.slices.from))] === 1;
  };

  // Every place the line leaves the body, outward from the target; keep the one nearest the entry.
  let exit: number | null = null;
  let prevInside = true;
  for (let s = stepMm; s <= len + beyondMm; s += stepMm) {
    const inside = inBody(s);
    if (prevInside && !inside && (exit === null || Math.abs(s - len) < Math.abs(exit - len))) exit = s;
    prevInside = inside;
  }
  if (exit === null) return null;
  // Refine on the HU threshold between the last sample inside the body and above it, and the next.
  // The mask goes by nearest voxel, so its edge can lie up to half a voxel past the threshold:
  // step back (at most a voxel diagonal) to a sample that is really tissue.
  const inTissue = (s: number): boolean => inBody(s) && hu(s) >= AIR_HU;
  const reach = Math.hypot(...ct.spacing) + stepMm;
  let lo = exit - stepMm;
  while (!inTissue(lo) && lo > 0 && lo > exit - reach) lo -= stepMm;
  if (!inTissue(lo)) lo = exit - stepMm;
  let hi = Math.min(lo + stepMm, exit);
  for (let n = 0; n < 8; n++) {
    const mid = (lo + hi) / 2;
    if (inTissue(mid)) lo = mid;
    else hi = mid;
  }
  return at(hi);
}
