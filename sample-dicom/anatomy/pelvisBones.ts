import type { Vec3 } from '../../src/shared/vec3';
import { intersect, mirrorX, smoothUnion, subtract, union } from '../phantom/combine';
import { curveLoft, type CurveKey } from '../phantom/lofts';
import type { PaintOp } from '../phantom/paint';
import { ellipsoid, halfSpace, roundedBox, sphere, tube } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import { boneOf, tissue, type BoneDensity } from './tissue';

/**
 * Proportions of one pelvis. The body frame has z = 0 at the femoral head centres, x = 0
 * on the midline; shapes are built for the LEFT side (+x) and mirrored for the right.
 */
export interface PelvisProportions {
  /** Half the distance between the femoral head centres. */
  hipHalfWidth: number;
  headRadius: number;
  /** Overall size factor for the ilium and sacrum (1 = adult male). */
  scale: number;
  /** Extra width of the pelvic inlet and iliac wings (female pelvis), mm. */
  flare: number;
  density: BoneDensity;
}

export const JOINT_SPACE_MM = 3;
export const PELVIC_CORTEX_MM = 2;

export interface PelvisGeometry {
  headCentreLeft: Vec3;
  /** Outward normal of the left acetabular opening (lateral, anterior, inferior). */
  acetabularAxisLeft: Vec3;
  /** Bone of the left hip bone (ilium, ischium, pubis), before mirroring. */
  hipBoneLeft: Shape;
  femurLeft: Shape;
  /** Centre line of the left femoral shaft, top to bottom. */
  femoralShaftLeft: Vec3[];
  sacrum: Shape;
  sacralCanal: Vec3[];
  /** Anterior-superior edge of S1 and the centre of the symphysis. */
  promontory: Vec3;
  symphysis: Vec3;
  /** Top of the S1 endplate (centre). */
  s1Top: Vec3;
}

const norm = (v: Vec3): Vec3 => {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
};

