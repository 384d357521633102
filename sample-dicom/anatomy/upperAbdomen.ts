import type { Vec3 } from '../../src/shared/vec3';
import { basisAlong } from '../phantom/basis';
import { intersect, inset, union } from '../phantom/combine';
import { ellipseLoft, type EllipseKey } from '../phantom/lofts';
import type { PaintOp } from '../phantom/paint';
import { ellipsoid, halfSpace, tube } from '../phantom/primitives';
import { tissue } from './tissue';

export interface UpperAbdomenSpec {
  cavity: readonly EllipseKey[];
  /** Body-centre y of the spine at height z. */
  spineY: (z: number) => number;
  /** Top of the right hemidiaphragm dome (the left is about 12 mm lower). */
  rightDomeZ: number;
  /** z of the renal hila (right kidney; the left sits ~15 mm higher). */
  renalHilumZ: number;
}

/** Diaphragm, liver, gallbladder, spleen, stomach, pancreas, kidneys and bowel. */
export function upperAbdomenOps(s: UpperAbdomenSpec): PaintOp[] {
  const cavity = ellipseLoft(s.cavity);
  const inCavity = (sh: ReturnType<typeof ellipsoid>) => intersect(sh, cavity);
  const d = s.rightDomeZ;
  const liverC: Vec3 = [-50, -20, d - 60];
  const liverR: Vec3 = [98, 92, 62];
  const liver = union(ellipsoid(liverC, liverR), ellipsoid([8, -66, d - 45], [66, 40, 32]), ellipsoid([-92, -10, d - 105], [34, 40, 42]));
  const spleenC: Vec3 = [88, 42, d - 62];
  const stomachC: Vec3 = [55, -48, d - 55];
  const ys = s.spineY;
  const hr = s.renalHilumZ;
  const kidneyR: Vec3 = [-70, ys(hr) + 36, hr];
  const kidneyL: Vec3 = [72, ys(hr + 15) + 34, hr + 15];
  const kidneyAxis = (side: number) => basisAlong([-side * 0.28, 0.18, 1], [side, 0, 0]);
  const ops: PaintOp[] = [
    { name: 'right hemidiaphragm', shape: inCavity(inset(liver, -4)), material: tissue.muscle },
    { name: 'left hemidiaphragm', shape: inCavity(union(ellipsoid(spleenC, [34, 56, 62]), ellipsoid(stomachC, [52, 46, 56]))), material: tissue.muscle },
    { name: 'liver', shape: inCavity(liver), material: tissue.liver },
    { name: 'gallbladder', shape: ellipsoid([-58, -72, d - 95], [32, 15, 17], basisAlong([0.1, -0.3, 1], [1, 0, 0])), material: tissue.bowelFluid },
    { name: 'spleen', shape: inCavity(ellipsoid(spleenC, [58, 28, 48], basisAlong([0.3, 0.45, 1], [1, 0, 0]))), material: tissue.spleen },
    { name: 'stomach wall', shape: inCavity(ellipsoid(stomachC, [48, 42, 52])), material: tissue.bowelWall },
    { name: 'stomach content', shape: inCavity(ellipsoid(stomachC, [44, 38, 48])), material: tissue.bowelFluid },
    // Supine: gas rises anteriorly (non-dependent), with a fluid level.
    { name: 'stomach gas', shape: intersect(ellipsoid(stomachC, [44, 38, 48]), halfSpace([0, 1, 0], stomachC[1] - 16)), material: tissue.air },
    {
      name: 'pancreas',
      shape: tube([[-38, ys(hr + 20) - 44, hr + 14], [-5, ys(hr + 20) - 46, hr + 20], [35, ys(hr + 25) - 38, hr + 26], [68, ys(hr + 30) - 8, hr + 32]], [13, 10, 9, 7]),
      material: tissue.pancreas,
    },
  ];
  for (const [c, side] of [[kidneyR, -1], [kidneyL, 1]] as const) {
    ops.push(
      { name: 'perirenal fat', shape: intersect(ellipsoid(c, [64, 34, 30], kidneyAxis(side)), cavity), material: tissue.visceralFat },
      { name: 'kidney', shape: ellipsoid(c, [55, 26, 22], kidneyAxis(side)), material: tissue.kidney },
      { name: 'renal sinus fat', shape: ellipsoid([c[0] - side * 14, c[1] - 7, c[2]], [24, 9, 8], kidneyAxis(side)), material: tissue.visceralFat },
      { name: 'renal pelvis', shape: ellipsoid([c[0] - side * 17, c[1] - 8, c[2] - 4], [6, 5, 9]), material: tissue.urine },
    );
  }
  ops.push(...colonOps(s), ...smallBowelOps(s));
  return ops;
}

function colonOps(s: UpperAbdomenSpec): PaintOp[] {
  const d = s.rightDomeZ;
  const path: Vec3[] = [
    [-92, -15, d - 290],
    [-95, -22, d - 200],
    [-85, -48, d - 125],
    [-45, -95, d - 140],
    [5, -105, d - 150],
    [50, -92, d - 138],
    [88, -35, d - 92],
    [98, 5, d - 135],
    [97, 12, d - 290],
  ];
  const wall = intersect(tube(path, 22), ellipseLoft(s.cavity));
  return [
    { name: 'colon wall', shape: wall, material: tissue.bowelWall },
    { name: 'colon content', shape: intersect(tube(path, 19), ellipseLoft(s.cavity)), material: tissue.faeces },
  ];
}

function smallBowelOps(s: UpperAbdomenSpec): PaintOp[] {
  const d = s.rightDomeZ;
  const loops: Vec3[][] = [
    [[20, -75, d - 175], [55, -70, d - 185], [60, -40, d - 200], [25, -55, d - 215], [-10, -80, d - 225], [-40, -70, d - 250]],
    [[35, -95, d - 240], [70, -60, d - 250], [45, -30, d - 270], [10, -60, d - 285], [-30, -85, d - 300]],
  ];
  const ops: PaintOp[] = [];
  for (const loop of loops) {
    const t = intersect(tube(loop, 14), ellipseLoft(s.cavity));
    ops.push({ name: 'small bowel wall', shape: t, material: tissue.bowelWall }, { name: 'small bowel content', shape: intersect(tube(loop, 12), ellipseLoft(s.cavity)), material: tissue.smallBowel });
  }
  return ops;
}
