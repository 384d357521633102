import type { Vec3 } from '../../src/shared/vec3';
import { tissue } from '../anatomy/tissue';
import { lobulatedBlob } from '../anatomy/lesion';
import { intersect, subtract, union } from '../phantom/combine';
import type { PaintOp } from '../phantom/paint';
import { ellipsoid, tube } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import { LABEL, type LeakDef } from '../postop/postProcedureScene';

const at = (p: Vec3, d: Vec3): Vec3 => [p[0] + d[0], p[1] + d[1], p[2] + d[2]];

/**
 * Cement of the case 3 vertebroplasty (planning body frame): a blob about the needle tip filling
 * ~80 % of the T10 lesion; a leak into the T10–T11 disc below the broken inferior endplate; and
 * a leak along a right segmental vein, leaving the right lateral wall of the body and running
 * forward and outward over its surface toward the azygos vein. `bone` is T9–T11.
 */
export function case3Cement(lesion: Shape, lesionCentre: Vec3, tip: Vec3, bone: Shape): { ops: PaintOp[]; leaks: LeakDef[] } {
  const mat = tissue.cement;
  const c = lesionCentre;
  const blob = lobulatedBlob(at(tip, [-3, 1, 0]), [10, 7.5, 7], [{ at: [-7, 2, 0], r: [5.5, 5, 6] }]);
  const disc = subtract(ellipsoid(at(c, [1, -3, -6.3]), [7, 5, 2.3]), bone);
  const vein = tube([at(c, [-6, -1, 0]), at(c, [-14, -1.5, 0.3]), at(c, [-20, -3, 0]), at(c, [-23, -7, 0.6]), at(c, [-26, -10, 0]), at(c, [-29, -13, 0.8]), at(c, [-32, -15, 0.2]), at(c, [-36, -16.5, 0.9]), at(c, [-40, -17, 0.3])], 1.4);
  const outside = (s: Shape) => subtract(subtract(s, bone), lesion);
  const leaks: LeakDef[] = [
    { id: 'leak-disc', location: 'disc', label: LABEL.leak(0), description: 'Intradiscal leak into the T10–T11 disc through the broken inferior endplate of T10' },
    { id: 'leak-segmental-venous', location: 'segmental-venous', label: LABEL.leak(1), description: 'Leak along a right segmental vein from the right lateral wall of T10 toward the azygos vein' },
  ];
  return {
    ops: [
      { name: 'T10 cement', shape: intersect(blob, lesion), material: mat, label: LABEL.cementInBone(0) },
      { name: 'cement in the vein through the T10 body', shape: intersect(vein, union(bone, lesion)), material: mat, label: LABEL.cementInBone(0) },
      { name: 'intradiscal cement leak', shape: outside(disc), material: mat, label: leaks[0]!.label },
      { name: 'segmental venous cement leak', shape: outside(vein), material: mat, label: leaks[1]!.label },
    ],
    leaks,
  };
}
