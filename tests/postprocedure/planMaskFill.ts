import type { Scene, StudyDefinition } from '../../sample-dicom/studies/studyDefinition';
import { GENERATOR_VERSION, type StudyTruth } from '../../sample-dicom/truth';
import type { PostProcedureResult } from '../../src/records/postProcedure';
import { indexToWorld } from '../../src/planning/volume/indexWorld';
import { voxel } from '../../src/shared/vec3';
import type { PostProcedureCase } from './loadPostProcedureCase';

/** The fill of one plan lesion's mask as the generator painted it (not as any analysis measures it). */
export interface PlanMaskFill {
  readonly lesionId: string;
  /** Cement voxels ×100 / mask voxels. */
  readonly fillPct: number;
  readonly voxels: number;
  readonly cementVoxels: number;
  /** Mask voxels whose centre maps outside the CBCT's grid or field of view (counted as no cement: the image has none there). */
  readonly outsideCbct: number;
}

/**
 * The expected fill of each planned lesion over the PLAN's mask (the truth.json fill is over the
 * painted lesion, which a grown mask only approximates). Each mask voxel's centre on the planning
 * CT goes through truth.json's pose (planning LPS → CBCT LPS) into the CBCT's body frame, where
 * the generator's own scene says what is there: the painter's algorithm, later operations over
 * earlier ones, so the last operation whose shape holds the point (sdf < 0) decides, and the
 * point is cement when that operation's label is one of the scene's cement labels (the needles,
 * painted last as metal, never are). `cbct` is the generator's definition of the case's CBCT.
 */
export function planMaskFillTruth(c: PostProcedureCase, cbct: StudyDefinition): PlanMaskFill[] {
  if (c.truth.generatorVersion !== GENERATOR_VERSION) {
    throw new Error(`${cbct.key} truth.json: generator version ${c.truth.generatorVersion}, this generator's scene is version ${GENERATOR_VERSION}`);
  }
  const m = c.truth.pose?.planningToThisLps;
  if (!m || m.length !== 16) throw new Error(`${cbct.key} truth.json: pose.planningToThisLps missing or not 4×4`);
  const scene: Scene = cbct.scene();
  const cementLabels = new Set(scene.postProcedure?.cementLabels ?? []);
  if (cementLabels.size === 0) throw new Error(`${cbct.key}: the generator's scene has no cement labels`);
  const ops = [...scene.ops].reverse();
  const g = cbct.grid;
  const [bx, by, bz] = cbct.bodyToLps;
  const fov = cbct.fieldOfView;
  const inCbct = (x: number, y: number, z: number) => {
    const i = (x - g.x0) / g.colSpacing, j = (y - g.y0) / g.rowSpacing, k = (g.top - z) / g.sliceSpacing;
    if (i < -0.5 || j < -0.5 || k < -0.5 || i > g.columns - 0.5 || j > g.rows - 0.5 || k > g.slices - 0.5) return false;
    return !fov || Math.hypot(x - fov.centre[0], y - fov.centre[1]) <= fov.radiusMm;
  };
  const isCement = (x: number, y: number, z: number) => {
    for (const op of ops) {
      const b = op.shape.bounds;
      if (x < b.min[0] || y < b.min[1] || z < b.min[2] || x > b.max[0] || y > b.max[1] || z > b.max[2]) continue;
      if (op.shape.sdf(x, y, z) < 0) return op.label !== undefined && cementLabels.has(op.label);
    }
    return false;
  };
  return c.plan.lesions.map((lesion) => {
    const mask = lesion.mask;
    if (!mask) throw new Error(`plan lesion ${lesion.record.id}: no mask`);
    const [ox, oy, oz] = mask.box.offset;
    const [sx, sy, sz] = mask.box.size;
    let voxels = 0, cementVoxels = 0, outsideCbct = 0;
    for (let k = 0, p = 0; k < sz; k++) for (let j = 0; j < sy; j++) for (let i = 0; i < sx; i++, p++) {
      if (mask.data[p] !== 1) continue;
      voxels++;
      const w = indexToWorld(c.ct, voxel(ox + i, oy + j, oz + k));
      // Planning LPS → CBCT LPS (row-major 4×4), then CBCT LPS → CBCT body frame.
      const x = m[0]! * w[0] + m[1]! * w[1] + m[2]! * w[2] + m[3]! - bx;
      const y = m[4]! * w[0] + m[5]! * w[1] + m[6]! * w[2] + m[7]! - by;
      const z = m[8]! * w[0] + m[9]! * w[1] + m[10]! * w[2] + m[11]! - bz;
      if (!inCbct(x, y, z)) outsideCbct++;
      else if (isCement(x, y, z)) cementVoxels++;
    }
    return { lesionId: lesion.record.id, fillPct: voxels === 0 ? 0 : (100 * cementVoxels) / voxels, voxels, cementVoxels, outsideCbct };
  });
}

/** One line per lesion for the test log: measured fill, the truth over the plan's mask and truth.json's painted-lesion fill. */
export function fillLines(planFill: readonly PlanMaskFill[], truth: StudyTruth, measured: PostProcedureResult): string {
  return planFill.map((f) => {
    const painted = truth.cement?.lesions.find((l) => l.lesionId === f.lesionId)?.fillPct;
    const r = measured.cement.lesions.find((l) => l.lesionId === f.lesionId)?.fillPct;
    const d = r === undefined ? '' : ` (${(r - f.fillPct >= 0 ? '+' : '') + (r - f.fillPct).toFixed(1)} points)`;
    return `${f.lesionId}: measured ${r?.toFixed(1) ?? '—'} %${d}; truth over the plan's mask ${f.fillPct.toFixed(1)} % (${f.cementVoxels}/${f.voxels} CT voxels, ${f.outsideCbct} outside the CBCT); painted lesion (truth.json) ${painted?.toFixed(1) ?? '—'} %`;
  }).join('\n');
}
