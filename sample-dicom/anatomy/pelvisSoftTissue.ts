import type { Vec3 } from '../../src/shared/vec3';
import { basisAlong } from '../phantom/basis';
import { intersect, mirrorX, union } from '../phantom/combine';
import { curveLoft, ellipseLoft, type EllipseKey } from '../phantom/lofts';
import type { PaintOp } from '../phantom/paint';
import { ellipsoid, halfSpace, roundedBox, tube } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import { tissue } from './tissue';

export interface PelvisSoftTissueSpec {
  sex: 'M' | 'F';
  /** Inside of the abdominal wall (from the body wall). */
  abdominalCavity: readonly EllipseKey[];
  /** Body-centre y of the lumbar spine at height z. */
  spineY: (z: number) => number;
  hipHalfWidth: number;
  /** Extra pelvic width (female), mm. */
  flare: number;
  /** Aortic bifurcation (about L4). */
  bifurcationZ: number;
  /** Highest z of the study, for vessels and bowel leaving the top. */
  zTop: number;
}

const both = (name: string, shape: Shape, material: PaintOp['material']): PaintOp[] => [
  { name: `left ${name}`, shape, material },
  { name: `right ${name}`, shape: mirrorX(shape), material },
];

/** Pelvic cavity (visceral fat) inside the abdominal wall and the bony pelvis. */
export function pelvicCavity(s: PelvisSoftTissueSpec): Shape {
  const f = s.flare;
  const keys: EllipseKey[] = [
    { z: -52, cx: 0, cy: 12, rx: 18 + f * 0.3, ant: 18, post: 22 },
    { z: -30, cx: 0, cy: 2, rx: 36 + f * 0.5, ant: 44, post: 40 },
    { z: 0, cx: 0, cy: -6, rx: 50 + f * 0.6, ant: 56, post: 50 },
    { z: 30, cx: 0, cy: -6, rx: 60 + f * 0.7, ant: 64, post: 48 },
    { z: 70, cx: 0, cy: -12, rx: 78 + f, ant: 90, post: 42 },
    { z: 110, cx: 0, cy: -22, rx: 120 + f, ant: 95, post: 36 },
    { z: 135, cx: 0, cy: -24, rx: 128 + f * 0.5, ant: 95, post: 62 },
    { z: 160, cx: 0, cy: -26, rx: 132, ant: 95, post: 70 },
    { z: s.zTop + 40, cx: 0, cy: -26, rx: 135, ant: 95, post: 70 },
  ];
  return intersect(ellipseLoft(keys), ellipseLoft(s.abdominalCavity));
}

/** Muscles painted over the cavity: psoas, iliacus, obturator internus, paraspinals over the sacrum. */
export function pelvicMuscleOps(s: PelvisSoftTissueSpec): PaintOp[] {
  const y = s.spineY;
  const f = s.flare;
  const psoas = ellipseLoft([
    { z: -40, cx: s.hipHalfWidth - 8, cy: -40, rx: 17, ant: 14, post: 14 },
    { z: 20, cx: s.hipHalfWidth - 12, cy: -42, rx: 18, ant: 15, post: 15 },
    { z: 60, cx: 64 + f * 0.5, cy: -20, rx: 20, ant: 16, post: 16 },
    { z: 110, cx: 50 + f * 0.3, cy: y(110) - 6, rx: 21, ant: 18, post: 17 },
    { z: 170, cx: 42, cy: y(170) - 2, rx: 19, ant: 17, post: 16 },
    { z: s.zTop + 40, cx: 34, cy: y(s.zTop) + 2, rx: 15, ant: 14, post: 13 },
  ]);
  const iliacus = curveLoft(
    [
      { z: 45, pts: [[78, 18], [88, 0], [92 + f * 0.5, -20]], w: [8, 9, 8] },
      { z: 80, pts: [[70, 38], [96 + f * 0.5, 12], [106 + f, -22]], w: [9, 13, 10] },
      { z: 110, pts: [[72, 50], [110 + f * 0.7, 22], [118 + f, -18]], w: [8, 13, 9] },
      { z: 138, pts: [[84, 60], [118 + f * 0.8, 34], [125 + f, 4]], w: [4, 7, 5] },
    ],
    4,
  );
  const obturator = ellipsoid([s.hipHalfWidth - 36 + f * 0.4, 6, -8], [8, 32, 28]);
  const erector = ellipseLoft([
    { z: 20, cx: 20, cy: 82, rx: 14, ant: 8, post: 12 },
    { z: 80, cx: 24, cy: 84, rx: 22, ant: 10, post: 18 },
    { z: 130, cx: 32, cy: y(130) + 62, rx: 28, ant: 20, post: 22 },
    { z: s.zTop + 40, cx: 34, cy: y(s.zTop) + 60, rx: 27, ant: 20, post: 22 },
  ]);
  const ql = ellipseLoft([
    { z: 128, cx: 56, cy: y(128) + 36, rx: 10, ant: 6, post: 6 },
    { z: 160, cx: 60, cy: y(160) + 34, rx: 16, ant: 8, post: 8 },
    { z: s.zTop + 40, cx: 62, cy: y(s.zTop) + 32, rx: 18, ant: 9, post: 9 },
  ]);
  return [...both('psoas', psoas, tissue.muscle), ...both('quadratus lumborum', ql, tissue.muscle), ...both('iliacus', iliacus, tissue.muscle), ...both('obturator internus', obturator, tissue.muscle), ...both('erector spinae', erector, tissue.muscle)];
}

