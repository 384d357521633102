import type { Vec3 } from '../../src/shared/vec3';
import { IDENTITY, rotatedHalfExtent, type Basis } from './basis';
import { INFINITE, type Shape } from './shape';

const boxAround = (c: Vec3, h: Vec3) => ({
  min: [c[0] - h[0], c[1] - h[1], c[2] - h[2]] as Vec3,
  max: [c[0] + h[0], c[1] + h[1], c[2] + h[2]] as Vec3,
});

/**
 * An ellipsoid with semi-axes `r` along the axes of `basis` (default: x, y, z). The distance
 * is the usual first-order approximation k0 (k0 - 1) / k1, good near the surface.
 */
export function ellipsoid(c: Vec3, r: Vec3, basis: Basis = IDENTITY): Shape {
  const [u, v, w] = basis;
  const [a, b, cc] = r;
  const rMin = Math.min(a, b, cc);
  const ia = 1 / a, ib = 1 / b, ic = 1 / cc;
  const ext: Vec3 = basis === IDENTITY ? r : [
    Math.hypot(u[0] * a, v[0] * b, w[0] * cc),
    Math.hypot(u[1] * a, v[1] * b, w[1] * cc),
    Math.hypot(u[2] * a, v[2] * b, w[2] * cc),
  ];
  return {
    bounds: boxAround(c, ext),
    sdf(x, y, z) {
      const px = x - c[0], py = y - c[1], pz = z - c[2];
      const lx = px * u[0] + py * u[1] + pz * u[2];
      const ly = px * v[0] + py * v[1] + pz * v[2];
      const lz = px * w[0] + py * w[1] + pz * w[2];
      const ux = lx * ia, uy = ly * ib, uz = lz * ic;
      const k0 = Math.sqrt(ux * ux + uy * uy + uz * uz);
      const vx = ux * ia, vy = uy * ib, vz = uz * ic;
      const k1 = Math.sqrt(vx * vx + vy * vy + vz * vz);
      return k1 === 0 ? -rMin : (k0 * (k0 - 1)) / k1;
    },
  };
}

export const sphere = (c: Vec3, r: number): Shape => ({
  bounds: boxAround(c, [r, r, r]),
  sdf(x, y, z) {
    const dx = x - c[0], dy = y - c[1], dz = z - c[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz) - r;
  },
});

/** A box of half-sizes `h` (along the basis axes) with edges rounded by `round` mm (added outside). */
export function roundedBox(c: Vec3, h: Vec3, round = 0, basis: Basis = IDENTITY): Shape {
  const [u, v, w] = basis;
  const ext = rotatedHalfExtent(basis, [h[0] + round, h[1] + round, h[2] + round]);
  return {
    bounds: boxAround(c, ext),
    sdf(x, y, z) {
      const px = x - c[0], py = y - c[1], pz = z - c[2];
      const qx = Math.abs(px * u[0] + py * u[1] + pz * u[2]) - h[0];
      const qy = Math.abs(px * v[0] + py * v[1] + pz * v[2]) - h[1];
      const qz = Math.abs(px * w[0] + py * w[1] + pz * w[2]) - h[2];
      const ox = qx > 0 ? qx : 0, oy = qy > 0 ? qy : 0, oz = qz > 0 ? qz : 0;
      const m = Math.max(qx, qy, qz);
      return Math.sqrt(ox * ox + oy * oy + oz * oz) + (m < 0 ? m : 0) - round;
    },
  };
}

/**
 * A tube along a polyline whose radius varies linearly between the given per-point radii
 * (rounded joints and ends): vessels, ribs, bowel, the femoral shaft, needle tracks.
 */
