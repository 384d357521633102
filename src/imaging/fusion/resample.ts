import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { worldToIndexMatrix } from '../../planning/volume/indexWorld';
import { applyMatrix, applyToDirection, type Matrix4 } from '../../planning/postprocedure/rigid';
import { canvasToWorld, type ViewPlane } from '../overlay/viewPlane';
import { dot, norm, scale, type Vec3 } from '../../shared/vec3';

/** How the CBCT is drawn over a view. */
export interface FusionStyle {
  /** The CBCT's own window (HU). */
  readonly widthHu: number;
  readonly centerHu: number;
  /** 0–1: the CBCT's weight over the CT (blend mode). */
  readonly opacity: number;
  /** Squares of this many mm alternating CBCT (opaque) and CT (transparent); null for the blend. */
  readonly checkerMm: number | null;
  /** The value the CBCT writes outside its field of view (planning/postprocedure/fieldOfView), drawn transparent; null or absent for none. */
  readonly paddingHu?: number | null;
}

/** One view's CBCT picture: RGBA at `step` canvas pixels per sample, transparent outside the CBCT. */
export interface FusionImage {
  readonly width: number;
  readonly height: number;
  readonly step: number;
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  /** Samples that fell inside the CBCT volume and its field of view. */
  readonly inside: number;
}

/**
 * Resamples the CBCT over a view: the planning-LPS point under the centre of each block of
 * `step`×`step` canvas pixels, p, goes through `matrix` (planning LPS → CBCT LPS) to the CBCT's
 * voxel grid, where its HU is read trilinearly, windowed and coloured through `lut` (256 RGBA).
 * The whole chain is affine in the canvas coordinates, so the index steps by a constant vector
 * per sample and a 512² canvas costs a few milliseconds. Outside the CBCT grid, and where its
 * nearest voxel holds the padding value (outside the scanner's field of view): transparent.
 */
export function resampleFusion(plane: ViewPlane, matrix: Matrix4, cbct: PlanningVolume, lut: Uint8ClampedArray, style: FusionStyle, step = 2, out?: Uint8ClampedArray<ArrayBuffer>): FusionImage {
  const width = Math.max(1, Math.ceil(plane.width / step)), height = Math.max(1, Math.ceil(plane.height / step));
  const data = out && out.length === width * height * 4 ? out : new Uint8ClampedArray(width * height * 4);
  const w = worldToIndexMatrix(cbct);
  const toIndex = (v: Vec3, origin: boolean): Vec3 => {
    const x = v[0] - (origin ? cbct.origin[0] : 0), y = v[1] - (origin ? cbct.origin[1] : 0), z = v[2] - (origin ? cbct.origin[2] : 0);
    return [w[0] * x + w[1] * y + w[2] * z, w[3] * x + w[4] * y + w[5] * z, w[6] * x + w[7] * y + w[8] * z];
  };
  // Index of the first sample's centre, and its change per sample to the right and down.
  const base = toIndex(applyMatrix(matrix, canvasToWorld(plane, step / 2, step / 2)), true);
  const dx = toIndex(applyToDirection(matrix, scale(plane.right, step)), false);
  const dy = toIndex(applyToDirection(matrix, scale(plane.down, step)), false);
  const [nx, ny, nz] = cbct.dimensions;
  const s = cbct.scalars, sxy = nx * ny;
  const lo = style.centerHu - style.widthHu / 2, huScale = 255 / Math.max(1, style.widthHu);
  const alpha = Math.max(0, Math.min(1, style.opacity));
  // Checkerboard squares fixed in the plane's own mm coordinates (they stay put while panning).
  const rLen = norm(plane.right), dLen = norm(plane.down);
  const u0 = dot(plane.origin, plane.right) / rLen + (step / 2) * rLen, v0 = dot(plane.origin, plane.down) / dLen + (step / 2) * dLen;
  const checker = style.checkerMm && style.checkerMm > 0 ? style.checkerMm : 0;
  const pad = style.paddingHu ?? null;
  let inside = 0;
  for (let y = 0; y < height; y++) {
    let fi = base[0] + y * dy[0], fj = base[1] + y * dy[1], fk = base[2] + y * dy[2];
    const rowBand = checker ? Math.floor((v0 + y * step * dLen) / checker) : 0;
    for (let x = 0; x < width; x++, fi += dx[0], fj += dx[1], fk += dx[2]) {
      const o = (y * width + x) * 4;
      if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5) {
        data[o + 3] = 0;
        continue;
      }
      if (pad !== null && s[Math.round(Math.max(0, Math.min(nx - 1, fi))) + nx * Math.round(Math.max(0, Math.min(ny - 1, fj))) + sxy * Math.round(Math.max(0, Math.min(nz - 1, fk)))] === pad) {
        data[o + 3] = 0;
        continue;
      }
      inside++;
      if (checker && ((Math.floor((u0 + x * step * rLen) / checker) + rowBand) & 1) === 1) {
        data[o + 3] = 0;
        continue;
      }
      const hu = trilinear(s, nx, ny, nz, sxy, fi, fj, fk);
      const k = Math.max(0, Math.min(255, Math.round((hu - lo) * huScale))) * 4;
      data[o] = lut[k]!;
      data[o + 1] = lut[k + 1]!;
      data[o + 2] = lut[k + 2]!;
      data[o + 3] = checker ? 255 : lut[k + 3]! * alpha;
    }
  }
  return { width, height, step, data, inside };
}

/** Trilinear interpolation at a fractional index (clamped to the grid; the caller checks it is within half a voxel). */
export function trilinear(s: ArrayLike<number>, nx: number, ny: number, nz: number, sxy: number, fi: number, fj: number, fk: number): number {
  const ci = Math.max(0, Math.min(nx - 1, fi)), cj = Math.max(0, Math.min(ny - 1, fj)), ck = Math.max(0, Math.min(nz - 1, fk));
  const i0 = Math.min(nx - 2, Math.floor(ci)), j0 = Math.min(ny - 2, Math.floor(cj)), k0 = Math.min(nz - 2, Math.floor(ck));
  if (i0 < 0 || j0 < 0 || k0 < 0) return s[Math.round(ci) + nx * Math.round(cj) + sxy * Math.round(ck)]!; // a grid one voxel thick
  const a = ci - i0, b = cj - j0, c = ck - k0;
  const p = i0 + nx * j0 + sxy * k0;
  const c00 = s[p]! + a * (s[p + 1]! - s[p]!);
  const c10 = s[p + nx]! + a * (s[p + nx + 1]! - s[p + nx]!);
  const c01 = s[p + sxy]! + a * (s[p + sxy + 1]! - s[p + sxy]!);
  const c11 = s[p + sxy + nx]! + a * (s[p + sxy + nx + 1]! - s[p + sxy + nx]!);
  const c0 = c00 + b * (c10 - c00), c1 = c01 + b * (c11 - c01);
  return c0 + c * (c1 - c0);
}
