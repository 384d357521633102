import type { Vec3 } from '../../src/shared/vec3';
import type { PaintOp } from '../phantom/paint';
import { ellipsoid, tube } from '../phantom/primitives';
import type { Rng } from '../phantom/rng';
import { tissue } from './tissue';

export interface TrunkVesselSpec {
  spineY: (z: number) => number;
  zTop: number;
  zBottom: number;
  /** Aortic hiatus (T12). */
  hiatusZ: number;
  renalHilumZ: number;
  /** Calcified plaques in the abdominal aorta (elderly); undefined for none. */
  plaques?: Rng;
}

/** Points along the aorta from the top of the field down: left of the spine, then in front of it. */
export function aortaPath(s: TrunkVesselSpec): Vec3[] {
  const y = s.spineY;
  const h = s.hiatusZ;
  return [
    [24, y(s.zTop) - 14, s.zTop + 20],
    [24, y(h + 80) - 18, h + 80],
    [17, y(h + 30) - 24, h + 30],
    [9, y(h) - 31, h],
    [7, y(h - 60) - 33, h - 60],
    [8, y(s.zBottom) - 33, s.zBottom - 20],
  ];
}

/** Descending and abdominal aorta, IVC, azygos, oesophagus and the visceral and renal branches. */
export function trunkVesselOps(s: TrunkVesselSpec): PaintOp[] {
  const y = s.spineY;
  const h = s.hiatusZ;
  const hr = s.renalHilumZ;
  const aorta = aortaPath(s);
  const ops: PaintOp[] = [
    { name: 'aorta', shape: tube(aorta, [14, 14, 13, 12, 11.5, 11]), material: tissue.blood },
    {
      name: 'inferior vena cava',
      shape: tube([[-22, y(s.zBottom) - 27, s.zBottom - 20], [-25, y(hr) - 29, hr], [-30, y(h + 20) - 36, h + 20], [-18, y(h + 70) - 58, h + 70]], [11, 12, 13, 14]),
      material: tissue.blood,
    },
    { name: 'azygos vein', shape: tube([[-9, y(hr) - 14, hr], [-10, y(s.zTop) - 15, s.zTop + 20]], 4), material: tissue.blood },
    { name: 'hemiazygos vein', shape: tube([[12, y(hr) - 10, hr + 20], [14, y(h + 70) - 10, h + 70]], 3), material: tissue.blood },
    {
      name: 'oesophagus',
      shape: tube([[3, y(s.zTop) - 32, s.zTop + 20], [9, y(h + 60) - 36, h + 60], [28, y(h + 35) - 48, h + 35], [45, y(h + 30) - 60, h + 25]], 8),
      material: tissue.bowelWall,
    },
    { name: 'oesophageal lumen air', shape: tube([[3, y(s.zTop) - 32, s.zTop + 20], [9, y(h + 60) - 36, h + 60]], 1.6), material: tissue.air },
    { name: 'coeliac trunk', shape: tube([[8, y(hr + 48) - 42, hr + 48], [10, y(hr + 52) - 62, hr + 52]], 3.5), material: tissue.blood },
    { name: 'superior mesenteric artery', shape: tube([[8, y(hr + 28) - 42, hr + 28], [8, y(hr + 20) - 60, hr + 15], [6, y(hr - 40) - 65, hr - 50]], 3.5), material: tissue.blood },
    { name: 'superior mesenteric vein', shape: tube([[-8, y(hr + 20) - 64, hr + 15], [-10, y(hr - 40) - 68, hr - 50]], 5), material: tissue.blood },
    { name: 'left renal vein', shape: tube([[56, y(hr + 15) + 22, hr + 15], [20, y(hr + 10) - 40, hr + 10], [-20, y(hr + 5) - 30, hr + 5]], 5), material: tissue.blood },
    { name: 'renal arteries', shape: tube([[-58, y(hr) + 26, hr - 3], [8, y(hr + 2) - 25, hr + 2], [58, y(hr + 17) + 24, hr + 14]], 3), material: tissue.blood },
  ];
  if (s.plaques) {
    for (let i = 0; i < 9; i++) {
      const z = s.zBottom + s.plaques.range(0, h - s.zBottom);
      const a = s.plaques.range(0, 2 * Math.PI);
      const c: Vec3 = [7.5 + 10.5 * Math.cos(a), y(z) - 33 + 10.5 * Math.sin(a), z];
      ops.push({ name: 'aortic plaque', shape: ellipsoid(c, [2, 2, 3.5]), material: tissue.plaque });
    }
  }
  return ops;
}
