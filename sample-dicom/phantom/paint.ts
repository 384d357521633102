import type { VoxelGrid } from './grid';
import type { Material } from './material';
import type { Shape } from './shape';
import { valueNoise } from './texture';

/** One step of the painter's algorithm: later operations overwrite earlier ones. */
export interface PaintOp {
  /** What is painted, for debugging and the README. */
  readonly name: string;
  readonly shape: Shape;
  readonly material: Material;
  /** Label written with the material (lesions, cement); every painted voxel's label is reset otherwise. */
  readonly label?: number;
}

/** A leaf material a voxel ends up with: bone splits into its cortical and cancellous parts. */
type Leaf = Exclude<Material, { kind: 'bone' }>;

/**
 * The painting surface: one material index and one label per voxel. HU are computed once
 * at the end ({@link shade}), so textures are evaluated only for what stays visible.
 */
export class Canvas {
  readonly materialIds: Uint8Array;
  readonly labels: Uint8Array;
  private readonly leaves: Leaf[] = [];
  private readonly ids = new Map<Material, [number, number]>();

  constructor(readonly grid: VoxelGrid, background: Material) {
    const n = grid.columns * grid.rows * grid.slices;
    this.materialIds = new Uint8Array(n);
    this.labels = new Uint8Array(n);
    if (this.idsOf(background)[0] !== 0) throw new Error('the background must be a single material');
  }

  /** Leaf ids of a material: [outer (cortex), inner (cancellous)], equal unless bone. */
  idsOf(m: Material): [number, number] {
    let ids = this.ids.get(m);
    if (!ids) {
      ids = m.kind === 'bone'
        ? [this.leafId({ kind: 'solid', hu: m.cortexHu }), this.leafId(m.textureHu === 0 ? { kind: 'solid', hu: m.cancellousHu } : { kind: 'textured', hu: m.cancellousHu, amplitude: m.textureHu, scaleMm: 2.2, seed: 3 })]
        : [this.leafId(m), this.leafId(m)];
      this.ids.set(m, ids);
    }
    return ids;
  }

  leaf(id: number): Leaf {
    return this.leaves[id]!;
  }

  private leafId(m: Leaf): number {
    const key = JSON.stringify(m);
    const found = this.leaves.findIndex((l) => JSON.stringify(l) === key);
    if (found >= 0) return found;
    if (this.leaves.length === 256) throw new Error('more than 256 distinct materials');
    this.leaves.push(m);
    return this.leaves.length - 1;
  }
}

/** Voxels per block side in x/y; blocks far from a surface are skipped or filled whole. */
const BLOCK_XY = 8;
/** Sub-block side (voxels, in-plane) tested inside blocks that straddle a surface. */
const SUB = 4;

/**
 * Paints `op`: every voxel centre inside the shape's bounding box that is inside the shape
 * takes the material (bone: cortex within `cortexMm` of the surface, cancellous deeper).
 * The box is visited in blocks: a block whose centre is farther from the surface than
 * twice its half-diagonal (a margin for the approximate distances) is skipped, or filled
 * whole when inside; blocks near a surface are refined into 4 x 4 sub-blocks per slice the
 * same way, so only voxels within a few millimetres of a surface are tested one by one.
 */