/** Fat planes that separate the hip and thigh muscles, and the ischioanal fossae. */
export function pelvicFatOps(s: PelvisSoftTissueSpec): PaintOp[] {
  const hx = s.hipHalfWidth;
  const f = s.flare;
  const gluteal = curveLoft(
    [
      { z: 0, pts: [[70, 92], [112 + f, 78], [150 + f, 42], [160 + f, 10]], w: [2, 2, 2, 2] },
      { z: 70, pts: [[62, 98], [112 + f, 86], [152 + f, 52], [165 + f, 18]], w: [2, 2.5, 2, 2] },
      { z: 120, pts: [[58, 100], [100 + f, 98], [140 + f, 70], [160 + f, 36]], w: [1.5, 2, 2, 1.5] },
    ],
    4,
  );
  const thighSepta = curveLoft(
    [
      { z: -130, pts: [[hx - 20, -40], [hx + 5, -18], [hx + 28, 20], [hx + 20, 60]], w: [2, 2, 2, 2] },
      { z: -50, pts: [[hx - 20, -45], [hx + 8, -25], [hx + 36, 22], [hx + 25, 64]], w: [2, 2, 2, 2] },
    ],
    4,
  );
  return [
    ...both('femoral triangle fat', ellipsoid([hx - 6, -62, -22], [24, 16, 40]), tissue.fat),
    ...both('ischioanal fossa', intersect(ellipsoid([34 + f * 0.4, 28, -48], [20, 30, 26]), halfSpace([0, 0, 1], -26)), tissue.fat),
    ...both('gluteal fat plane', gluteal, tissue.fat),
    ...both('thigh septa', thighSepta, tissue.fat),
  ];
}

/** Aorta, IVC, iliac and femoral arteries and veins. */
export function pelvicVesselOps(s: PelvisSoftTissueSpec): PaintOp[] {
  const y = s.spineY;
  const b = s.bifurcationZ;
  const hx = s.hipHalfWidth;
  const f = s.flare;
  const artery = tube(
    [[2, y(b) - 30, b], [34 + f * 0.3, y(110) - 20, 110], [56 + f * 0.6, -30, 70], [hx - 14, -54, 28], [hx - 8, -60, 0], [hx - 2, -56, -60], [hx + 4, -46, -140]],
    [6, 5.5, 5, 5, 5, 4.5, 4.5],
  );
  const internal = tube([[34 + f * 0.3, y(110) - 20, 110], [44 + f * 0.4, 10, 82], [50, 30, 60]], [4, 3.5, 3]);
  const vein = tube(
    [[-6, y(b - 12) - 18, b - 12], [30 + f * 0.3, y(110) - 10, 108], [52 + f * 0.6, -22, 68], [hx - 22, -48, 28], [hx - 20, -56, 0], [hx - 14, -54, -60], [hx - 6, -44, -140]],
    [8, 7.5, 7, 7, 7, 6.5, 6],
  );
  return [
    { name: 'aorta', shape: tube([[6, y(s.zTop) - 30, s.zTop + 20], [3, y(b) - 30, b + 4]], 10), material: tissue.blood },
    { name: 'inferior vena cava', shape: tube([[-22, y(s.zTop) - 27, s.zTop + 20], [-16, y(b - 10) - 22, b - 12]], 11), material: tissue.blood },
    ...both('iliac and femoral artery', artery, tissue.blood),
    ...both('internal iliac artery', internal, tissue.blood),
    ...both('iliac and femoral vein', vein, tissue.blood),
  ];
}

