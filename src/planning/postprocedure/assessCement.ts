import type { CementReport, LeakReport, LpsBox } from '../../records/postProcedure';
import type { Vec3 } from '../../shared/vec3';
import { voxel } from '../../shared/vec3';
import { expandBox, isEmptyBox, type VoxelBox } from '../mask/voxelBox';
import type { VoxelMask } from '../mask/voxelMask';
import type { LesionDraft } from '../plan/planDraft';
import { indexToWorld } from '../volume/indexWorld';
import type { AssessmentInput } from './assess';
import type { NeedlesPhase } from './assessNeedles';
import { planningBone } from './cement/boneMask';
import { CEMENT_FLOOR_HU, type CementLevels } from './cement/cementLevels';
import { classifyLeak, type TreatedBone } from './cement/classifyLeak';
import { leakComponents } from './cement/leakComponents';
import { lesionFill } from './cement/lesionFill';
import { segmentCement } from './cement/segmentCement';
import { structureShapes } from './cement/structureDistance';
import { surroundingHu } from './cement/surroundingHu';
import { applyMatrix, type Matrix4 } from './rigid';
import { lpsBoxOf } from './region';

/** A leak this close (mm) to a structure at risk is flagged. */
export const FLAG_DISTANCE_MM = 5;

const r3 = (v: Vec3): [number, number, number] => [v[0], v[1], v[2]];

function centroid(ct: AssessmentInput['ct'], mask: VoxelMask): Vec3 {
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  let n = 0, x = 0, y = 0, z = 0;
  for (let k = 0, p = 0; k < sz; k++) for (let j = 0; j < sy; j++) for (let i = 0; i < sx; i++, p++) {
    if (mask.data[p] !== 1) continue;
    n++;
    x += i;
    y += j;
    z += k;
  }
  return n === 0 ? [NaN, NaN, NaN] : indexToWorld(ct, voxel(ox + x / n, oy + y / n, oz + z / n));
}

/** Bone matters where the cement is: the region cut to the cement's box (in planning LPS) grown by 15 mm. */
function boneRegion(cbct: AssessmentInput['cbct'], cement: VoxelMask, inverse: Matrix4, region: LpsBox): LpsBox {
  if (isEmptyBox(cement.box)) return region;
  const { offset: o, size: n } = cement.box;
  const corners: Vec3[] = [];
  for (const i of [o[0], o[0] + n[0] - 1]) for (const j of [o[1], o[1] + n[1] - 1]) for (const k of [o[2], o[2] + n[2] - 1]) corners.push(applyMatrix(inverse, indexToWorld(cbct, voxel(i, j, k))));
  const b = lpsBoxOf(corners);
  const lo = [0, 1, 2].map((a) => Math.max(region.minLps[a]!, b.minLps[a]! - 15)) as [number, number, number];
  const hi = [0, 1, 2].map((a) => Math.min(region.maxLps[a]!, b.maxLps[a]! + 15)) as [number, number, number];
  return lo.every((v, a) => v <= hi[a]!) ? { minLps: lo, maxLps: hi } : region;
}

/**
 * The cement phase: segmentation in the CBCT block (needles left out, connected to the
 * injection points), each lesion's fill, and the leaks outside the planning CT's bone with
 * their class, nearest structure at risk and distance.
 */