export function paint(canvas: Canvas, op: PaintOp): void {
  const g = canvas.grid;
  const b = op.shape.bounds;
  const i0 = Math.max(0, Math.ceil((b.min[0] - g.x0) / g.colSpacing));
  const i1 = Math.min(g.columns - 1, Math.floor((b.max[0] - g.x0) / g.colSpacing));
  const j0 = Math.max(0, Math.ceil((b.min[1] - g.y0) / g.rowSpacing));
  const j1 = Math.min(g.rows - 1, Math.floor((b.max[1] - g.y0) / g.rowSpacing));
  const k0 = Math.max(0, Math.ceil((g.top - b.max[2]) / g.sliceSpacing));
  const k1 = Math.min(g.slices - 1, Math.floor((g.top - b.min[2]) / g.sliceSpacing));
  if (i0 > i1 || j0 > j1 || k0 > k1) return;
  const { materialIds, labels } = canvas;
  const label = op.label ?? 0;
  const [outer, inner] = canvas.idsOf(op.material);
  const cortex = op.material.kind === 'bone' ? op.material.cortexMm : 0;
  const shell = op.material.kind === 'bone' ? -cortex : -Infinity;
  const sdf = op.shape.sdf;
  if (op.shape.zInvariant && k1 > k0) {
    // Paint one slice, then copy its changes to the others.
    const plane = g.rows * g.columns;
    const before = materialIds.slice(k0 * plane, (k0 + 1) * plane);
    paint(canvas, { ...op, shape: { bounds: { min: [b.min[0], b.min[1], g.top - k0 * g.sliceSpacing], max: [b.max[0], b.max[1], g.top - k0 * g.sliceSpacing] }, sdf: op.shape.sdf } });
    const after = materialIds.subarray(k0 * plane, (k0 + 1) * plane);
    const changed: number[] = [];
    for (let p = 0; p < plane; p++) if (after[p] !== before[p] || labels[k0 * plane + p] !== label) changed.push(p);
    for (let k = k0 + 1; k <= k1; k++) {
      const base = k * plane;
      for (const p of changed) {
        materialIds[base + p] = after[p]!;
        labels[base + p] = label;
      }
    }
    return;
  }
  const bz = Math.max(1, Math.round(6 / g.sliceSpacing));
  const half = Math.hypot(((BLOCK_XY - 1) * g.colSpacing) / 2, ((BLOCK_XY - 1) * g.rowSpacing) / 2, ((bz - 1) * g.sliceSpacing) / 2);
  const margin = 2 * half + 1;
  const subMargin = 2 * Math.hypot(((SUB - 1) * g.colSpacing) / 2, ((SUB - 1) * g.rowSpacing) / 2) + 1;
  for (let kb = k0; kb <= k1; kb += bz) {
    const kEnd = Math.min(k1, kb + bz - 1);
    for (let jb = j0; jb <= j1; jb += BLOCK_XY) {
      const jEnd = Math.min(j1, jb + BLOCK_XY - 1);
      for (let ib = i0; ib <= i1; ib += BLOCK_XY) {
        const iEnd = Math.min(i1, ib + BLOCK_XY - 1);
        const dc = sdf(g.x0 + ((ib + iEnd) / 2) * g.colSpacing, g.y0 + ((jb + jEnd) / 2) * g.rowSpacing, g.top - ((kb + kEnd) / 2) * g.sliceSpacing);
        if (dc > margin) continue;
        if (dc < -(margin + cortex)) {
          for (let k = kb; k <= kEnd; k++) {
            for (let j = jb; j <= jEnd; j++) {
              const row = (k * g.rows + j) * g.columns;
              materialIds.fill(inner, row + ib, row + iEnd + 1);
              labels.fill(label, row + ib, row + iEnd + 1);
            }
          }
          continue;
        }
        // Near the surface: the same test on 4 x 4 in-plane sub-blocks of each slice.
        for (let k = kb; k <= kEnd; k++) {
          const z = g.top - k * g.sliceSpacing;
          for (let js = jb; js <= jEnd; js += SUB) {
            const jsEnd = Math.min(jEnd, js + SUB - 1);
            for (let is = ib; is <= iEnd; is += SUB) {
              const isEnd = Math.min(iEnd, is + SUB - 1);
              const ds = sdf(g.x0 + ((is + isEnd) / 2) * g.colSpacing, g.y0 + ((js + jsEnd) / 2) * g.rowSpacing, z);
              if (ds > subMargin) continue;
              if (ds < -(subMargin + cortex)) {
                for (let j = js; j <= jsEnd; j++) {
                  const row = (k * g.rows + j) * g.columns;
                  materialIds.fill(inner, row + is, row + isEnd + 1);
                  labels.fill(label, row + is, row + isEnd + 1);
                }
                continue;
              }
              for (let j = js; j <= jsEnd; j++) {
                const y = g.y0 + j * g.rowSpacing;
                const row = (k * g.rows + j) * g.columns;
                for (let i = is; i <= isEnd; i++) {
                  const d = sdf(g.x0 + i * g.colSpacing, y, z);
                  if (!(d < 0)) continue;
                  materialIds[row + i] = d > shell ? outer : inner;
                  labels[row + i] = label;
                }
              }
            }
          }
        }
      }
    }
  }
}

/** The HU volume of a painted canvas: each voxel's material evaluated at its centre. */
export function shade(canvas: Canvas): Float32Array {
  const g = canvas.grid;
  const hu = new Float32Array(canvas.materialIds.length);
  const ids = canvas.materialIds;
  for (let k = 0; k < g.slices; k++) {
    const z = g.top - k * g.sliceSpacing;
    for (let j = 0; j < g.rows; j++) {
      const y = g.y0 + j * g.rowSpacing;
      const row = (k * g.rows + j) * g.columns;
      for (let i = 0; i < g.columns; i++) {
        const m = canvas.leaf(ids[row + i]!);
        hu[row + i] = m.kind === 'solid' ? m.hu : leafHu(m, g.x0 + i * g.colSpacing, y, z);
      }
    }
  }
  return hu;
}

function leafHu(m: Leaf, x: number, y: number, z: number): number {
  switch (m.kind) {
    case 'solid':
      return m.hu;
    case 'textured':
      return m.hu + m.amplitude * valueNoise(x, y, z, m.scaleMm, m.seed);
    case 'mottled': {
      // Two octaves on rotated axes, so gas bubbles are not aligned with the noise lattice.
      const u = 0.8 * x + 0.6 * y, v = 0.8 * y - 0.6 * x;
      const n = (0.65 * valueNoise(u, v, z, m.scaleMm, m.seed) + 0.35 * valueNoise(v, z, u, m.scaleMm * 0.45, m.seed + 1)) * 0.5 + 0.5;
      return n < m.gasFraction ? -1000 : m.hu + 40 * (n - 0.5);
    }
  }
}
