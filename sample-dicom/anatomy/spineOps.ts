import type { Vec3 } from '../../src/shared/vec3';
import { intersect, inset } from '../phantom/combine';
import { textured } from '../phantom/material';
import type { PaintOp } from '../phantom/paint';
import { ellipsoid, halfSpace, roundedBox } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import type { Rng } from '../phantom/rng';
import { canalContents } from './spineColumn';
import { boneOf, tissue, type BoneDensity } from './tissue';
import { vertebraPoints, vertebraShape, vertebralBody, type VertebraSpec } from './vertebra';

export interface SpineOptions {
  density: BoneDensity;
  /** Cord ends (conus) below this z; the sac continues. */
  conusZ: number;
  /** Extra length of the canal beyond the first and last level (mm). */
  canalExtend: number;
  /** Bone spurs at the endplate rims (elderly). */
  osteophytes?: Rng;
}

export const VERTEBRA_CORTEX_MM = 2;

/** Disc between two stacked bodies: their footprint plus a slight bulge, flat behind. */
export function discShape(above: VertebraSpec, below: VertebraSpec): Shape {
  const pa = vertebraPoints(above);
  const pb = vertebraPoints(below);
  const top = above.centre[2] - Math.min(pa.halfHeights.anterior, pa.halfHeights.posterior, pa.halfHeights.central);
  const bottom = below.centre[2] + Math.min(pb.halfHeights.anterior, pb.halfHeights.posterior, pb.halfHeights.central);
  const cx = (above.centre[0] + below.centre[0]) / 2;
  const cy = (above.centre[1] + below.centre[1]) / 2;
  const rx = (above.size.width + below.size.width) / 4 + 1.2;
  const ry = (above.size.depth + below.size.depth) / 4 + 1.2;
  const wall = Math.max(pa.posteriorWallY, pb.posteriorWallY) + 1.2;
  const disc = ellipsoid([cx, cy, (top + bottom) / 2], [rx, ry, Math.max(2, (top - bottom) / 2) + 6]);
  const slab = roundedBox([cx, cy, (top + bottom) / 2], [rx + 2, ry + 2, Math.max(1, (top - bottom) / 2)]);
  return intersect(intersect(disc, slab), halfSpace([0, 1, 0], wall));
}

/** Canal fat, discs, bony vertebrae, thecal sac and cord of a column listed top to bottom. */
export function spineOps(column: readonly VertebraSpec[], o: SpineOptions): PaintOp[] {
  const canal = canalContents(column, o.canalExtend, o.conusZ);
  const ops: PaintOp[] = [{ name: 'epidural fat', shape: canal.epidural, material: tissue.fat }];
  for (let i = 0; i + 1 < column.length; i++) {
    ops.push({ name: `disc ${column[i]!.name}-${column[i + 1]!.name}`, shape: discShape(column[i]!, column[i + 1]!), material: tissue.disc });
  }
  for (const v of column) {
    ops.push({ name: `vertebra ${v.name}`, shape: vertebraShape(v), material: boneOf(o.density, VERTEBRA_CORTEX_MM) });
    if (o.osteophytes) ops.push(...osteophyteOps(v, o.density, o.osteophytes));
  }
  ops.push({ name: 'thecal sac', shape: canal.sac, material: tissue.csf });
  if (canal.cord) ops.push({ name: 'spinal cord', shape: canal.cord, material: tissue.cord });
  return ops;
}

/**
 * A compression fracture's sclerotic band: compacted trabeculae under the depressed
 * superior endplate, denser than the rest of the body.
 */
export function condensationBandOp(v: VertebraSpec, hu: number): PaintOp {
  const p = vertebraPoints(v);
  const top = v.centre[2] + p.halfHeights.central;
  const band = roundedBox([v.centre[0], v.centre[1], top - 4.5], [v.size.width / 2, v.size.depth / 2, 2.2]);
  return { name: `condensation band ${v.name}`, shape: intersect(inset(vertebralBody(v), VERTEBRA_CORTEX_MM), band), material: textured(hu, 40, 2, 31) };
}

function osteophyteOps(v: VertebraSpec, d: BoneDensity, rng: Rng): PaintOp[] {
  const p = vertebraPoints(v);
  const ops: PaintOp[] = [];
  for (const end of [1, -1]) {
    for (const side of [-1, 1]) {
      if (rng.next() < 0.35) continue;
      const a = 0.5 + rng.next() * 0.9;
      const h = end > 0 ? p.halfHeights.anterior : p.halfHeights.anterior;
      const c: Vec3 = [v.centre[0] + side * Math.sin(a) * v.size.width * 0.5, v.centre[1] - Math.cos(a) * v.size.depth * 0.5, v.centre[2] + end * (h - 0.5)];
      const size = 2 + rng.next() * 2.5;
      ops.push({ name: `osteophyte ${v.name}`, shape: ellipsoid(c, [size + 1, size, size * 0.8]), material: boneOf(d, 1.2) });
    }
  }
  return ops;
}
