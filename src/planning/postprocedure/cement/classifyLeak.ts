import type { LeakClass } from '../../../records/postProcedure';
import type { Vec3 } from '../../../shared/vec3';
import type { VolumeGeometry } from '../../volume/volumeGeometry';
import { worldToIndexMatrix } from '../../volume/indexWorld';
import type { BoneMask } from './boneMask';
import type { LeakComponent } from './leakComponents';
import type { StructureShape } from './structureDistance';

/** Where the treated bone is: the lesion the leak came from. */
export interface TreatedBone {
  readonly kind: 'spine' | 'pelvis';
  /** Centre of the lesion (planning LPS). */
  readonly centreLps: Vec3;
}

/** A leak counts as touching a structure within this distance (mm). */
const TOUCH_MM = 1;
/** A disc leak has bone (the treated body and its neighbour) above and below it within this distance (mm)… */
const DISC_REACH_MM = 12;
/** …and lies within the column's footprint: this far (mm) from the body's centre across the axial plane. */
const FOOTPRINT_MM = 22;

/**
 * Thin: the leak's length as a tube of its thickest cross-section, volume ÷ (π r²), at least
 * three times that thickness (2 r). A tortuous vein is thin; a blob is not; a flat sheet is.
 */
export function isThin(leak: LeakComponent, voxelMm: number): boolean {
  const r = leak.inscribedRadiusMm + voxelMm / 2;
  const length = (leak.volumeMl * 1000) / (Math.PI * r * r);
  return length >= 3 * 2 * r;
}

/** True when the planning bone holds a voxel on the vertical through `p` both above and below it, within `reach` mm. */
function boneAboveAndBelow(ct: VolumeGeometry, bone: BoneMask, p: Vec3, reach: number): boolean {
  const m = worldToIndexMatrix(ct);
  const [ox, oy, oz] = bone.box.offset;
  const [sx, sy, sz] = bone.box.size;
  const isBone = (x: number, y: number, z: number): boolean => {
    const dx = x - ct.origin[0], dy = y - ct.origin[1], dz = z - ct.origin[2];
    const i = Math.round(m[0] * dx + m[1] * dy + m[2] * dz) - ox, j = Math.round(m[3] * dx + m[4] * dy + m[5] * dz) - oy, k = Math.round(m[6] * dx + m[7] * dy + m[8] * dz) - oz;
    return i >= 0 && j >= 0 && k >= 0 && i < sx && j < sy && k < sz && bone.bone[(k * sy + j) * sx + i] === 1;
  };
  let above = false, below = false;
  for (let t = 0.5; t <= reach && !(above && below); t += 0.5) {
    above ||= isBone(p[0], p[1], p[2] + t);
    below ||= isBone(p[0], p[1], p[2] - t);
  }
  return above && below;
}

/**
 * The class of a leak, by where it lies and its shape.
 * Spine: touching the spinal canal (or cord) → 'canal'; between the treated body and its
 * neighbour (bone above and below, inside the column's footprint) → 'disc'; behind the body in
 * the midline, toward the canal → 'basivertebral-venous'; thin → 'segmental-venous' (the veins
 * leave the body's lateral and posterolateral walls); otherwise a compact leak on the body's
 * wall → 'cortical-defect'.
 * Pelvis: touching a joint space → 'intra-articular'; thin → 'venous'; otherwise 'soft-tissue'.
 */
export function classifyLeak(
  leak: LeakComponent,
  treated: TreatedBone,
  near: readonly { shape: StructureShape; distanceMm: number }[],
  ct: VolumeGeometry,
  bone: BoneMask,
  cbctVoxelMm: number,
): LeakClass {
  const touching = (test: (s: StructureShape) => boolean) => near.some((n) => n.distanceMm <= TOUCH_MM && test(n.shape));
  const thin = isThin(leak, cbctVoxelMm);
  if (treated.kind === 'pelvis') {
    if (touching((s) => /joint|articular/i.test(s.name))) return 'intra-articular';
    return thin ? 'venous' : 'soft-tissue';
  }
  if (touching((s) => s.kind === 'spinal-canal' || s.kind === 'spinal-cord')) return 'canal';
  const c = leak.centreLps;
  const dx = c[0] - treated.centreLps[0], dy = c[1] - treated.centreLps[1];
  const across = Math.hypot(dx, dy);
  if (across <= FOOTPRINT_MM && boneAboveAndBelow(ct, bone, c, DISC_REACH_MM)) return 'disc';
  // LPS: +y is posterior. Behind the body's centre and close to the midline.
  const posteriorMidline = dy > 0 && Math.abs(dx) < 0.35 * dy;
  if (posteriorMidline) return 'basivertebral-venous';
  return thin ? 'segmental-venous' : 'cortical-defect';
}
