import { lps } from '../../shared/vec3';
import type { BinaryVolume, GridBox, ScalarVolume } from './gridGeometry';

/**
 * A distance map: for each voxel of a box around a mask, the distance in mm from the voxel
 * centre to the nearest mask voxel centre (0 inside the mask). A scalar volume of its own
 * (origin at the box's first voxel), so it is sampled like any other volume; `box` says where
 * it sits in the mask's grid.
 */
export interface DistanceMap extends ScalarVolume {
  readonly scalars: Float32Array;
  readonly box: GridBox;
}

const FAR = 1e20;

/**
 * One pass of the exact squared Euclidean distance transform along a line of n samples
 * spaced `spacing` mm: out[p] = min_q f[q] + (spacing·(p − q))², by the lower envelope of
 * the parabolas rooted at the finite samples (Felzenszwalb and Huttenlocher's method).
 */
function envelope1d(f: Float64Array, n: number, spacing: number, out: Float64Array, v: Int32Array, z: Float64Array): void {
  const w = spacing * spacing;
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q]!;
    if (fq >= FAR) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    let s = 0;
    for (;;) {
      const r = v[k]!;
      // Where the parabola of q overtakes that of r.
      s = (fq + w * q * q - (f[r]! + w * r * r)) / (2 * w * (q - r));
      if (s <= z[k]! && k > 0) k--;
      else break;
    }
    if (s <= z[k]!) {
      // Only possible at k = 0: q dominates everywhere.
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(FAR, 0, n);
    return;
  }
  let j = 0;
  for (let p = 0; p < n; p++) {
    while (z[j + 1]! < p) j++;
    const r = v[j]!;
    out[p] = f[r]! + w * (p - r) * (p - r);
  }
}

/**
 * The distance map of a mask over its tight box grown by `padMm` on every side (clipped to
 * the grid). Exact Euclidean distances between voxel centres on orthogonal grids; on sheared
 * grids the axes are treated as perpendicular (an approximation).
 *
 * With `minSpacingMm`, axes finer than that are pooled by a whole factor (a pooled voxel is in
 * the mask when any of its voxels is), so that a fine-grained lesion does not cost a map of
 * tens of millions of voxels; distances then understate by at most half a pooled voxel's
 * diagonal. The map's own geometry says where its voxels are.
 */
export function distanceTransform(mask: BinaryVolume, padMm: number, minSpacingMm = 0): DistanceMap {
  const g = mask.geometry;
  const pool = [0, 1, 2].map((a) => Math.max(1, Math.floor(minSpacingMm / g.spacing[a]! + 1e-9))) as [number, number, number];
  if (pool.some((f) => f > 1)) return pooledDistanceTransform(mask, padMm, pool);
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let z = 0, p = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, p++) {
    if (mask.data[p] === 0) continue;
    const c = [x + ox, y + oy, z + oz];
    for (let a = 0; a < 3; a++) {
      if (c[a]! < lo[a]!) lo[a] = c[a]!;
      if (c[a]! > hi[a]!) hi[a] = c[a]!;
    }
  }
  const empty = !(hi[0]! >= lo[0]!);
  const offset: [number, number, number] = [0, 0, 0];
  const size: [number, number, number] = [1, 1, 1];
  for (let a = 0; a < 3; a++) {
    const pad = Math.ceil(padMm / g.spacing[a]!);
    const from = empty ? 0 : Math.max(0, lo[a]! - pad);
    const to = empty ? 0 : Math.min(g.dimensions[a]! - 1, hi[a]! + pad);
    offset[a] = from;
    size[a] = to - from + 1;
  }
  const [nx, ny, nz] = size;
  const n = nx * ny * nz;
  const d2 = new Float32Array(n).fill(FAR);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const mx = x + offset[0] - ox, my = y + offset[1] - oy, mz = z + offset[2] - oz;
    if (mx < 0 || my < 0 || mz < 0 || mx >= sx || my >= sy || mz >= sz) continue;
    if (mask.data[mx + sx * (my + sy * mz)] !== 0) d2[x + nx * (y + ny * z)] = 0;
  }
  const longest = Math.max(nx, ny, nz);
  const line = new Float64Array(longest), res = new Float64Array(longest);
  const v = new Int32Array(longest), zb = new Float64Array(longest + 1);
  const pass = (len: number, stride: number, starts: (cb: (start: number) => void) => void, spacing: number) => {
    starts((start) => {
      for (let p = 0; p < len; p++) line[p] = d2[start + p * stride]!;
      envelope1d(line, len, spacing, res, v, zb);
      for (let p = 0; p < len; p++) d2[start + p * stride] = res[p]!;
    });
  };
  pass(nx, 1, (cb) => { for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) cb(nx * (y + ny * z)); }, g.spacing[0]);
  pass(ny, nx, (cb) => { for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) cb(x + nx * ny * z); }, g.spacing[1]);
  pass(nz, nx * ny, (cb) => { for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) cb(x + nx * y); }, g.spacing[2]);
  const scalars = new Float32Array(n);
  for (let p = 0; p < n; p++) scalars[p] = d2[p]! >= FAR ? Infinity : Math.sqrt(d2[p]!);
  const [a, b, c] = g.direction;
  const origin = lps(
    g.origin[0] + offset[0] * g.spacing[0] * a[0] + offset[1] * g.spacing[1] * b[0] + offset[2] * g.spacing[2] * c[0],
    g.origin[1] + offset[0] * g.spacing[0] * a[1] + offset[1] * g.spacing[1] * b[1] + offset[2] * g.spacing[2] * c[1],
    g.origin[2] + offset[0] * g.spacing[0] * a[2] + offset[1] * g.spacing[1] * b[2] + offset[2] * g.spacing[2] * c[2],
  );
  return { dimensions: size, spacing: g.spacing, origin, direction: g.direction, scalars, box: { offset, size } };
}

