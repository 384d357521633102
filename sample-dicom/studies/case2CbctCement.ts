import type { Vec3 } from '../../src/shared/vec3';
import { tissue } from '../anatomy/tissue';
import { lobulatedBlob } from '../anatomy/lesion';
import { intersect, subtract, union } from '../phantom/combine';
import type { PaintOp } from '../phantom/paint';
import { sphere, tube } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import { LABEL, type LeakDef } from '../postop/postProcedureScene';

/** The case 2 cement as designed (planning body frame): what to paint and the leaks' labels. */
export interface Case2Cement {
  ops: PaintOp[];
  leaks: LeakDef[];
}

const at = (p: Vec3, d: Vec3): Vec3 => [p[0] + d[0], p[1] + d[1], p[2] + d[2]];

/**
 * Cement of the case 2 cementoplasty, around the needle tips:
 * - acetabulum: a lobulated blob about the tip filling ~70 % of the lesion, and a venous
 *   strand (2.8 mm wide) that leaves through the medial (pelvic) cortex and runs tortuously
 *   forward toward the external iliac vein;
 * - pubic ramus: a blob about the tip filling ~45 % of the lesion, and a compact soft-tissue
 *   leak above the broken superior cortex, joined to it by cement through the cortex.
 * Cement inside bone carries the lesion's intraosseous label; cement outside bone and outside
 * both lesions carries its leak's label; `bone` is the hip bone and femur of that side.
 */
export function case2Cement(lesions: { acetabular: Shape; ramus: Shape }, tips: { acetabular: Vec3; ramus: Vec3 }, bone: Shape): Case2Cement {
  const mat = tissue.cement;
  const ta = tips.acetabular, tr = tips.ramus;
  const accBlob = lobulatedBlob(ta, [14, 15, 10.5], [{ at: [-6, 7, 3], r: [7, 7, 6] }, { at: [6, -5, -2], r: [6, 6, 5] }]);
  const ramBlob = lobulatedBlob(tr, [8, 6.5, 6], [{ at: [3, 2, 2], r: [4.5, 4, 4] }]);
  // The venous strand: from inside the acetabular cement out through the medial cortex, then
  // forward and down along a wavy course.
  const c = ta;
  const strand = tube([at(c, [6, 0, 1]), at(c, [15, 1, 1.5]), at(c, [22, -2, 2.5]), at(c, [26, -7, 1]), at(c, [29, -12, 3]), at(c, [31, -18, 1]), at(c, [34, -23, 2.5]), at(c, [36, -29, 0.5]), at(c, [38, -34, 2])], 1.4);
  // The ramus leak: cement through the superior cortex and a compact blob above it.
  const ramChannel = tube([at(tr, [0, 0.5, 4]), at(tr, [0, 1, 12.5])], 2.2);
  const ramLeak = union(ramChannel, sphere(at(tr, [0.5, 1, 14.5]), 3.9));
  const anyLesion = union(lesions.acetabular, lesions.ramus);
  const outside = (s: Shape) => subtract(subtract(s, bone), anyLesion);
  const leaks: LeakDef[] = [
    { id: 'leak-venous', location: 'venous', label: LABEL.leak(0), description: 'Venous strand from the acetabular lesion through the medial cortex toward the external iliac vein' },
    { id: 'leak-soft-tissue', location: 'soft-tissue', label: LABEL.leak(1), description: 'Compact soft-tissue leak above the broken superior cortex of the pubic ramus' },
  ];
  return {
    ops: [
      { name: 'acetabular cement', shape: intersect(accBlob, lesions.acetabular), material: mat, label: LABEL.cementInBone(0) },
      { name: 'venous strand through the acetabular bone', shape: intersect(strand, bone), material: mat, label: LABEL.cementInBone(0) },
      { name: 'ramus cement', shape: intersect(ramBlob, lesions.ramus), material: mat, label: LABEL.cementInBone(1) },
      { name: 'ramus cement through the cortex', shape: intersect(ramLeak, union(bone, lesions.ramus)), material: mat, label: LABEL.cementInBone(1) },
      { name: 'venous cement leak', shape: outside(strand), material: mat, label: leaks[0]!.label },
      { name: 'soft-tissue cement leak', shape: outside(ramLeak), material: mat, label: leaks[1]!.label },
    ],
    leaks,
  };
}
