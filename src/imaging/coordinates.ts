import type { Types } from '@cornerstonejs/core';
import { lps, type LpsPoint, type Vec3 } from '../shared/vec3';
import type { CanvasPoint } from './overlay/viewPlane';

/*
 * The one place where Cornerstone's untyped points meet the project's branded ones.
 *
 * Cornerstone's world space is DICOM patient LPS millimetres and its canvas space is CSS
 * pixels from the canvas's top-left corner, so no arithmetic happens here: the functions
 * copy the numbers into a fresh value of the right type. Copying matters because
 * Cornerstone hands out (and later mutates) arrays it keeps, such as a camera's focal
 * point, and expects mutable tuples it may write to in return.
 */

/** A world point from Cornerstone (a `Point3`, or any array of at least three numbers) as LPS mm. */
export function lpsFromCs(p: Types.Point3 | ArrayLike<number>): LpsPoint {
  if (p.length < 3) throw new RangeError(`lpsFromCs: expected 3 coordinates, got ${p.length}`);
  return lps(p[0]!, p[1]!, p[2]!);
}

/** An LPS point or vector as the mutable `Point3` Cornerstone's API takes. */
export function csFromLps(p: Vec3): Types.Point3 {
  return [p[0], p[1], p[2]];
}

/** A canvas point from Cornerstone (a `Point2`, or any array of at least two numbers), CSS px. */
export function canvasFromCs(p: Types.Point2 | ArrayLike<number>): CanvasPoint {
  if (p.length < 2) throw new RangeError(`canvasFromCs: expected 2 coordinates, got ${p.length}`);
  return { x: p[0]!, y: p[1]! };
}

/** A canvas point as the `Point2` Cornerstone's `canvasToWorld` takes. */
export function csFromCanvas(p: CanvasPoint): Types.Point2 {
  return [p.x, p.y];
}