/** Bladder, rectum and colon, small bowel, and the sex-specific organs. */
export function pelvicOrganOps(s: PelvisSoftTissueSpec, cavity: Shape): PaintOp[] {
  const inCavity = (sh: Shape) => intersect(sh, cavity);
  const bladderC: Vec3 = s.sex === 'M' ? [0, -30, 2] : [0, -32, -2];
  const rectum: Vec3[] = [[0, 56, 48], [0, 50, 16], [0, 38, -20], [0, 28, -46]];
  const sigmoid: Vec3[] = [[0, 56, 48], [26, 30, 58], [44, -8, 76], [18, -30, 92], [52, -12, 112], [92, 14, 150], [96, 14, s.zTop + 40]];
  const ascending: Vec3[] = [[-62, -38, 62], [-80, -30, 96], [-90, -18, 140], [-92, -14, s.zTop + 40]];
  const ops: PaintOp[] = [
    { name: 'bladder wall', shape: ellipsoid(bladderC, [45, 34, 32]), material: tissue.bowelWall },
    { name: 'urine', shape: ellipsoid(bladderC, [42, 31, 29]), material: tissue.urine },
    { name: 'rectum and sigmoid wall', shape: inCavity(union(tube(rectum, [18, 17, 12, 8]), tube(sigmoid, 18))), material: tissue.bowelWall },
    { name: 'rectal and sigmoid content', shape: inCavity(union(tube(rectum, [15, 14, 9, 4]), tube(sigmoid, 15))), material: tissue.faeces },
    { name: 'caecum and ascending colon wall', shape: inCavity(tube(ascending, [26, 24, 22, 22])), material: tissue.bowelWall },
    { name: 'caecal content', shape: inCavity(tube(ascending, [23, 21, 19, 19])), material: tissue.faeces },
  ];
  const loops: Vec3[][] = [
    [[-40, -60, 150], [0, -85, 140], [35, -70, 128], [10, -45, 118], [-30, -60, 108], [-45, -90, 96]],
    [[30, -95, 180], [-10, -80, 172], [-50, -70, 185], [-35, -40, 160], [15, -30, 150], [55, -50, 165]],
    [[-20, -40, 80], [20, -60, 70], [48, -40, 60], [30, -20, 45]],
  ];
  for (const loop of loops) {
    ops.push(
      { name: 'small bowel wall', shape: inCavity(tube(loop, 13)), material: tissue.bowelWall },
      { name: 'small bowel content', shape: inCavity(tube(loop, 11)), material: tissue.smallBowel },
    );
  }
  if (s.sex === 'M') {
    ops.push(
      { name: 'prostate', shape: ellipsoid([0, -40, -38], [19, 15, 17]), material: tissue.prostate },
      { name: 'urethra', shape: tube([[0, -42, -24], [0, -44, -52]], 2), material: tissue.urine },
      ...both('seminal vesicle', ellipsoid([16, -8, -18], [14, 6, 7], basisAlong([1, 0.3, 0.4], [0, 0, 1])), tissue.prostate),
      { name: 'scrotum and penis', shape: union(ellipsoid([0, -78, -108], [30, 28, 34]), tube([[0, -70, -62], [0, -96, -80]], 14)), material: { kind: 'textured', hu: 35, amplitude: 10, scaleMm: 6, seed: 41 } },
    );
  } else {
    ops.push(
      { name: 'uterus', shape: inCavity(ellipsoid([0, -6, 40], [30, 22, 38], basisAlong([0, -0.55, 0.85], [1, 0, 0]))), material: tissue.uterus },
      ...both('ovary', ellipsoid([44 + s.flare * 0.4, 8, 38], [13, 9, 11]), { kind: 'textured', hu: 30, amplitude: 12, scaleMm: 3, seed: 42 }),
      { name: 'vagina', shape: tube([[0, -4, -14], [0, 8, 8]], 9), material: tissue.uterus },
    );
  }
  return ops;
}

/** Natal cleft: the skin fold between the buttocks, reaching towards the coccyx. */
export function natalCleftOp(tableY: number): PaintOp {
  return { name: 'natal cleft', shape: intersect(roundedBox([0, tableY - 18, -40], [0.6, 20, 60], 0.6), halfSpace([0, -1, 0], -(tableY - 45))), material: tissue.fat };
}
