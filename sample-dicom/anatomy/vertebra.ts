import type { Vec3 } from '../../src/shared/vec3';
import { basisAlong } from '../phantom/basis';
import { smoothUnion } from '../phantom/combine';
import { ellipse2, roundedBox, tube } from '../phantom/primitives';
import { extrude, type Shape } from '../phantom/shape';

/** Nominal size of one vertebra, in mm (adult male averages; scaled per patient). */
export interface VertebraSize {
  width: number;
  depth: number;
  height: number;
  canalWidth: number;
  canalDepth: number;
  pedicleWidth: number;
  pedicleHeight: number;
}

/** Fractions of the nominal body height left at the anterior wall, posterior wall and centre. */
export interface Collapse {
  anterior: number;
  posterior: number;
  central: number;
}

/** One vertebra placed in the body frame. */
export interface VertebraSpec {
  name: string;
  region: 'thoracic' | 'lumbar';
  size: VertebraSize;
  /** Body centre. */
  centre: Vec3;
  collapse: Collapse;
  /** Vertical room for the posterior elements (body plus half of each adjacent disc). */
  segmentHeight: number;
}

/** Points the study needs for landmarks, ribs and the canal. */
export interface VertebraPoints {
  bodyCentre: Vec3;
  /** Body half-heights actually present at the anterior and posterior walls and centre. */
  halfHeights: { anterior: number; posterior: number; central: number };
  pedicleLeft: Vec3;
  pedicleRight: Vec3;
  pedicleHalfHeight: number;
  canalCentre: Vec3;
  /** Posterior wall of the body (y) and the front of the laminae (y). */
  posteriorWallY: number;
  laminaFrontY: number;
  transverseTipLeft: Vec3;
  transverseTipRight: Vec3;
  /** Upper-posterolateral corner where the rib head articulates (left side). */
  ribHeadLeft: Vec3;
}

const clamp01 = (t: number) => (t < 0 ? 0 : t > 1 ? 1 : t);

/** Fraction of the body's depth at which the flat posterior wall cuts the ellipse. */
const POSTERIOR_FLAT = 0.8;

export function vertebraPoints(v: VertebraSpec): VertebraPoints {
  const s = v.size;
  const [cx, cy, cz] = v.centre;
  const ry = s.depth / 2;
  const h = s.height;
  const wall = cy + ry * POSTERIOR_FLAT;
  const pedHalfH = Math.min(s.pedicleHeight / 2, v.segmentHeight / 2 - 1.5);
  const px = s.canalWidth / 2 + s.pedicleWidth / 2;
  const pedLen = v.region === 'thoracic' ? 9 : 11;
  // Pedicles sit at the upper part of an intact body; a collapsed one keeps them mid-height.
  const zp = cz + Math.min(0.12 * h, Math.max(0, v.collapse.posterior * h / 2 - pedHalfH));
  const pedY = wall + pedLen / 2 - 1;
  const laminaFrontY = wall + s.canalDepth;
  const tpLen = v.region === 'thoracic' ? 26 : 30 + (s.width - 40) * 0.8;
  const tpDir: Vec3 = v.region === 'thoracic' ? [Math.cos(0.6), Math.sin(0.6), 0.1] : [1, 0.12, 0];
  const tpBase: Vec3 = [cx + px + 2, wall + pedLen - 1, zp];
  const n = Math.hypot(...tpDir);
  return {
    bodyCentre: v.centre,
    halfHeights: {
      anterior: (v.collapse.anterior * h) / 2,
      posterior: (v.collapse.posterior * h) / 2,
      central: (v.collapse.central * h) / 2,
    },
    pedicleLeft: [cx + px, pedY, zp],
    pedicleRight: [cx - px, pedY, zp],
    pedicleHalfHeight: pedHalfH,
    canalCentre: [cx, wall + s.canalDepth / 2, zp],
    posteriorWallY: wall,
    laminaFrontY,
    transverseTipLeft: [tpBase[0] + (tpLen * tpDir[0]) / n, tpBase[1] + (tpLen * tpDir[1]) / n, tpBase[2] + (tpLen * tpDir[2]) / n],
    transverseTipRight: [-(tpBase[0] + (tpLen * tpDir[0]) / n) + 2 * cx, tpBase[1] + (tpLen * tpDir[1]) / n, tpBase[2] + (tpLen * tpDir[2]) / n],
    ribHeadLeft: [cx + s.width / 2 - 1, wall - 4, cz + (v.collapse.posterior * h) / 2],
  };
}

/**
 * The vertebral body: an elliptic cylinder with a flat posterior wall, a slight waist,
 * endplates tilted by a wedge collapse and depressed centrally by a biconcave one.
 */
export function vertebralBody(v: VertebraSpec, grow = 0): Shape {
  const s = v.size;
  const [cx, cy, cz] = v.centre;
  const rx = s.width / 2 + grow;
  const ry = s.depth / 2 + grow;
  const hA = (v.collapse.anterior * s.height) / 2 + grow;
  const hP = (v.collapse.posterior * s.height) / 2 + grow;
  const hC = (v.collapse.central * s.height) / 2 + grow;
  const flat = ry * POSTERIOR_FLAT + grow;
  const hMax = Math.max(hA, hP, hC);
  return {
    bounds: { min: [cx - rx, cy - ry, cz - hMax], max: [cx + rx, cy + flat, cz + hMax] },
    sdf(x, y, z) {
      const lx = x - cx, ly = y - cy, lz = z - cz;
      const edge = hA + (hP - hA) * clamp01((ly + ry) / (2 * ry));
      const r2 = (lx / rx) ** 2 + (ly / ry) ** 2;
      const half = Math.max(0.5, edge - (edge - hC) * Math.max(0, 1 - r2));
      const waist = 1 - 0.06 * Math.max(0, 1 - (lz / half) ** 2);
      const d2 = Math.max(ellipse2(lx, ly, rx * waist, ry * waist), ly - flat);
      return extrude(d2, Math.abs(lz) - half);
    },
  };
}