export function assessCement(
  input: AssessmentInput,
  region: LpsBox,
  m: Matrix4,
  inverse: Matrix4,
  box: VoxelBox,
  levels: CementLevels | null,
  needles: NeedlesPhase,
): { report: CementReport; warnings: string[] } {
  const { ct, cbct, plan } = input;
  const warnings: string[] = [];
  const withMask = plan.lesions.filter((l): l is LesionDraft & { mask: VoxelMask } => l.mask !== null);
  for (const l of plan.lesions) if (!l.mask) warnings.push(`lesion ${l.record.id}: no mask on the planning CT; its fill is not measured`);
  if (!levels) {
    warnings.push(`no cement found: the region of the CBCT shows no peak above ${CEMENT_FLOOR_HU} HU`);
    const none: VoxelMask = { dimensions: cbct.dimensions, box, data: new Uint8Array(box.size[0] * box.size[1] * box.size[2]) };
    const lesions = withMask.map((l) => ({ lesionId: l.record.id, ...lesionFill(ct, l.mask, m, cbct, none) }));
    return { report: { volumeMl: 0, thresholdHu: CEMENT_FLOOR_HU, lesions, leaks: [] }, warnings };
  }
  const metal: number[] = [];
  for (const f of needles.found) for (let n = 0; n < f.metal.length; n++) metal.push(f.metal[n]!);
  // Metal not matched to a needle still reads far above the cement: twice its peak when no needle gave a threshold.
  const metalHu = needles.found.length > 0 ? Math.min(...needles.found.map((f) => f.metalThresholdHu)) : 2 * levels.cementPeakHu;
  // A first pass at the floor finds every voxel the cement could hold (a higher threshold keeps a
  // subset); the threshold is then halfway between the cement's peak and what surrounds it (a
  // voxel half cement, half its neighbour reads there), never below the floor.
  const base = { cbct, metal, metalHu, seedsLps: needles.injectionPointsCbct };
  const first = segmentCement({ ...base, box, thresholdHu: CEMENT_FLOOR_HU });
  const around = surroundingHu(cbct, first.mask);
  const thresholdHu = around === null ? levels.thresholdHu : Math.max(CEMENT_FLOOR_HU, (around + levels.cementPeakHu) / 2);
  const cement = isEmptyBox(first.mask.box) ? first : segmentCement({ ...base, box: expandBox(first.mask.box, [1, 1, 1], cbct.dimensions), thresholdHu });
  const lesions = withMask.map((l) => ({ lesionId: l.record.id, ...lesionFill(ct, l.mask, m, cbct, cement.mask) }));

  const bone = planningBone(ct, boneRegion(cbct, cement.mask, inverse, region), withMask.map((l) => l.mask));
  const leaks: LeakReport[] = [];
  if (bone) {
    const shapes = structureShapes(ct, plan.structures);
    const treated = withMask.map((l) => ({ centre: centroid(ct, l.mask), kind: l.record.site?.kind === 'vertebra' ? ('spine' as const) : ('pelvis' as const) }));
    const voxelMm = Math.cbrt(cbct.spacing[0] * cbct.spacing[1] * cbct.spacing[2]);
    leakComponents(cbct, cement.mask, inverse, ct, bone).forEach((leak, n) => {
      const c = leak.centreLps;
      const from = treated.reduce<{ centre: Vec3; kind: TreatedBone['kind'] } | null>(
        (best, t) => (!best || Math.hypot(t.centre[0] - c[0], t.centre[1] - c[1], t.centre[2] - c[2]) < Math.hypot(best.centre[0] - c[0], best.centre[1] - c[1], best.centre[2] - c[2]) ? t : best),
        null,
      );
      const near = shapes.map((shape) => ({ shape, distanceMm: shape.distanceMm(leak.pointsLps) }));
      const nearest = near.reduce<(typeof near)[number] | null>((b, x) => (!b || x.distanceMm < b.distanceMm ? x : b), null);
      leaks.push({
        id: `leak-${n + 1}`,
        volumeMl: leak.volumeMl,
        location: classifyLeak(leak, { kind: from?.kind ?? 'pelvis', centreLps: from?.centre ?? c }, near, ct, bone, voxelMm),
        centreLps: r3(c),
        nearestStructure: nearest?.shape.name ?? null,
        nearestStructureId: nearest?.shape.id ?? null,
        distanceMm: nearest ? nearest.distanceMm : null,
        flagged: nearest !== null && nearest.distanceMm < FLAG_DISTANCE_MM,
      });
    });
  } else warnings.push('the region does not overlap the planning CT: leaks not assessed');
  return { report: { volumeMl: cement.volumeMl, thresholdHu, lesions, leaks }, warnings };
}
