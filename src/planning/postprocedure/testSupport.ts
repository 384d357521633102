import type { Vec3 } from '../../shared/vec3';
import { lps } from '../../shared/vec3';
import { createMask, type VoxelMask } from '../mask/voxelMask';
import type { PlanDraft, StructureDraft } from '../plan/planDraft';
import { planLesionSchema } from '../records/planLesion';
import type { AnatomicalSite } from '../records/anatomicalSite';
import { blurAndNoise, phantomVolume } from '../testSupport/phantomVolume';
import { trajectorySchema } from '../trajectory/trajectorySchema';
import type { PlanningVolume } from '../volume/planningVolume';
import { IDENTITY_DIRECTION } from '../volume/volumeGeometry';

/**
 * A hand-built post-procedure case for the unit tests (all planning LPS, mm): a bone cylinder
 * along z (radius 15, a 2 mm cortex), a lytic lesion (sphere of 8 mm at the origin), a needle
 * along −y at z = −3 whose tip is at (0, 0, −3), the cement filling the lesion below z = −0.5
 * (between the CT's voxel centres, so no slice of centres lies on its edge) with two channels (radius 1.5 mm) through the bone, one to a thin strand leaving along
 * +x (to x = 35) and one along −y (at x = −5, z = −4) to a blob (radius 4 mm) just outside the
 * cortex in front; a cement blob
 * elsewhere that nothing connects to; a vein (a tube of 2 mm radius along z at x = 30, y = 5).
 * The CBCT sees it moved by `shift` (planning p ↦ CBCT p + shift).
 */
export const CASE = {
  lesionRadius: 8,
  boneRadius: 15,
  tip: [0, 0, -3] as Vec3,
  rodRadius: 1.6,
  strand: { from: 15, to: 35, radius: 1.5, y: 0, z: -3 },
  blob: { centre: [-5, -19, -4] as Vec3, radius: 4 },
  stray: { centre: [-24, 14, 5] as Vec3, radius: 3 },
  vein: { x: 30, y: 5, radius: 2 },
  shift: [5, -3, 2] as Vec3,
} as const;

const inRod = (x: number, y: number, z: number) => y <= CASE.tip[1] && Math.hypot(x - CASE.tip[0], z - CASE.tip[2]) <= CASE.rodRadius;

/** What the painter puts at a planning point: 'metal' | 'cement' | 'cortex' | 'cancellous' | 'lesion' | 'soft'. */
export function material(x: number, y: number, z: number, withCement: boolean): 'metal' | 'cement' | 'cortex' | 'cancellous' | 'lesion' | 'soft' {
  const r = Math.hypot(x, y, z), rr = Math.hypot(x, y);
  if (withCement && inRod(x, y, z)) return 'metal';
  if (withCement) {
    const s = CASE.strand;
    if (r <= CASE.lesionRadius && z < -0.5) return 'cement';
    if (x >= 6 && x <= s.to && Math.hypot(y - s.y, z - s.z) <= s.radius) return 'cement';
    if (y <= -4 && y >= CASE.blob.centre[1] && Math.hypot(x - CASE.blob.centre[0], z - CASE.blob.centre[2]) <= 1.5) return 'cement';
    if (Math.hypot(x - CASE.blob.centre[0], y - CASE.blob.centre[1], z - CASE.blob.centre[2]) <= CASE.blob.radius) return 'cement';
    if (Math.hypot(x - CASE.stray.centre[0], y - CASE.stray.centre[1], z - CASE.stray.centre[2]) <= CASE.stray.radius) return 'cement';
  }
  if (r <= CASE.lesionRadius) return 'lesion';
  if (rr <= CASE.boneRadius - 2) return 'cancellous';
  if (rr <= CASE.boneRadius) return 'cortex';
  return 'soft';
}

const HU_CT = { metal: 0, cement: 0, cortex: 1250, cancellous: 260, lesion: 35, soft: 45 };
const HU_CBCT = { metal: 7200, cement: 2850, cortex: 1150, cancellous: 230, lesion: 40, soft: 40 };

/** The planning CT: 1 mm voxels over 90 × 80 × 44 mm. */
export function planningCt(): PlanningVolume {
  const v = phantomVolume({ dimensions: [90, 80, 44], spacing: [1, 1, 1], origin: lps(-40, -40, -22), direction: IDENTITY_DIRECTION }, (x, y, z) => HU_CT[material(x, y, z, false)]);
  blurAndNoise(v, [0.1, 0.1, 0.1], 12, 3);
  return v;
}

/** The CBCT: 0.75 mm voxels, the anatomy moved by `shift`. */
export function cbct(): PlanningVolume {
  const [a, b, c] = CASE.shift;
  const v = phantomVolume({ dimensions: [120, 108, 60], spacing: [0.75, 0.75, 0.75], origin: lps(-40 + a, -40 + b, -22 + c), direction: IDENTITY_DIRECTION }, (x, y, z) => HU_CBCT[material(x - a, y - b, z - c, true)]);
  blurAndNoise(v, [0.15, 0.15, 0.15], 30, 5);
  return v;
}

/** The shift as a matrix (planning LPS → CBCT LPS). */
export const SHIFT_MATRIX = [1, 0, 0, CASE.shift[0], 0, 1, 0, CASE.shift[1], 0, 0, 1, CASE.shift[2], 0, 0, 0, 1];

/** The lesion's mask on the planning CT: voxel centres within the sphere. */
export function lesionMask(ct: PlanningVolume): VoxelMask {
  const [nx, ny, nz] = ct.dimensions;
  const m = createMask(ct.dimensions, { offset: [0, 0, 0], size: [nx, ny, nz] });
  for (let k = 0, p = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, p++) {
    if (Math.hypot(-40 + i, -40 + j, -22 + k) <= CASE.lesionRadius) m.data[p] = 1;
  }
  return m;
}

/** The plan: the lesion at `site`, the vein, one needle from (0, −38, −3) to the lesion's centre (0, 0, −3)… planned 2 mm deeper. */
export function plan(ct: PlanningVolume, site: AnatomicalSite): PlanDraft {
  const FOR = '1.2.3.4';
  const vein: StructureDraft = {
    record: { id: 'S-vein', kind: 'major-vessel', name: 'Test vein', colour: '#3355ff', safetyDistanceMm: 5 },
    shape: { kind: 'tube', pointsLps: [[CASE.vein.x, CASE.vein.y, -30], [CASE.vein.x, CASE.vein.y, 30]], radiusMm: CASE.vein.radius, frameOfReferenceUID: FOR },
    mask: null,
  };
  return {
    lesions: [{ record: planLesionSchema.parse({ id: 'L1', site }), mask: lesionMask(ct), stored: null }],
    structures: [vein],
    trajectories: [trajectorySchema.parse({ id: 'T1', deviceId: 'bone-access-11g-150', entry: [0, -38, -3], target: [0, 2, -3], frameOfReferenceUID: FOR, lesionId: 'L1' })],
    extra: {},
  };
}
