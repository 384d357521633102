import type { VolumeGeometry } from '../../planning/lesions';
import type { Vec3 } from '../../shared/vec3';

/** A box of voxel indices, inclusive at both ends. */
export interface IndexBox {
  readonly min: readonly [number, number, number];
  readonly max: readonly [number, number, number];
}

/** An axis-aligned box in patient LPS mm. */
export interface WorldBox {
  readonly min: Vec3;
  readonly max: Vec3;
}

/** A clipping plane: points p with (p − origin) · normal ≥ 0 are kept (vtk.js's convention). */
export interface ClipPlane {
  readonly origin: Vec3;
  readonly normal: Vec3;
}

/**
 * The voxels above `thresholdHu` (the bone), looked at every `stride` voxels along each axis
 * (a sparse look: the box only crops rays, so the caller pads it by more than a stride).
 * Undefined when no voxel looked at is that dense.
 */
export function denseIndexBox(
  valueAt: (i: number, j: number, k: number) => number,
  dimensions: readonly [number, number, number],
  stride: readonly [number, number, number],
  thresholdHu: number,
): IndexBox | undefined {
  const [nx, ny, nz] = dimensions;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let k = 0; k < nz; k += stride[2]) {
    for (let j = 0; j < ny; j += stride[1]) {
      for (let i = 0; i < nx; i += stride[0]) {
        if (!(valueAt(i, j, k) > thresholdHu)) continue;
        if (i < min[0]!) min[0] = i;
        if (i > max[0]!) max[0] = i;
        if (j < min[1]!) min[1] = j;
        if (j > max[1]!) max[1] = j;
        if (k < min[2]!) min[2] = k;
        if (k > max[2]!) max[2] = k;
      }
    }
  }
  if (min[0] === Infinity) return undefined;
  return { min: [min[0]!, min[1]!, min[2]!], max: [max[0]!, max[1]!, max[2]!] };
}

/** The world (LPS) box around an index box, padded by `marginMm` on every side. */
export function worldBoxOf(geometry: VolumeGeometry, box: IndexBox, marginMm: number): WorldBox {
  const { origin: o, spacing: s, direction: d } = geometry;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const i of [box.min[0], box.max[0]]) {
    for (const j of [box.min[1], box.max[1]]) {
      for (const k of [box.min[2], box.max[2]]) {
        for (let a = 0; a < 3; a++) {
          const w = o[a]! + d[0][a]! * i * s[0] + d[1][a]! * j * s[1] + d[2][a]! * k * s[2];
          lo[a] = Math.min(lo[a]!, w);
          hi[a] = Math.max(hi[a]!, w);
        }
      }
    }
  }
  return { min: [lo[0]! - marginMm, lo[1]! - marginMm, lo[2]! - marginMm], max: [hi[0]! + marginMm, hi[1]! + marginMm, hi[2]! + marginMm] };
}

/** The six planes that keep the inside of a box. */
export function clipPlanesOf(box: WorldBox): ClipPlane[] {
  const planes: ClipPlane[] = [];
  for (let a = 0; a < 3; a++) {
    const n: [number, number, number] = [0, 0, 0];
    n[a] = 1;
    planes.push({ origin: box.min, normal: [n[0], n[1], n[2]] });
    planes.push({ origin: box.max, normal: [-n[0], -n[1], -n[2]] });
  }
  return planes;
}
