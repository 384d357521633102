import type { Vec3 } from '../../src/shared/vec3';
import { basisAlong } from '../phantom/basis';
import { intersect, mirrorX, union } from '../phantom/combine';
import { ellipseAt, ellipseLoft, type EllipseKey } from '../phantom/lofts';
import { textured } from '../phantom/material';
import type { PaintOp } from '../phantom/paint';
import { ellipsoid, halfSpace, roundedBox, tube } from '../phantom/primitives';
import type { Rng } from '../phantom/rng';
import { boneOf, tissue, type BoneDensity } from './tissue';
import { vertebraPoints, type VertebraSpec } from './vertebra';

export interface ThoraxSpec {
  /** Thoracic vertebrae that carry ribs, top to bottom. */
  ribLevels: readonly VertebraSpec[];
  /** Inner surface of the chest and abdominal wall. */
  cavity: readonly EllipseKey[];
  density: BoneDensity;
  /** z below which there is no lung at all (deepest posterior recess). */
  lungBottomZ: number;
  lungTopZ: number;
  /** Lower end of the sternal body (xiphisternal joint). */
  xiphisternumZ: number;
  heartCentre: Vec3;
  /** Body-centre y of the spine at height z. */
  spineY: (z: number) => number;
  rng: Rng;
}

const deg = Math.PI / 180;

/** Lungs with vessels, mediastinal fat and heart (before the spine and organs are painted). */
export function chestContentOps(s: ThoraxSpec): PaintOp[] {
  const cavity = ellipseLoft(s.cavity);
  const lungKeys = (side: number): EllipseKey[] =>
    [s.lungBottomZ, s.lungTopZ].map((z) => ({ z, cx: side * 70, cy: -8, rx: 74, ant: 105, post: 92 }));
  // Each lung stops short of the midline: the posterior mediastinum runs down to the diaphragm.
  const right = intersect(intersect(ellipseLoft(lungKeys(-1)), cavity), halfSpace([1, 0, 0], -10));
  const left = intersect(intersect(ellipseLoft(lungKeys(1)), cavity), halfSpace([-1, 0, 0], -10));
  const ops: PaintOp[] = [
    { name: 'right lung', shape: right, material: tissue.lung },
    { name: 'left lung', shape: left, material: tissue.lung },
  ];
  for (const [side, lung] of [[-1, right], [1, left]] as const) {
    const hilum: Vec3 = [side * 48, -5, s.heartCentre[2] - 5];
    for (let n = 0; n < 220; n++) {
      const az = s.rng.range(0, 2 * Math.PI);
      const el = s.rng.range(-1.1, 1.1);
      const dir: Vec3 = [Math.cos(el) * Math.cos(az) * 0.8 + side * 0.45, Math.cos(el) * Math.sin(az), Math.sin(el)];
      const r0 = s.rng.range(8, 70);
      const len = s.rng.range(12, 30);
      const a: Vec3 = [hilum[0] + dir[0] * r0, hilum[1] + dir[1] * r0, hilum[2] + dir[2] * r0 * 1.4];
      const b: Vec3 = [a[0] + dir[0] * len, a[1] + dir[1] * len, a[2] + dir[2] * len * 1.4];
      const radius = Math.max(0.6, 2.8 - r0 / 30);
      ops.push({ name: 'lung vessel', shape: intersect(tube([a, b], [radius, radius * 0.6]), lung), material: tissue.blood });
    }
  }
  const mediastinum = intersect(ellipseLoft([s.xiphisternumZ - 15, s.lungTopZ].map((z) => ({ z, cx: 0, cy: -45, rx: 38, ant: 90, post: 60 }))), cavity);
  // Posterior mediastinum (aorta, oesophagus, azygos) continues down to the diaphragm.
  const posteriorMediastinum = ellipseLoft([s.lungBottomZ, s.lungTopZ].map((z) => ({ z, cx: 8, cy: s.spineY(z) - 24, rx: 28, ant: 22, post: 16 })));
  const heartAxis = basisAlong([0.55, -0.45, -0.7], [0, 0, 1]);
  ops.push(
    { name: 'mediastinal fat', shape: mediastinum, material: tissue.visceralFat },
    { name: 'posterior mediastinal fat', shape: posteriorMediastinum, material: tissue.visceralFat },
    { name: 'pericardial fat', shape: intersect(ellipsoid(s.heartCentre, [72, 58, 58], heartAxis), cavity), material: tissue.visceralFat },
    { name: 'heart', shape: intersect(ellipsoid(s.heartCentre, [64, 50, 47], heartAxis), cavity), material: tissue.heart },
  );
  // Coronary calcification along the anterior interventricular groove (an 81-year-old).
  for (let i = 0; i < 4; i++) {
    const c: Vec3 = [s.heartCentre[0] - 8 + i * 6, s.heartCentre[1] - 44 + i * 2, s.heartCentre[2] + 20 - i * 9];
    ops.push({ name: 'coronary calcification', shape: ellipsoid(c, [1.6, 1.6, 2.2]), material: tissue.plaque });
  }
  return ops;
}