/** Builds the bony pelvis and proximal femora of the given proportions. */
export function pelvisGeometry(p: PelvisProportions): PelvisGeometry {
  const s = p.scale;
  const f = p.flare;
  const H: Vec3 = [p.hipHalfWidth, -5, 0];
  const R = p.headRadius;
  const rIn = R + JOINT_SPACE_MM;
  const axis = norm([0.72, -0.36, -0.6]);

  // Acetabular cup: a spherical shell around the head, open along the acetabular axis.
  const cup = intersect(sphere(H, rIn + 12), halfSpace(axis, axis[0] * H[0] + axis[1] * H[1] + axis[2] * H[2] + 3));
  const supraAcetabular = ellipsoid([H[0] + 4, H[1] + 8, 36 * s], [21, 30, 30 * s]);
  const wingKeys: CurveKey[] = [
    { z: 48 * s, pts: [[50, 44], [66, 40], [84, 28], [96, 8], [99, -16], [96, -38]], w: [11, 11, 11, 12, 10, 8] },
    { z: 75 * s, pts: [[44, 52], [62, 52], [92 + f * 0.5, 38], [117 + f, 6], [120 + f, -28], [112 + f, -56]], w: [14, 11, 5, 4, 5, 7] },
    { z: 100 * s, pts: [[46, 48], [66, 60], [100 + f * 0.7, 50], [128 + f, 16], [131 + f, -20], [123 + f, -44]], w: [14, 11, 4.5, 3.5, 4, 6] },
    { z: 124 * s, pts: [[54, 66], [76, 71], [108 + f * 0.8, 57], [133 + f, 26], [137 + f, -4], [131 + f, -24]], w: [8, 8, 5, 4.5, 5, 6] },
    { z: 140 * s, pts: [[64, 72], [84, 73], [113 + f * 0.8, 61], [134 + f, 36], [138 + f, 12], [135 + f, 0]], w: [6, 6, 5, 5.5, 6, 6] },
    { z: 148 * s, pts: [[74, 72], [92, 72], [116 + f * 0.8, 63], [131 + f, 46], [136 + f, 31], [135 + f, 24]], w: [3, 3, 3.5, 4, 4, 3] },
  ];
  const wing = curveLoft(wingKeys, 4);
  const posteriorColumn = tube([[H[0] - 8, H[1] + 28, 26 * s], [60, 40, -2], [57, 33, -44], [50, 20, -62]], [16, 11, 14, 10]);
  const ischialSpine = tube([[60, 40, -2], [46, 50, -4]], [6, 3]);
  const pubicBody = roundedBox([14 + f * 0.15, -60, -22], [4, 2, 10], 7);
  const superiorRamus = tube([[H[0] - 18, H[1] - 24, 4], [45 + f * 0.2, -48, -8], [17 + f * 0.15, -60, -16]], [11, 9.5, 9]);
  const inferiorRamus = tube([[16 + f * 0.15, -57, -34], [34 + f * 0.3, -26, -54], [52, 14, -62]], [7, 7, 9]);
  const aiis = ellipsoid([H[0] + 8, H[1] - 27, 44 * s], [8, 9, 11]);
  const posteriorIliac = ellipsoid([48, 70, 92 * s], [12, 14, 26 * s]);
  const hipBone = subtract(
    smoothUnion(5, wing, supraAcetabular, cup, posteriorColumn, ischialSpine, superiorRamus, pubicBody, inferiorRamus, aiis, posteriorIliac),
    sphere(H, rIn),
  );

  // Femur: head, neck (130° to the shaft, slight anteversion), trochanters, shaft.
  const neck = norm([0.78, 0.14, -0.6]);
  const at = (d: number): Vec3 => [H[0] + neck[0] * d, H[1] + neck[1] * d, H[2] + neck[2] * d];
  const shaft: Vec3[] = [[H[0] + 38, H[1] + 8, -22], [H[0] + 35, H[1] + 6, -70], [H[0] + 27, H[1] + 3, -150]];
  const femur = smoothUnion(
    6,
    sphere(H, R),
    tube([at(10), at(44)], [R * 0.66, R * 0.7]),
    ellipsoid([H[0] + 50, H[1] + 12, -12], [13, 19, 24]),
    tube([at(40), [H[0] + 30, H[1] + 12, -46]], [15, 13]),
    ellipsoid([H[0] + 24, H[1] + 20, -48], [9, 10, 11]),
    tube(shaft, [16, 14, 13.5]),
  );

  // Sacrum: alae as a thick transverse band bulging forward at the promontory, the
  // segmental bodies, and a posterior plate (laminae and median crest) roofing the canal.
  const sacrumKeys: CurveKey[] = [
    { z: 104 * s, pts: [[-46 - f * 0.4, 38], [-28, 26], [0, 20], [28, 26], [46 + f * 0.4, 38]], w: [7, 11, 13, 11, 7] },
    { z: 92 * s, pts: [[-50 - f * 0.4, 44], [-30, 33], [0, 28], [30, 33], [50 + f * 0.4, 44]], w: [15, 17, 18, 17, 15] },
    { z: 70 * s, pts: [[-46 - f * 0.4, 52], [-28, 44], [0, 40], [28, 44], [46 + f * 0.4, 52]], w: [13, 14, 14, 14, 13] },
    { z: 50 * s, pts: [[-38 - f * 0.3, 60], [-24, 53], [0, 50], [24, 53], [38 + f * 0.3, 60]], w: [9, 11, 12, 11, 9] },
    { z: 30 * s, pts: [[-28, 64], [-18, 59], [0, 56], [18, 59], [28, 64]], w: [6, 8, 9, 8, 6] },
    { z: 10 * s, pts: [[-18, 64], [-10, 61], [0, 59], [10, 61], [18, 64]], w: [4, 6, 7, 6, 4] },
  ];
  const plateKeys: CurveKey[] = [
    { z: 104 * s, pts: [[-34, 60], [-16, 66], [0, 70], [16, 66], [34, 60]], w: [4, 4, 6, 4, 4] },
    { z: 80 * s, pts: [[-34, 66], [-16, 72], [0, 76], [16, 72], [34, 66]], w: [4, 4, 6, 4, 4] },
    { z: 50 * s, pts: [[-26, 70], [-12, 74], [0, 77], [12, 74], [26, 70]], w: [3.5, 3.5, 5, 3.5, 3.5] },
    { z: 20 * s, pts: [[-16, 70], [-8, 72], [0, 73], [8, 72], [16, 70]], w: [3, 3, 4, 3, 3] },
  ];
  const s1Top: Vec3 = [0, 20, 106 * s];
  const sacrum = smoothUnion(
    4,
    curveLoft(sacrumKeys, 4),
    curveLoft(plateKeys, 4),
    ellipsoid([0, 24, 96 * s], [25, 18, 12 * s]),
    ellipsoid([0, 36, 73 * s], [21, 14, 12 * s]),
    tube([[0, 60, 8 * s], [0, 58, -4], [0, 50, -18], [0, 40, -28]], [7, 5, 4, 3]),
  );
  const sacralCanal: Vec3[] = [[0, 48, 112 * s], [0, 56, 86 * s], [0, 62, 60 * s], [0, 64, 34 * s], [0, 64, 16 * s]];
  return {
    headCentreLeft: H,
    acetabularAxisLeft: axis,
    hipBoneLeft: hipBone,
    femurLeft: femur,
    femoralShaftLeft: shaft,
    sacrum,
    sacralCanal,
    promontory: [0, 10, 102 * s],
    symphysis: [0, -60, -22],
    s1Top,
  };
}

