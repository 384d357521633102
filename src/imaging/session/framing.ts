import { add, dot, scale, sub, type Vec3 } from '../../shared/vec3';
import type { WorldBox } from './bodyBounds';

/** What a 2D view's camera is, for framing: unit vectors in LPS, and its pane's shape. */
export interface ViewAxes {
  /** Screen right, unit. */
  readonly right: Vec3;
  /** Screen up, unit. */
  readonly up: Vec3;
  /** Pane width over height. */
  readonly aspect: number;
}

/** A framed view: the in-plane point at the pane's centre and Cornerstone's parallel scale (half the pane's height, mm). */
export interface Framing {
  readonly centre: Vec3;
  readonly parallelScale: number;
}

/** The margin around the body: 4 % of the fitted size on each side. */
export const FRAME_MARGIN = 0.04;

/** Half the extent of an axis-aligned box seen along a unit direction: Σ |d_a| × half-size_a. */
export function halfExtentAlong(box: WorldBox, d: Vec3): number {
  let s = 0;
  for (let a = 0; a < 3; a++) s += Math.abs(d[a]!) * (box.max[a]! - box.min[a]!) / 2;
  return s;
}

/**
 * The parallel scale that shows a half-width × half-height (mm) in a pane of this aspect,
 * with `margin` to spare: the height needs `halfH`, the width `halfW / aspect`; the larger wins.
 */
export function fitScale(halfW: number, halfH: number, aspect: number, margin = FRAME_MARGIN): number {
  return Math.max(halfH, halfW / aspect) * (1 + 2 * margin);
}

/** The box's centre. */
export const boxCentre = (box: WorldBox): Vec3 => scale(add(box.min, box.max), 0.5);

/** The camera that makes a box fill a view: centred on it, the parallel scale fitting its projection. */
export function frameBox(box: WorldBox, axes: ViewAxes, margin = FRAME_MARGIN): Framing {
  return { centre: boxCentre(box), parallelScale: fitScale(halfExtentAlong(box, axes.right), halfExtentAlong(box, axes.up), axes.aspect, margin) };
}

/**
 * The parallel scale, at least `current`, at which every point lies in a view centred on
 * `centre` (with the margin): a needle's entry stays on screen when the view centres on it.
 */
export function containScale(centre: Vec3, points: readonly Vec3[], axes: ViewAxes, current: number, margin = FRAME_MARGIN): number {
  let halfW = 0;
  let halfH = 0;
  for (const p of points) {
    const d = sub(p, centre);
    halfW = Math.max(halfW, Math.abs(dot(d, axes.right)));
    halfH = Math.max(halfH, Math.abs(dot(d, axes.up)));
  }
  return Math.max(current, fitScale(halfW, halfH, axes.aspect, margin));
}

/**
 * Carries a view's zoom and pan from one pane shape to another, both relative to the body's
 * framing: a view framed on the body stays framed after a maximise or a window resize, and
 * one zoomed 2× on a vertebra stays 2× the framing, on the same spot.
 * `offset` is where the view's centre sits from the box centre, in units of its parallel scale.
 */
export function carryFraming(box: WorldBox, before: { axes: ViewAxes; centre: Vec3; parallelScale: number }, afterAspect: number): Framing {
  const fitBefore = frameBox(box, before.axes).parallelScale;
  const after: ViewAxes = { ...before.axes, aspect: afterAspect };
  const fitAfter = frameBox(box, after).parallelScale;
  const zoom = fitBefore / before.parallelScale;
  const parallelScale = fitAfter / zoom;
  const c = boxCentre(box);
  const d = sub(before.centre, c);
  const k = parallelScale / before.parallelScale;
  // Only the in-plane offset scales; the slice (along the normal) is the caller's.
  const centre = add(c, add(scale(before.axes.right, dot(d, before.axes.right) * k), scale(before.axes.up, dot(d, before.axes.up) * k)));
  return { centre, parallelScale };
}
