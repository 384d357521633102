import type { Vec3 } from '../../src/shared/vec3';
import { intersect, union } from '../phantom/combine';
import { curveLoft, ellipseLoft, shrinkKeys, type EllipseKey } from '../phantom/lofts';
import type { PaintOp } from '../phantom/paint';
import { halfSpace } from '../phantom/primitives';
import { solid } from '../phantom/material';
import { tissue } from './tissue';

/** The body's outer surface as keyframes, with subcutaneous fat and muscle-wall thickness per keyframe. */
export interface BodyWallSpec {
  outline: EllipseKey[];
  /** Subcutaneous fat: lateral, anterior and posterior thickness (mm). */
  fat: { lat: number; ant: number; post: number };
  /** Muscle wall (abdominal/chest wall) thickness (mm). */
  muscle: { lat: number; ant: number; post: number };
  /** y of the table top: the body's back is flattened against it. */
  tableY: number;
  /** Outlines of limbs joined to the trunk (thighs), each with the same fat and muscle layers. */
  limbs?: EllipseKey[][];
  /** Fill the whole inside of the muscle wall with visceral fat (trunk); false when the caller paints its own cavity. */
  fillCavity?: boolean;
}

const SKIN = 2;

export const cavityKeys = (s: BodyWallSpec): EllipseKey[] =>
  shrinkKeys(s.outline, SKIN + s.fat.lat + s.muscle.lat, SKIN + s.fat.ant + s.muscle.ant, SKIN + s.fat.post + s.muscle.post);

/**
 * Skin, subcutaneous fat, muscle wall and the visceral-fat cavity inside it, flattened
 * at the back where the patient lies on the table; and the table itself.
 */
export function bodyWallOps(s: BodyWallSpec): PaintOp[] {
  const layer = (lat: number, ant: number, post: number) =>
    union(...[s.outline, ...(s.limbs ?? [])].map((keys) => ellipseLoft(shrinkKeys(keys, lat, ant, post))));
  const outline = intersect(layer(0, 0, 0), halfSpace([0, 1, 0], s.tableY - 0.5));
  return [
    ...tableOps(s.tableY, s.outline[0]!.z - 400, s.outline[s.outline.length - 1]!.z + 400),
    { name: 'skin', shape: outline, material: tissue.skin },
    { name: 'subcutaneous fat', shape: intersect(layer(SKIN, SKIN, SKIN), halfSpace([0, 1, 0], s.tableY - SKIN)), material: tissue.fat },
    {
      name: 'muscle wall',
      shape: intersect(layer(SKIN + s.fat.lat, SKIN + s.fat.ant, SKIN + s.fat.post), halfSpace([0, 1, 0], s.tableY - SKIN - s.fat.post * 0.6)),
      material: tissue.muscle,
    },
    ...(s.fillCavity === false ? [] : [{ name: 'visceral fat', shape: ellipseLoft(cavityKeys(s)), material: tissue.visceralFat }]),
  ];
}

/**
 * Where a ray from `from` (inside the body) along `dir` leaves the skin: the last point
 * inside the outline, found in 0.25 mm steps. Used to start needle tracks at the skin.
 */
export function skinExit(s: BodyWallSpec, from: Vec3, dir: Vec3): Vec3 {
  const outline = union(...[s.outline, ...(s.limbs ?? [])].map((keys) => ellipseLoft(keys)));
  const n = Math.hypot(dir[0], dir[1], dir[2]);
  const at = (t: number): Vec3 => [from[0] + (dir[0] / n) * t, from[1] + (dir[1] / n) * t, from[2] + (dir[2] / n) * t];
  let t = 0;
  while (t < 500 && outline.sdf(...at(t + 0.25)) < 0 && at(t + 0.25)[1] < s.tableY - 0.5) t += 0.25;
  return at(t);
}

/** A carbon-fibre cradle: two thin curved shells over a foam core, under the patient. */
export function tableOps(topY: number, z0: number, z1: number): PaintOp[] {
  const curve = (dy: number, w: number) => {
    const pts: [number, number][] = [[-230, topY + 22 + dy], [-150, topY + 6 + dy], [0, topY + dy], [150, topY + 6 + dy], [230, topY + 22 + dy]];
    const key = (z: number) => ({ z, pts, w: pts.map(() => w) });
    return curveLoft([key(z0), key(z1)], 6);
  };
  return [
    { name: 'table foam core', shape: curve(14, 13), material: solid(-930) },
    { name: 'table top shell', shape: curve(2, 1.2), material: solid(250) },
    { name: 'table bottom shell', shape: curve(27, 1.2), material: solid(250) },
    { name: 'table pad', shape: curve(-1.5, 0.6), material: solid(-200) },
  ];
}