/** Ribs with costal cartilages and the sternum, painted after muscles and lungs. */
export function ribCageOps(s: ThoraxSpec): PaintOp[] {
  const ops: PaintOp[] = [];
  const ribBone = boneOf(s.density, 1.4);
  const cartilage = textured(140, 70, 3, 33);
  const front = ellipseAt(s.cavity, s.xiphisternumZ);
  const sternumY = front.cy - front.ant - 3;
  for (const v of s.ribLevels) {
    const level = Number(v.name.slice(1));
    const { rib, cartilagePath } = ribPath(v, s.cavity, level);
    const ribShape = union(tube(rib, 3.6), tube(rib.map((p) => [p[0], p[1], p[2] - 3.5] as Vec3), 3.3));
    ops.push({ name: `left rib ${level}`, shape: ribShape, material: ribBone }, { name: `right rib ${level}`, shape: mirrorX(ribShape), material: ribBone });
    if (cartilagePath) {
      const c = tube(cartilagePath, 3.4);
      ops.push({ name: `costal cartilage ${level}`, shape: union(c, mirrorX(c)), material: cartilage });
    }
  }
  const sternumTop = s.xiphisternumZ + 150;
  ops.push(
    { name: 'sternum', shape: roundedBox([0, sternumY, (s.xiphisternumZ + sternumTop) / 2], [11, 3, (sternumTop - s.xiphisternumZ) / 2], 4), material: boneOf(s.density, 1.6) },
    { name: 'xiphoid', shape: tube([[0, sternumY, s.xiphisternumZ], [0, sternumY - 2, s.xiphisternumZ - 30]], [5, 3]), material: cartilage },
  );
  return ops;
}

/**
 * A left rib: head at the body, tubercle at the transverse process, then round the inner
 * chest wall, descending as it goes forward; and the costal cartilage beyond its end.
 */
function ribPath(v: VertebraSpec, cavity: readonly EllipseKey[], level: number): { rib: Vec3[]; cartilagePath?: Vec3[] } {
  const p = vertebraPoints(v);
  const head = p.ribHeadLeft;
  const tubercle: Vec3 = [p.transverseTipLeft[0] - 1, p.transverseTipLeft[1] + 4, p.transverseTipLeft[2] - 1];
  const e = ellipseAt(cavity, head[2]);
  const endDeg = level <= 7 ? -78 : level === 8 ? -70 : level === 9 ? -60 : level === 10 ? -45 : level === 11 ? -5 : 30;
  const drop = level <= 8 ? 72 : level === 9 ? 62 : level === 10 ? 48 : level === 11 ? 26 : 12;
  const angles = [62, 40, 18, -5, -28, -50, -68, -82].filter((a) => a > endDeg);
  angles.push(endDeg);
  const a0 = angles[0]!;
  const at = (phi: number, out: number): Vec3 => {
    const s = Math.pow((a0 - phi) / (a0 - endDeg), 1.25);
    const sin = Math.sin(phi * deg);
    return [e.cx + (e.rx + out) * Math.cos(phi * deg), e.cy + (sin > 0 ? e.post + out : e.ant + out) * sin, head[2] - 4 - drop * s];
  };
  const rib: Vec3[] = [head, tubercle, ...angles.map((a) => at(a, 5))];
  if (level > 10) return { rib };
  const end = rib[rib.length - 1]!;
  const target: Vec3 = level <= 7 ? [14, e.cy - e.ant - 2, end[2] - 6] : [30 + (level - 8) * 14, e.cy - e.ant + 8 + (level - 8) * 10, end[2] + 14];
  return { rib, cartilagePath: [end, [(end[0] + target[0]) / 2 + 6, (end[1] + target[1]) / 2 - 3, (end[2] + target[2]) / 2], target] };
}