/** Pedicles, laminae, spinous, transverse and articular processes. */
export function posteriorElements(v: VertebraSpec): Shape {
  const s = v.size;
  const p = vertebraPoints(v);
  const cx = v.centre[0];
  const thoracic = v.region === 'thoracic';
  const pedLen = thoracic ? 9 : 11;
  const pedHalfW = s.pedicleWidth / 2;
  const room = v.segmentHeight / 2;
  const parts: Shape[] = [];
  for (const side of [1, -1]) {
    const ped = side > 0 ? p.pedicleLeft : p.pedicleRight;
    const r = Math.min(pedHalfW, p.pedicleHalfHeight) * 0.7;
    parts.push(roundedBox(ped, [pedHalfW - r, pedLen / 2 + 1, p.pedicleHalfHeight - r], r));
    // Lamina: from the back of the pedicle to the midline behind the canal.
    const from: Vec3 = [ped[0], p.laminaFrontY - 2, ped[2]];
    const to: Vec3 = [cx, p.laminaFrontY + (thoracic ? 5 : 6), ped[2] - 2];
    const lamHalfH = Math.min(thoracic ? 9 : 11, room - 1);
    const mid: Vec3 = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2, (from[2] + to[2]) / 2];
    const len = Math.hypot(to[0] - from[0], to[1] - from[1], to[2] - from[2]);
    parts.push(roundedBox(mid, [len / 2, 1.5, lamHalfH - 1.5], 1.5, basisAlong([to[0] - from[0], to[1] - from[1], to[2] - from[2]], [0, 0, 1])));
    // Transverse process.
    const tip = side > 0 ? p.transverseTipLeft : p.transverseTipRight;
    const base: Vec3 = [ped[0] + side * 2, p.laminaFrontY - 3, ped[2]];
    parts.push(tube([base, tip], thoracic ? [5, 4.5] : [5, 3.5]));
    if (!thoracic) parts.push(roundedBox([(base[0] + tip[0]) / 2, (base[1] + tip[1]) / 2, base[2]], [Math.abs(tip[0] - base[0]) / 2, 2, 4], 1.5));
    // Articular processes: the superior one in front of/lateral to the inferior one of the level above.
    const facetX = ped[0] + side * (thoracic ? 0 : 2.5);
    const sapTop = Math.min(room - 0.5, thoracic ? 8 : 10);
    parts.push(roundedBox([facetX, p.laminaFrontY - 1, ped[2] + sapTop / 2 + 2], [thoracic ? 3 : 1.5, thoracic ? 0.5 : 2.5, sapTop / 2], 2.5));
    const iapX = ped[0] - side * (thoracic ? 0 : 2.5);
    parts.push(roundedBox([iapX, p.laminaFrontY + (thoracic ? 3.5 : 4), ped[2] - room + 3], [thoracic ? 3 : 1.5, thoracic ? 0.3 : 1.7, Math.min(7, room - 2) - 1.5], 2.5));
  }
  // Spinous process: long and steep in the mid-thorax, short and horizontal in the lumbar spine.
  const level = Number(v.name.slice(1));
  const angle = thoracic ? (level <= 9 ? 0.95 : 0.65) : 0.15;
  const spLen = thoracic ? 38 : 30;
  const start: Vec3 = [cx, p.laminaFrontY + 4, p.canalCentre[2] - 2];
  const dir: Vec3 = [0, Math.cos(angle), -Math.sin(angle)];
  const spHalfH = thoracic ? 4 : Math.min(10, room - 2);
  parts.push(roundedBox([cx, start[1] + (dir[1] * spLen) / 2, start[2] + (dir[2] * spLen) / 2], [spLen / 2, 2, spHalfH - 1], 1.5, basisAlong(dir, [1, 0, 0])));
  parts.push(tube([[cx, start[1] + dir[1] * spLen, start[2] + dir[2] * spLen], [cx, start[1] + dir[1] * spLen, start[2] + dir[2] * spLen - 1]], 4));
  return smoothUnion(2.5, ...parts);
}

/** The whole bony vertebra (body and posterior elements), for a single cortical shell. */
export function vertebraShape(v: VertebraSpec): Shape {
  const p = vertebraPoints(v);
  // A short bridge joins body and pedicles so the cortex runs continuously round the junction.
  return smoothUnion(2, vertebralBody(v), posteriorElements(v), tube([[p.pedicleLeft[0] - 1, p.posteriorWallY - 4, p.pedicleLeft[2]], p.pedicleLeft], p.pedicleHalfHeight * 0.8), tube([[p.pedicleRight[0] + 1, p.posteriorWallY - 4, p.pedicleRight[2]], p.pedicleRight], p.pedicleHalfHeight * 0.8));
}
