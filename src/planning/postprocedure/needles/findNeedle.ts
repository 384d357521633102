import type { Vec3 } from '../../../shared/vec3';
import { voxelVolumeMm3 } from '../../volume/volumeGeometry';
import type { PlanningVolume } from '../../volume/planningVolume';
import { pca3 } from '../pca3';
import { metalNearPath, voxelCentres, type MetalPiece } from './metalCandidates';
import { skinAlongAxis, tipAlongAxis, type SkinCrossing } from './needleEnds';

/** A needle found in the CBCT (CBCT LPS). */
export interface FoundNeedle {
  readonly tipLps: Vec3;
  /** Where the axis leaves the body; null when that is outside the field of view or the grid. */
  readonly entryLps: Vec3 | null;
  readonly entryMissing: Exclude<SkinCrossing, { s: number }>['why'] | null;
  /** Unit axis pointing from the entry toward the tip. */
  readonly axis: Vec3;
  /** The metal's voxels (CBCT linear indices). */
  readonly metal: Int32Array;
  /** The threshold the metal was taken above (HU). */
  readonly metalThresholdHu: number;
  readonly radiusMm: number;
}

/** How far from the planned path (mapped into the CBCT) a needle is looked for. */
export const SEARCH_RADIUS_MM = 15;
/** A needle is at least this long and within this angle of the planned axis. */
const MIN_LENGTH_MM = 10;
const MAX_ANGLE_DEG = 25;

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const unit = (a: Vec3): Vec3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
};

interface Fit {
  readonly centre: Vec3;
  readonly axis: Vec3;
  readonly sMin: number;
  readonly sMax: number;
}

function fit(cbct: PlanningVolume, pieces: readonly MetalPiece[], ref: number, towardTip: Vec3): Fit | null {
  const idx = pieces.flatMap((p) => Array.from(p.indices));
  const xyz = voxelCentres(cbct, idx);
  // Weight by how far above the threshold's reference a voxel reads: partial-volume voxels at the rod's edge count less.
  const w = pieces.flatMap((p) => Array.from(p.values, (v) => Math.max(1, v - ref)));
  const pca = pca3(xyz, w);
  if (!pca) return null;
  let axis = pca.axes[0];
  if (dot(axis, towardTip) < 0) axis = [-axis[0], -axis[1], -axis[2]];
  let sMin = Infinity, sMax = -Infinity;
  for (let n = 0; n < idx.length; n++) {
    const s = dot(sub([xyz[3 * n]!, xyz[3 * n + 1]!, xyz[3 * n + 2]!], pca.centroid), axis);
    sMin = Math.min(sMin, s);
    sMax = Math.max(sMax, s);
  }
  return { centre: pca.centroid, axis, sMin, sMax };
}

const distToLine = (p: Vec3, c: Vec3, a: Vec3): number => {
  const d = sub(p, c);
  const t = dot(d, a);
  return Math.hypot(d[0] - a[0] * t, d[1] - a[1] * t, d[2] - a[2] * t);
};

/**
 * Looks for a needle along a planned path mapped into the CBCT (`entry` → `target`, CBCT LPS):
 * metal within {@link SEARCH_RADIUS_MM} of the path (extended 20 mm beyond both ends), the
 * longest piece within 25° of the planned axis, joined by the pieces lying on its line (a
 * needle broken by streaks), its axis by weighted PCA, its tip the deep end of the profile
 * along that axis, its skin entry where the axis leaves the body. Null when there is none.
 */
export function findNeedle(cbct: PlanningVolume, padding: number | null, entry: Vec3, target: Vec3, cementHu: number | null): FoundNeedle | null {
  const u = unit(sub(target, entry));
  const from: Vec3 = [entry[0] - u[0] * 20, entry[1] - u[1] * 20, entry[2] - u[2] * 20];
  const to: Vec3 = [target[0] + u[0] * 20, target[1] + u[1] * 20, target[2] + u[2] * 20];
  const search = metalNearPath(cbct, from, to, SEARCH_RADIUS_MM, cementHu);
  if (!search || search.pieces.length === 0) return null;
  const ref = (search.thresholdHu * 2 - search.highHu);
  const cosMax = Math.cos((MAX_ANGLE_DEG * Math.PI) / 180);
  let best: { piece: MetalPiece; fit: Fit } | null = null;
  for (const piece of search.pieces) {
    const f = fit(cbct, [piece], ref, u);
    if (!f || f.sMax - f.sMin < MIN_LENGTH_MM || dot(f.axis, u) < cosMax) continue;
    if (!best || f.sMax - f.sMin > best.fit.sMax - best.fit.sMin) best = { piece, fit: f };
  }
  if (!best) return null;
  const b = best.fit;
  const joined = search.pieces.filter((p) => {
    if (p === best.piece) return true;
    const f = fit(cbct, [p], ref, u);
    return f !== null && distToLine(f.centre, b.centre, b.axis) < 3;
  });
  const whole = joined.length > 1 ? (fit(cbct, joined, ref, u) ?? b) : b;
  const count = joined.reduce((n, p) => n + p.indices.length, 0);
  const radiusMm = Math.sqrt((count * voxelVolumeMm3(cbct)) / Math.max(1, whole.sMax - whole.sMin) / Math.PI);
  const sTip = tipAlongAxis(cbct, whole.centre, whole.axis, whole.sMax);
  const at = (s: number): Vec3 => [whole.centre[0] + whole.axis[0] * s, whole.centre[1] + whole.axis[1] * s, whole.centre[2] + whole.axis[2] * s];
  const skin = skinAlongAxis(cbct, padding, whole.centre, whole.axis, sTip, radiusMm + 2.5);
  const metal = new Int32Array(count);
  let n = 0;
  for (const p of joined) {
    metal.set(p.indices, n);
    n += p.indices.length;
  }
  return {
    tipLps: at(sTip),
    entryLps: skin.s === null ? null : at(skin.s),
    entryMissing: skin.s === null ? skin.why : null,
    axis: whole.axis,
    metal,
    metalThresholdHu: search.thresholdHu,
    radiusMm,
  };
}