/**
 * Paint operations of the bony pelvis: hip joints (cartilage), hip bones, sacrum with its
 * canal and foramina, SI joints, symphysis, femora with cortical shafts and fatty marrow.
 */
export function pelvisBoneOps(g: PelvisGeometry, p: PelvisProportions): PaintOp[] {
  const d = p.density;
  const bone = boneOf(d, PELVIC_CORTEX_MM);
  const femurBone = boneOf(d, 2.2, 1.08);
  const H = g.headCentreLeft;
  const joint = sphere(H, p.headRadius + JOINT_SPACE_MM);
  const si: CurveKey[] = [
    { z: 100 * p.scale, pts: [[46 + p.flare * 0.4, 33], [50 + p.flare * 0.4, 45], [47, 58]], w: [1.2, 1.2, 1.2] },
    { z: 75 * p.scale, pts: [[43 + p.flare * 0.4, 42], [46 + p.flare * 0.4, 52], [42, 62]], w: [1.2, 1.2, 1.2] },
    { z: 52 * p.scale, pts: [[36 + p.flare * 0.3, 52], [39 + p.flare * 0.3, 60], [36, 67]], w: [1.2, 1.2, 1.2] },
  ];
  const siJoint = curveLoft(si, 3);
  const shaftCortex = intersect(tube(g.femoralShaftLeft, [16, 14, 13.5]), halfSpace([0, 0, 1], -56));
  const marrow = intersect(tube(g.femoralShaftLeft, [9.5, 8.5, 8]), halfSpace([0, 0, 1], -58));
  const foramina = [95, 72, 50, 30].map((z) => z * p.scale).flatMap((z, i) => {
    const y = 22 + i * 11;
    const t = tube([[14 - i, y - 14, z - 4], [15 - i, y + 12, z - 4]], 4 - i * 0.5);
    return [t, mirrorX(t)];
  });
  return [
    { name: 'hip joint spaces', shape: union(joint, mirrorX(joint)), material: tissue.cartilage },
    { name: 'left hip bone', shape: g.hipBoneLeft, material: bone },
    { name: 'right hip bone', shape: mirrorX(g.hipBoneLeft), material: bone },
    { name: 'pubic symphysis', shape: roundedBox([0, g.symphysis[1], g.symphysis[2]], [2.5, 5, 12], 3), material: tissue.cartilage },
    { name: 'sacrum', shape: g.sacrum, material: bone },
    { name: 'sacral canal', shape: tube(g.sacralCanal, [8, 7, 6, 5, 4]), material: tissue.fat },
    { name: 'sacral foramina', shape: union(...foramina), material: tissue.fat },
    { name: 'sacroiliac joints', shape: union(siJoint, mirrorX(siJoint)), material: tissue.jointFluid },
    { name: 'left femur', shape: g.femurLeft, material: femurBone },
    { name: 'right femur', shape: mirrorX(g.femurLeft), material: femurBone },
    { name: 'femoral shaft cortex', shape: union(shaftCortex, mirrorX(shaftCortex)), material: { kind: 'solid', hu: d.cortexHu * 1.15 } },
    { name: 'femoral marrow', shape: union(marrow, mirrorX(marrow)), material: tissue.marrowFat },
  ];
}
