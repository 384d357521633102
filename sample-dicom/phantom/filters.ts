import type { Volume } from './grid';
import { Rng } from './rng';

/**
 * Separable 3-tap smoothing [w, 1 - 2w, w] along x, y and (with its own weight) z: the
 * partial-volume blur of a reconstruction kernel and slice profile. Edges replicate.
 */
export function blur3(vol: Volume, wXY: number, wZ: number): void {
  const { columns: nx, rows: ny, slices: nz } = vol.grid;
  const a = vol.hu;
  if (wXY > 0) {
    const line = new Float32Array(Math.max(nx, ny));
    const c = 1 - 2 * wXY;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        const base = (k * ny + j) * nx;
        for (let i = 0; i < nx; i++) line[i] = a[base + i]!;
        for (let i = 0; i < nx; i++) a[base + i] = c * line[i]! + wXY * (line[i > 0 ? i - 1 : i]! + line[i < nx - 1 ? i + 1 : i]!);
      }
      for (let i = 0; i < nx; i++) {
        const base = k * ny * nx + i;
        for (let j = 0; j < ny; j++) line[j] = a[base + j * nx]!;
        for (let j = 0; j < ny; j++) a[base + j * nx] = c * line[j]! + wXY * (line[j > 0 ? j - 1 : j]! + line[j < ny - 1 ? j + 1 : j]!);
      }
    }
  }
  if (wZ > 0 && nz > 1) {
    const plane = nx * ny;
    const c = 1 - 2 * wZ;
    let prev = a.slice(0, plane);
    for (let k = 0; k < nz; k++) {
      const cur = a.slice(k * plane, (k + 1) * plane);
      const nextBase = k < nz - 1 ? (k + 1) * plane : k * plane;
      for (let p = 0; p < plane; p++) a[k * plane + p] = c * cur[p]! + wZ * (prev[p]! + a[nextBase + p]!);
      prev = cur;
    }
  }
}

/**
 * Adds Gaussian noise with the given standard deviation after in-plane smoothing with
 * [w, 1 - 2w, w], so the noise has the fine grain of CT rather than being white. The
 * white noise is scaled up to keep the final standard deviation at `sigma`.
 */
export function addCorrelatedNoise(vol: Volume, sigma: number, wXY: number, seed: number): void {
  const { columns: nx, rows: ny, slices: nz } = vol.grid;
  const rng = new Rng(seed);
  const c = 1 - 2 * wXY;
  // Variance of a 2D separable kernel: (c^2 + 2 w^2)^2 of the white variance.
  const gain = sigma / (c * c + 2 * wXY * wXY);
  const plane = new Float32Array(nx * ny);
  const tmp = new Float32Array(nx * ny);
  // A table of normal quantiles indexed by 16 random bits: one PRNG draw per voxel.
  const table = new Float32Array(65536);
  for (let i = 0; i < table.length; i++) table[i] = inverseNormal((i + 0.5) / table.length) * gain;
  for (let k = 0; k < nz; k++) {
    for (let p = 0; p < plane.length; p += 2) {
      const r = rng.nextUint32();
      plane[p] = table[r & 0xffff]!;
      if (p + 1 < plane.length) plane[p + 1] = table[r >>> 16]!;
    }
    for (let j = 0; j < ny; j++) {
      const r = j * nx;
      for (let i = 0; i < nx; i++) tmp[r + i] = c * plane[r + i]! + wXY * (plane[r + (i > 0 ? i - 1 : i)]! + plane[r + (i < nx - 1 ? i + 1 : i)]!);
    }
    const base = k * nx * ny;
    for (let j = 0; j < ny; j++) {
      const up = (j > 0 ? j - 1 : j) * nx, r = j * nx, down = (j < ny - 1 ? j + 1 : j) * nx;
      for (let i = 0; i < nx; i++) vol.hu[base + r + i] = vol.hu[base + r + i]! + c * tmp[r + i]! + wXY * (tmp[up + i]! + tmp[down + i]!);
    }
  }
}

/** Quantile of the standard normal distribution (Acklam's rational approximation, |error| < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
