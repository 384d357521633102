import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { Vec3 } from '../../shared/vec3';

/** An axis-aligned box in patient (LPS) millimetres. */
export interface WorldBox {
  readonly min: Vec3;
  readonly max: Vec3;
}

/** One slice's HU values (row-major, `dimensions[0]` per row), or undefined when not loaded. */
export type SliceReader = (k: number) => ArrayLike<number> | undefined;

/** How the body is told from air and the table. */
export interface BodyBoundsOptions {
  /** Voxels above this are tissue (fat is about −100 HU; air and the table's foam core are far below). */
  readonly thresholdHu: number;
  /** Grid step within a slice, in voxels: the search reads every `inPlaneStep`-th voxel. */
  readonly inPlaneStep: number;
  /** Every `sliceStep`-th slice is read. */
  readonly sliceStep: number;
  /**
   * Radius (mm) of the opening that cuts thin things off the body: the table's shells and pad
   * (a few mm thick) touch the patient's back, a connected region alone would take them in.
   */
  readonly openingMm: number;
}

/** ~−500 HU, every 2nd voxel in-plane, every 4th slice, a 6 mm opening: about 6.5 M reads on 512×512×400. */
export const BODY_BOUNDS_DEFAULTS: BodyBoundsOptions = { thresholdHu: -500, inPlaneStep: 2, sliceStep: 4, openingMm: 6 };

/**
 * The box around the body in a CT volume, table and field-of-view edge left out, or undefined
 * when nothing is above the threshold. The slices are folded into one in-plane mask (a voxel
 * counts when any read slice has tissue there: the body is where the body ever is); that mask
 * is eroded by `openingMm`, its largest 4-connected region kept (the trunk; the table's shells
 * and anything thin disappear) and the region's box grown back by the same amount. The slice
 * range is where that in-plane box holds tissue. The box's corners go to LPS through the grid.
 */
export function bodyBounds(volume: VolumeGeometry, sliceAt: SliceReader, options: BodyBoundsOptions = BODY_BOUNDS_DEFAULTS): WorldBox | undefined {
  const [nx, ny, nz] = volume.dimensions;
  const step = Math.max(1, Math.round(options.inPlaneStep));
  const kStep = Math.max(1, Math.round(options.sliceStep));
  const gx = Math.ceil(nx / step);
  const gy = Math.ceil(ny / step);
  const t = options.thresholdHu;
  const mask = new Uint8Array(gx * gy);
  for (let k = 0; k < nz; k += kStep) {
    const slice = sliceAt(k);
    if (!slice) continue;
    for (let v = 0; v < gy; v++) {
      const row = v * step * nx;
      for (let u = 0; u < gx; u++) if (!mask[v * gx + u] && slice[row + u * step]! > t) mask[v * gx + u] = 1;
    }
  }
  const rx = Math.max(1, Math.round(options.openingMm / (volume.spacing[0] * step)));
  const ry = Math.max(1, Math.round(options.openingMm / (volume.spacing[1] * step)));
  const box = largestRegionBox(erode(mask, gx, gy, rx, ry), gx, gy) ?? largestRegionBox(mask, gx, gy);
  if (!box) return undefined;
  // Back to voxel indices, grown by the erosion (and one grid step, the sampling's uncertainty).
  const i0 = Math.max(0, (box.u0 - rx - 1) * step);
  const i1 = Math.min(nx - 1, (box.u1 + rx + 1) * step);
  const j0 = Math.max(0, (box.v0 - ry - 1) * step);
  const j1 = Math.min(ny - 1, (box.v1 + ry + 1) * step);
  const [k0, k1] = sliceRange(nz, nx, sliceAt, [i0, i1, j0, j1], step, kStep, t);
  return worldBoxOfIndexBox(volume, [i0, j0, k0], [i1, j1, k1]);
}

