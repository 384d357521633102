import { worldToIndexMatrix } from '../../planning/volume/indexWorld';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import { isEmptyBox } from '../../planning/mask/voxelBox';
import type { ViewPlane } from './viewPlane';

/** A binary mask resampled on a canvas grid: `data[r·cols + c]` is 1 where cell (c, r) is inside. */
export interface PlaneMaskSample {
  readonly data: Uint8Array;
  readonly cols: number;
  readonly rows: number;
  /** True when at least one cell is inside. */
  readonly any: boolean;
}

/** The 12 edges of a box as pairs of corner numbers (bit 0: i, bit 1: j, bit 2: k). */
const BOX_EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [2, 3], [4, 5], [6, 7],
  [0, 2], [1, 3], [4, 6], [5, 7],
  [0, 4], [1, 5], [2, 6], [3, 7],
];

/**
 * The inclusive cell rectangle [c0, c1] × [r0, r1] that can see the mask box, or null when the
 * plane misses the box. The section of the box's outer voxel faces by the plane is the convex
 * hull of the points where the plane crosses the box edges, so the bounds of those points are
 * tight even for an oblique plane; the test uses the faces (centres ± ½ voxel) because
 * nearest-voxel lookup reaches exactly that far, which is the "half a voxel diagonal" margin.
 */
function visibleCells(
  mask: VoxelMask, geometry: VolumeGeometry, plane: ViewPlane, step: number, cols: number, rows: number,
): { c0: number; c1: number; r0: number; r1: number } | null {
  const { origin: g, direction, spacing } = geometry;
  const { origin: o, right, down, normal } = plane;
  const rr = right[0] * right[0] + right[1] * right[1] + right[2] * right[2];
  const dd = down[0] * down[0] + down[1] * down[1] + down[2] * down[2];
  const wx = new Float64Array(8), wy = new Float64Array(8), wz = new Float64Array(8), dist = new Float64Array(8);
  let above = 0, below = 0;
  for (let n = 0; n < 8; n++) {
    const a = (mask.box.offset[0] - 0.5 + ((n & 1) ? mask.box.size[0] : 0)) * spacing[0];
    const b = (mask.box.offset[1] - 0.5 + ((n & 2) ? mask.box.size[1] : 0)) * spacing[1];
    const c = (mask.box.offset[2] - 0.5 + ((n & 4) ? mask.box.size[2] : 0)) * spacing[2];
    wx[n] = g[0] + a * direction[0][0] + b * direction[1][0] + c * direction[2][0] - o[0];
    wy[n] = g[1] + a * direction[0][1] + b * direction[1][1] + c * direction[2][1] - o[1];
    wz[n] = g[2] + a * direction[0][2] + b * direction[1][2] + c * direction[2][2] - o[2];
    const s = wx[n]! * normal[0] + wy[n]! * normal[1] + wz[n]! * normal[2];
    dist[n] = s;
    if (s > 1e-9) above++;
    else if (s < -1e-9) below++;
  }
  if (above === 8 || below === 8) return null;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  const include = (px: number, py: number, pz: number) => {
    const x = (px * right[0] + py * right[1] + pz * right[2]) / rr;
    const y = (px * down[0] + py * down[1] + pz * down[2]) / dd;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  };
  for (const [p, q] of BOX_EDGES) {
    const dp = dist[p]!, dq = dist[q]!;
    if (dp === dq) {
      if (Math.abs(dp) <= 1e-9) { include(wx[p]!, wy[p]!, wz[p]!); include(wx[q]!, wy[q]!, wz[q]!); }
      continue;
    }
    if ((dp > 1e-9 && dq > 1e-9) || (dp < -1e-9 && dq < -1e-9)) continue;
    const t = Math.min(1, Math.max(0, dp / (dp - dq)));
    include(wx[p]! + t * (wx[q]! - wx[p]!), wy[p]! + t * (wy[q]! - wy[p]!), wz[p]! + t * (wz[q]! - wz[p]!));
  }
  if (xMin > xMax) return null;
  // Cell c is centred at (c + ½)·step; one cell of slack absorbs rounding at the faces.
  const c0 = Math.max(0, Math.floor(xMin / step - 0.5) - 1), c1 = Math.min(cols - 1, Math.ceil(xMax / step - 0.5) + 1);
  const r0 = Math.max(0, Math.floor(yMin / step - 0.5) - 1), r1 = Math.min(rows - 1, Math.ceil(yMax / step - 0.5) + 1);
  if (c0 > c1 || r0 > r1) return null;
  return { c0, c1, r0, r1 };
}

