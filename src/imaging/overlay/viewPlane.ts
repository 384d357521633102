import { cross, dot, lps, norm, normalize, scale, sub, type LpsPoint, type Vec3 } from '../../shared/vec3';

/**
 * A point on a viewport's canvas in CSS pixels, x to the right and y down, (0, 0) at the
 * top-left corner: the space Cornerstone's `canvasToWorld` / `worldToCanvas` use, so an
 * overlay canvas of the same size draws these numbers as they are.
 */
export interface CanvasPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Where a 2D view's canvas sits in patient space. Canvas point (x, y) is the world point
 * `origin + x·right + y·down`; it works for axial, sagittal, coronal and oblique views alike.
 */
export interface ViewPlane {
  /**
   * World (LPS mm) position of canvas point (0, 0), the point Cornerstone's
   * `canvasToWorld([0, 0])` returns.
   */
  readonly origin: Vec3;
  /** World displacement of one canvas pixel to the right, and one down (mm; orthogonal, equal length). */
  readonly right: Vec3;
  readonly down: Vec3;
  /** Unit normal pointing towards the viewer (the camera position side). */
  readonly normal: Vec3;
  /** Canvas size in pixels. */
  readonly width: number;
  readonly height: number;
}

/**
 * A view plane from the world positions of three canvas corners: canvas (0, 0), (width, 0)
 * and (0, height), as Cornerstone's `canvasToWorld` gives them. `normal` is normalised here
 * (Cornerstone's `camera.viewPlaneNormal` already points towards the camera).
 */
export function viewPlaneFromCorners(
  topLeftWorld: Vec3,
  topRightWorld: Vec3,
  bottomLeftWorld: Vec3,
  width: number,
  height: number,
  normal: Vec3,
): ViewPlane {
  if (!(width > 0) || !(height > 0)) throw new RangeError(`viewPlaneFromCorners: width and height must be positive (got ${width}×${height})`);
  const right = scale(sub(topRightWorld, topLeftWorld), 1 / width);
  const down = scale(sub(bottomLeftWorld, topLeftWorld), 1 / height);
  if (norm(cross(right, down)) === 0) throw new RangeError('viewPlaneFromCorners: the three corners are collinear');
  const n = normalize(normal);
  if (norm(n) === 0) throw new RangeError('viewPlaneFromCorners: normal is the zero vector');
  return { origin: topLeftWorld, right, down, normal: n, width, height };
}

/** The world point under canvas point (x, y); points off the canvas are extrapolated. */
export function canvasToWorld(plane: ViewPlane, x: number, y: number): LpsPoint {
  const { origin: o, right: r, down: d } = plane;
  return lps(o[0] + x * r[0] + y * d[0], o[1] + x * r[1] + y * d[1], o[2] + x * r[2] + y * d[2]);
}

/** The canvas point a world point projects onto (orthogonally, along the normal). */
export function worldToCanvas(plane: ViewPlane, p: Vec3): CanvasPoint {
  const v = sub(p, plane.origin);
  return { x: dot(v, plane.right) / dot(plane.right, plane.right), y: dot(v, plane.down) / dot(plane.down, plane.down) };
}

/** Signed distance (mm) of a world point from the plane: positive on the viewer's side. */
export const planeDistanceMm = (plane: ViewPlane, p: Vec3): number => dot(sub(p, plane.origin), plane.normal);

/** Millimetres per canvas pixel. */
export const mmPerPixel = (plane: ViewPlane): number => norm(plane.right);

/** Half the on-canvas width (pixels) of a shaft of radius `radiusMm` lying in or parallel to the plane. */
export const shaftHalfWidthPx = (radiusMm: number, plane: ViewPlane): number => radiusMm / mmPerPixel(plane);