export function tube(points: readonly Vec3[], radii: number | readonly number[]): Shape {
  if (points.length < 2) throw new Error('a tube needs two points');
  const r = typeof radii === 'number' ? points.map(() => radii) : radii;
  if (r.length !== points.length) throw new Error('one radius per tube point');
  const n = points.length - 1;
  const ax = new Float64Array(n), ay = new Float64Array(n), az = new Float64Array(n);
  const dx = new Float64Array(n), dy = new Float64Array(n), dz = new Float64Array(n);
  const inv = new Float64Array(n), r0 = new Float64Array(n), dr = new Float64Array(n);
  // Each segment's box grown by its larger radius: a point's largest axis gap to it is a
  // lower bound of its distance to that segment's surface, so far segments are skipped.
  const bx0 = new Float64Array(n), bx1 = new Float64Array(n), by0 = new Float64Array(n);
  const by1 = new Float64Array(n), bz0 = new Float64Array(n), bz1 = new Float64Array(n);
  let lo: Vec3 = [Infinity, Infinity, Infinity];
  let hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  points.forEach((p, i) => {
    const ri = r[i]!;
    lo = [Math.min(lo[0], p[0] - ri), Math.min(lo[1], p[1] - ri), Math.min(lo[2], p[2] - ri)];
    hi = [Math.max(hi[0], p[0] + ri), Math.max(hi[1], p[1] + ri), Math.max(hi[2], p[2] + ri)];
    if (i === n) return;
    const q = points[i + 1]!;
    ax[i] = p[0]; ay[i] = p[1]; az[i] = p[2];
    dx[i] = q[0] - p[0]; dy[i] = q[1] - p[1]; dz[i] = q[2] - p[2];
    const len2 = dx[i]! ** 2 + dy[i]! ** 2 + dz[i]! ** 2;
    inv[i] = len2 > 0 ? 1 / len2 : 0;
    r0[i] = ri;
    dr[i] = r[i + 1]! - ri;
    const rm = Math.max(ri, r[i + 1]!);
    bx0[i] = Math.min(p[0], q[0]) - rm; bx1[i] = Math.max(p[0], q[0]) + rm;
    by0[i] = Math.min(p[1], q[1]) - rm; by1[i] = Math.max(p[1], q[1]) + rm;
    bz0[i] = Math.min(p[2], q[2]) - rm; bz1[i] = Math.max(p[2], q[2]) + rm;
  });
  return {
    bounds: { min: lo, max: hi },
    sdf(x, y, z) {
      let best = Infinity;
      for (let i = 0; i < n; i++) {
        const gap = Math.max(bx0[i]! - x, x - bx1[i]!, by0[i]! - y, y - by1[i]!, bz0[i]! - z, z - bz1[i]!);
        if (gap >= best) continue;
        const px = x - ax[i]!, py = y - ay[i]!, pz = z - az[i]!;
        let t = (px * dx[i]! + py * dy[i]! + pz * dz[i]!) * inv[i]!;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * dx[i]!, ey = py - t * dy[i]!, ez = pz - t * dz[i]!;
        const d = Math.sqrt(ex * ex + ey * ey + ez * ez) - (r0[i]! + t * dr[i]!);
        if (d < best) best = d;
      }
      return best;
    },
  };
}

/** The half-space n . p <= offset (n need not be unit; it is normalised). */
export function halfSpace(n: Vec3, offset: number): Shape {
  const len = Math.hypot(n[0], n[1], n[2]);
  const a = n[0] / len, b = n[1] / len, c = n[2] / len, o = offset / len;
  return { bounds: INFINITE, sdf: (x, y, z) => a * x + b * y + c * z - o };
}

/** Approximate signed distance to an ellipse of semi-axes a, b centred at the origin. */
export function ellipse2(x: number, y: number, a: number, b: number): number {
  const ux = x / a, uy = y / b;
  const k0 = Math.sqrt(ux * ux + uy * uy);
  const vx = ux / a, vy = uy / b;
  const k1 = Math.sqrt(vx * vx + vy * vy);
  return k1 === 0 ? -Math.min(a, b) : (k0 * (k0 - 1)) / k1;
}