/** Erosion by a (2rx+1)×(2ry+1) rectangle, as two separable 1-D passes. */
export function erode(mask: Uint8Array, w: number, h: number, rx: number, ry: number): Uint8Array {
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let run = 0;
    // A pixel survives the row pass when the 2rx+1 pixels centred on it are all set.
    const left = new Int32Array(w);
    for (let x = 0; x < w; x++) left[x] = run = mask[y * w + x] ? run + 1 : 0;
    run = 0;
    for (let x = w - 1; x >= 0; x--) {
      run = mask[y * w + x] ? run + 1 : 0;
      if (left[x]! > rx && run > rx) rows[y * w + x] = 1;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    const up = new Int32Array(h);
    let run = 0;
    for (let y = 0; y < h; y++) up[y] = run = rows[y * w + x] ? run + 1 : 0;
    run = 0;
    for (let y = h - 1; y >= 0; y--) {
      run = rows[y * w + x] ? run + 1 : 0;
      if (up[y]! > ry && run > ry) out[y * w + x] = 1;
    }
  }
  return out;
}

/** The bounding box (grid cells, inclusive) of the largest 4-connected region, or undefined when empty. */
export function largestRegionBox(mask: Uint8Array, w: number, h: number): { u0: number; u1: number; v0: number; v1: number } | undefined {
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let best: { size: number; u0: number; u1: number; v0: number; v1: number } | undefined;
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const r = { size: 0, u0: w, u1: -1, v0: h, v1: -1 };
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % w;
      const y = (p - x) / w;
      r.size++;
      if (x < r.u0) r.u0 = x;
      if (x > r.u1) r.u1 = x;
      if (y < r.v0) r.v0 = y;
      if (y > r.v1) r.v1 = y;
      const push = (q: number): void => {
        if (mask[q] && !seen[q]) {
          seen[q] = 1;
          stack[top++] = q;
        }
      };
      if (x > 0) push(p - 1);
      if (x < w - 1) push(p + 1);
      if (y > 0) push(p - w);
      if (y < h - 1) push(p + w);
    }
    if (!best || r.size > best.size) best = r;
  }
  return best && { u0: best.u0, u1: best.u1, v0: best.v0, v1: best.v1 };
}

/** First and last slice whose in-plane box holds tissue in at least 2 % of the cells read. */
function sliceRange(nz: number, nx: number, sliceAt: SliceReader, [i0, i1, j0, j1]: readonly number[], step: number, kStep: number, t: number): [number, number] {
  let first = -1;
  let last = -1;
  for (let k = 0; k < nz; k += kStep) {
    const slice = sliceAt(k);
    if (!slice) continue;
    let hit = 0;
    let read = 0;
    for (let j = j0!; j <= j1!; j += step) {
      const row = j * nx;
      for (let i = i0!; i <= i1!; i += step, read++) if (slice[row + i]! > t) hit++;
    }
    if (hit >= 0.02 * read) {
      if (first < 0) first = k;
      last = k;
    }
  }
  if (first < 0) return [0, nz - 1];
  // The slices between the read ones (up to kStep − 1 either side) may hold body too.
  return [Math.max(0, first - kStep + 1), Math.min(nz - 1, last + kStep - 1)];
}

/** The LPS axis-aligned box around the eight corner voxel centres of an index box. */
export function worldBoxOfIndexBox(g: Pick<VolumeGeometry, 'origin' | 'spacing' | 'direction'>, lo: Vec3, hi: Vec3): WorldBox {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const i of [lo[0], hi[0]])
    for (const j of [lo[1], hi[1]])
      for (const k of [lo[2], hi[2]]) {
        const idx = [i, j, k];
        for (let a = 0; a < 3; a++) {
          let w = g.origin[a]!;
          for (let b = 0; b < 3; b++) w += g.direction[b]![a]! * g.spacing[b]! * idx[b]!;
          if (w < min[a]!) min[a] = w;
          if (w > max[a]!) max[a] = w;
        }
      }
  return { min: [min[0]!, min[1]!, min[2]!], max: [max[0]!, max[1]!, max[2]!] };
}
