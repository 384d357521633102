import { growBounds, intersectBounds, unionBounds, type Shape } from './shape';

/** Union of shapes (minimum distance). */
export function union(...shapes: Shape[]): Shape {
  if (shapes.length === 0) throw new Error('union of nothing');
  if (shapes.length === 1) return shapes[0]!;
  const list = shapes.slice();
  return {
    bounds: list.map((s) => s.bounds).reduce(unionBounds),
    sdf(x, y, z) {
      let d = Infinity;
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!;
        const b = s.bounds;
        // A far-away part cannot be the nearest surface when we are inside another part.
        if (d < 0 && (x < b.min[0] || x > b.max[0] || y < b.min[1] || y > b.max[1] || z < b.min[2] || z > b.max[2])) continue;
        const v = s.sdf(x, y, z);
        if (v < d) d = v;
      }
      return d;
    },
  };
}

/**
 * Smooth union with a fillet of about `k` mm where parts meet, as bone parts merge
 * (neck into head, wing into body) rather than meeting at a crease.
 */
export function smoothUnion(k: number, ...shapes: Shape[]): Shape {
  if (shapes.length === 1) return shapes[0]!;
  const list = shapes.slice();
  return {
    bounds: growBounds(list.map((s) => s.bounds).reduce(unionBounds), k),
    sdf(x, y, z) {
      let d = Infinity;
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!;
        const b = s.bounds;
        if (x < b.min[0] - k || x > b.max[0] + k || y < b.min[1] - k || y > b.max[1] + k || z < b.min[2] - k || z > b.max[2] + k) continue;
        const v = s.sdf(x, y, z);
        if (d === Infinity) {
          d = v;
          continue;
        }
        const h = Math.max(k - Math.abs(d - v), 0) / k;
        d = Math.min(d, v) - h * h * k * 0.25;
      }
      return d;
    },
  };
}

/** Points inside both. */
export function intersect(a: Shape, b: Shape): Shape {
  return {
    bounds: intersectBounds(a.bounds, b.bounds),
    sdf: (x, y, z) => Math.max(a.sdf(x, y, z), b.sdf(x, y, z)),
  };
}

/** Points inside `a` and not inside `b`. */
export function subtract(a: Shape, b: Shape): Shape {
  return { bounds: a.bounds, sdf: (x, y, z) => Math.max(a.sdf(x, y, z), -b.sdf(x, y, z)) };
}

/** Shrinks (positive mm) or grows (negative mm) a shape by offsetting its distance. */
export function inset(s: Shape, mm: number): Shape {
  return { bounds: mm >= 0 ? s.bounds : growBounds(s.bounds, -mm), sdf: (x, y, z) => s.sdf(x, y, z) + mm };
}

/** The mirror image across the mid-sagittal plane x = 0: a right-sided part made left. */
export function mirrorX(s: Shape): Shape {
  const b = s.bounds;
  return {
    bounds: { min: [-b.max[0], b.min[1], b.min[2]], max: [-b.min[0], b.max[1], b.max[2]] },
    sdf: (x, y, z) => s.sdf(-x, y, z),
  };
}
