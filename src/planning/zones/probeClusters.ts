import type { Vec3 } from '../../shared/vec3';

/**
 * The grouping half of the cluster hull model: which probes freeze together, and which
 * triangles between them are filled.
 *
 * Probes of one device and zone set whose lethal-zone centres lie within the synergy distance
 * of each other are linked; a cluster is a connected group. Between the probes of a cluster,
 * the filled region is the Delaunay triangulation of their centres (seen along the cluster's
 * mean needle axis) keeping only triangles whose circumradius is at most the synergy distance,
 * with every link and every kept triangle's edges — an alpha shape. Compact layouts (pairs,
 * triangles, squares, rings) are filled like their convex hull; a concave layout (an L) is not
 * filled across its concavity, which the convex hull would overstate.
 */

/** Connected groups of points whose chains of links are each at most `linkMm` long; indices, each group sorted. */
export function clusterPoints(points: readonly Vec3[], linkMm: number): number[][] {
  const parent = points.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!, b = points[j]!;
      if (Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) <= linkMm) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  points.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(i);
    groups.set(r, g);
  });
  return [...groups.values()];
}

/** Index pairs of the points within `linkMm` of each other. */
export function linkedPairs(points: readonly Vec3[], linkMm: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!, b = points[j]!;
      if (Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) <= linkMm) out.push([i, j]);
    }
  }
  return out;
}

/**
 * Delaunay triangles of 2D points with circumradius ≤ `maxCircumradius` (brute force: a
 * cluster has a handful of probes). Degenerate (near-collinear) triples are skipped.
 */
export function alphaTriangles(points: readonly (readonly [number, number])[], maxCircumradius: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  const n = points.length;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) for (let k = j + 1; k < n; k++) {
    const [ax, ay] = points[i]!, [bx, by] = points[j]!, [cx, cy] = points[k]!;
    const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
    const scale = Math.max(Math.hypot(bx - ax, by - ay), Math.hypot(cx - ax, cy - ay), 1e-9);
    if (Math.abs(d) < 1e-6 * scale * scale) continue;
    const a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
    const ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
    const uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
    const r = Math.hypot(ax - ux, ay - uy);
    if (r > maxCircumradius) continue;
    let empty = true;
    for (let m = 0; m < n && empty; m++) {
      if (m === i || m === j || m === k) continue;
      if (Math.hypot(points[m]![0] - ux, points[m]![1] - uy) < r * (1 - 1e-9)) empty = false;
    }
    if (empty) out.push([i, j, k]);
  }
  return out;
}