/**
 * Resamples a binary mask on the plane, on a grid of cells `step` canvas pixels wide: cell
 * (c, r) takes the value of the voxel nearest to canvas point ((c + ½)·step, (r + ½)·step),
 * so `fillRect(c·step, r·step, step, step)` paints it in place. `cols = ⌈width/step⌉`,
 * `rows = ⌈height/step⌉`.
 *
 * Fast path: when the plane misses the mask box nothing is walked; otherwise only the cells
 * over the box's section are, row by row, each row clipped to the columns whose line stays
 * in the box, with the voxel index stepped incrementally (works for oblique planes and
 * non-identity grid directions, sheared ones included).
 *
 * `out` is reused (and cleared) when its length is cols·rows; otherwise a new array is made.
 */
export function sampleMaskOnPlane(
  mask: VoxelMask, geometry: VolumeGeometry, plane: ViewPlane, step: number, out?: Uint8Array,
): PlaneMaskSample {
  if (!(step > 0)) throw new RangeError(`sampleMaskOnPlane: step must be positive (got ${step})`);
  const cols = Math.max(0, Math.ceil(plane.width / step)), rows = Math.max(0, Math.ceil(plane.height / step));
  const data = out && out.length === cols * rows ? out : new Uint8Array(cols * rows);
  if (data === out) data.fill(0);
  if (isEmptyBox(mask.box) || cols === 0 || rows === 0) return { data, cols, rows, any: false };
  const cells = visibleCells(mask, geometry, plane, step, cols, rows);
  if (!cells) return { data, cols, rows, any: false };

  // Fractional index of canvas point (x, y), shifted so that ⌊·⌋ is the box-local voxel:
  // local = M·(origin − gridOrigin) − offset + ½ + x·M·right + y·M·down.
  const m = worldToIndexMatrix(geometry);
  const { origin: o, right, down } = plane;
  const g = geometry.origin;
  const ox = o[0] - g[0], oy = o[1] - g[1], oz = o[2] - g[2];
  const [bx, by, bz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  const base = [
    m[0] * ox + m[1] * oy + m[2] * oz - bx + 0.5,
    m[3] * ox + m[4] * oy + m[5] * oz - by + 0.5,
    m[6] * ox + m[7] * oy + m[8] * oz - bz + 0.5,
  ];
  const perCol = [
    (m[0] * right[0] + m[1] * right[1] + m[2] * right[2]) * step,
    (m[3] * right[0] + m[4] * right[1] + m[5] * right[2]) * step,
    (m[6] * right[0] + m[7] * right[1] + m[8] * right[2]) * step,
  ];
  const perRow = [
    (m[0] * down[0] + m[1] * down[1] + m[2] * down[2]) * step,
    (m[3] * down[0] + m[4] * down[1] + m[5] * down[2]) * step,
    (m[6] * down[0] + m[7] * down[1] + m[8] * down[2]) * step,
  ];
  const size = [sx, sy, sz];
  const [ci, cj, ck] = perCol as [number, number, number];
  const src = mask.data;
  const plane2 = sx * sy;
  let any = false;
  for (let r = cells.r0; r <= cells.r1; r++) {
    // Local index at column 0 of this row (cell centres at ½ step).
    const start = [0, 0, 0];
    let lo = cells.c0, hi = cells.c1;
    for (let a = 0; a < 3; a++) {
      const s = base[a]! + (r + 0.5) * perRow[a]! + 0.5 * perCol[a]!;
      start[a] = s;
      const d = perCol[a]!;
      // Columns c with 0 ≤ s + c·d < size, widened by one each side; the loop re-checks.
      if (Math.abs(d) < 1e-12) {
        if (s < 0 || s >= size[a]!) { lo = 1; hi = 0; }
        continue;
      }
      const t0 = (0 - s) / d, t1 = (size[a]! - s) / d;
      lo = Math.max(lo, Math.floor(Math.min(t0, t1)) - 1);
      hi = Math.min(hi, Math.ceil(Math.max(t0, t1)) + 1);
    }
    if (lo > hi) continue;
    let fi = start[0]! + lo * ci, fj = start[1]! + lo * cj, fk = start[2]! + lo * ck;
    const row = r * cols;
    for (let c = lo; c <= hi; c++, fi += ci, fj += cj, fk += ck) {
      if (fi < 0 || fj < 0 || fk < 0 || fi >= sx || fj >= sy || fk >= sz) continue;
      if (src[(fk | 0) * plane2 + (fj | 0) * sx + (fi | 0)] !== 0) {
        data[row + c] = 1;
        any = true;
      }
    }
  }
  return { data, cols, rows, any };
}
