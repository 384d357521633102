/** Stand-in for "no feature voxel reachable" in squared-distance maps. */
export const FAR = 1e30;

/**
 * Exact squared Euclidean distance (mm²) from every voxel centre of a block to the nearest
 * voxel whose `features` value equals `featureValue`, by the separable lower-envelope
 * method (Felzenszwalb & Huttenlocher): one pass per axis, linear in the voxel count, with
 * the spacing of each axis so anisotropic CT (0.8 × 0.8 × 2 mm) gets true millimetres.
 * Voxels with no feature in the block get {@link FAR}.
 */
export function squaredDistanceMap(
  features: Uint8Array,
  size: readonly [number, number, number],
  spacing: readonly [number, number, number],
  featureValue = 1,
): Float32Array {
  const [nx, ny, nz] = size;
  const out = new Float32Array(nx * ny * nz);
  const n = Math.max(nx, ny, nz);
  const f = new Float64Array(n);
  const g = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  // Along i a binary input only needs the 1D distance to the nearest feature: two scans.
  const w0 = spacing[0] * spacing[0];
  for (let base = 0; base < out.length; base += nx) {
    let last = -FAR;
    for (let x = 0; x < nx; x++) {
      if (features[base + x] === featureValue) last = x;
      f[x] = x - last;
    }
    last = FAR;
    for (let x = nx - 1; x >= 0; x--) {
      if (features[base + x] === featureValue) last = x;
      const d = Math.min(f[x]!, last - x);
      out[base + x] = d >= FAR / 2 ? FAR : d * d * w0;
    }
  }
  const w1 = spacing[1] * spacing[1];
  for (let k = 0; k < nz; k++) for (let x = 0; x < nx; x++) envelopePass(out, k * nx * ny + x, nx, ny, w1, f, g, v, z);
  const w2 = spacing[2] * spacing[2];
  if (nz > 1) for (let p = 0; p < nx * ny; p++) envelopePass(out, p, nx * ny, nz, w2, f, g, v, z);
  return out;
}

/**
 * Replaces a strided line of squared distances by its 1D transform along that line: the
 * lower envelope of the parabolas `w2·(x − q)² + f[q]`. `f`, `g`, `v`, `z` are scratch.
 */
function envelopePass(
  a: Float32Array,
  start: number,
  stride: number,
  n: number,
  w2: number,
  f: Float64Array,
  g: Float64Array,
  v: Int32Array,
  z: Float64Array,
): void {
  let k = -1;
  for (let q = 0, i = start; q < n; q++, i += stride) {
    const fq = a[i]!;
    f[q] = fq;
    if (fq >= FAR) continue;
    const gq = fq + w2 * q * q;
    g[q] = gq;
    let s = -Infinity;
    while (k >= 0) {
      const p = v[k]!;
      s = (gq - g[p]!) / (2 * w2 * (q - p));
      if (s > z[k]!) break;
      k--;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : s;
  }
  if (k < 0) return;
  z[k + 1] = Infinity;
  let e = 0;
  for (let q = 0, i = start; q < n; q++, i += stride) {
    while (z[e + 1]! < q) e++;
    const p = v[e]!;
    a[i] = w2 * (q - p) * (q - p) + f[p]!;
  }
}