/** `distanceTransform` on a grid pooled by whole factors per axis. */
function pooledDistanceTransform(mask: BinaryVolume, padMm: number, pool: readonly [number, number, number]): DistanceMap {
  const g = mask.geometry;
  const [fx, fy, fz] = pool;
  const dims: [number, number, number] = [Math.ceil(g.dimensions[0] / fx), Math.ceil(g.dimensions[1] / fy), Math.ceil(g.dimensions[2] / fz)];
  const [px, py, pz] = dims;
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  // The pooled mask, stored over the pooled box of the mask's box.
  const bx0 = Math.floor(ox / fx), by0 = Math.floor(oy / fy), bz0 = Math.floor(oz / fz);
  const bx1 = Math.floor((ox + sx - 1) / fx), by1 = Math.floor((oy + sy - 1) / fy), bz1 = Math.floor((oz + sz - 1) / fz);
  const bsx = bx1 - bx0 + 1, bsy = by1 - by0 + 1, bsz = bz1 - bz0 + 1;
  const pooled = new Uint8Array(Math.max(0, bsx * bsy * bsz));
  for (let z = 0, q = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, q++) {
    if (mask.data[q] === 0) continue;
    const i = Math.floor((x + ox) / fx) - bx0, j = Math.floor((y + oy) / fy) - by0, k = Math.floor((z + oz) / fz) - bz0;
    pooled[i + bsx * (j + bsy * k)] = 1;
  }
  const [a, b, c] = g.direction;
  // A pooled voxel's centre is the centre of the voxels it pools.
  const shift = [(fx - 1) / 2 * g.spacing[0], (fy - 1) / 2 * g.spacing[1], (fz - 1) / 2 * g.spacing[2]];
  const geometry = {
    dimensions: [px, py, pz] as const,
    spacing: [g.spacing[0] * fx, g.spacing[1] * fy, g.spacing[2] * fz] as const,
    origin: lps(
      g.origin[0] + shift[0]! * a[0] + shift[1]! * b[0] + shift[2]! * c[0],
      g.origin[1] + shift[0]! * a[1] + shift[1]! * b[1] + shift[2]! * c[1],
      g.origin[2] + shift[0]! * a[2] + shift[1]! * b[2] + shift[2]! * c[2],
    ),
    direction: g.direction,
  };
  return distanceTransform({ geometry, box: { offset: [bx0, by0, bz0], size: [bsx, bsy, bsz] }, data: pooled }, padMm);
}
