import { cross, dot, normalize, scale, sub, type Vec3 } from '../../../shared/vec3';
import type { PixelPlane } from '../../zones/spheroidSection';

/** The pictures the report shows of a needle. */
export const REPORT_VIEWS = ['axial', 'sagittal', 'coronal', 'probe'] as const;
/** One of {@link REPORT_VIEWS}. */
export type ReportView = (typeof REPORT_VIEWS)[number];

/**
 * A picture's plane: pixel (x, y)'s centre is `origin + x·right + y·down` (LPS mm), `right` and
 * `down` orthogonal with length `mmPerPixel`; `normal` = right × down (unit), pointing away from the viewer.
 */
export interface PicturePlane extends PixelPlane {
  readonly normal: Vec3;
  readonly width: number;
  readonly height: number;
  readonly mmPerPixel: number;
}

/**
 * Sagittal or coronal, whichever plane the needle lies closer to: the sagittal plane's normal is
 * x (left–right), the coronal's y (anterior–posterior); the needle lies closer to the plane whose
 * normal its direction has the smaller component along. Ties go to sagittal.
 */
export function sideViewOf(entry: Vec3, target: Vec3): 'sagittal' | 'coronal' {
  const u = normalize(sub(target, entry));
  return Math.abs(u[0]) <= Math.abs(u[1]) ? 'sagittal' : 'coronal';
}

/**
 * The in-plane unit directions of a view, as radiologists display them: axial seen from the feet
 * (patient's left on the right, posterior down), coronal from the front (left on the right, feet
 * down), sagittal from the patient's left (posterior on the right, feet down), and probe's eye
 * looking down the needle from its entry (feet or, for a craniocaudal needle, posterior down).
 */
function axesOf(view: ReportView, entry: Vec3, target: Vec3): { right: Vec3; down: Vec3 } {
  switch (view) {
    case 'axial':
      return { right: [1, 0, 0], down: [0, 1, 0] };
    case 'coronal':
      return { right: [1, 0, 0], down: [0, 0, -1] };
    case 'sagittal':
      return { right: [0, 1, 0], down: [0, 0, -1] };
    case 'probe': {
      const u = normalize(sub(target, entry));
      // Feet down where the needle allows it (posterior down for a needle along the body's axis),
      // and right = down × needle so that right × down is the needle's direction.
      const ref: Vec3 = Math.abs(u[2]) < 0.9 ? [0, 0, -1] : [0, 1, 0];
      const down = normalize(sub(ref, scale(u, dot(ref, u))));
      return { right: cross(down, u), down };
    }
  }
}

/** What a view's field of view is built from. */
export interface PlaneOptions {
  /** Picture size in pixels (square). */
  readonly size: number;
  /** Field of view in mm across the picture. */
  readonly fovMm: number;
}

/**
 * The plane of one view of a needle: through the target, centred on the needle's midpoint
 * projected into the plane (so entry and target both show where the field allows; the probe's
 * eye view is centred on the target, where the needle's axis pierces it).
 */
export function reportPlane(view: ReportView, entry: Vec3, target: Vec3, options: PlaneOptions): PicturePlane {
  const { right, down } = axesOf(view, entry, target);
  const normal = normalize(cross(right, down));
  const mid = view === 'probe' ? target : scale([entry[0] + target[0], entry[1] + target[1], entry[2] + target[2]], 0.5);
  const centre = sub(mid, scale(normal, dot(sub(mid, target), normal)));
  const mm = options.fovMm / options.size;
  const half = (options.size - 1) / 2;
  const R = scale(right, mm), D = scale(down, mm);
  const origin: Vec3 = [centre[0] - half * (R[0] + D[0]), centre[1] - half * (R[1] + D[1]), centre[2] - half * (R[2] + D[2])];
  return { origin, right: R, down: D, normal, width: options.size, height: options.size, mmPerPixel: mm };
}

/** Pixel coordinates of a world point's orthogonal projection onto the plane. */
export function projectToPixel(plane: PicturePlane, p: Vec3): { x: number; y: number; depthMm: number } {
  const d = sub(p, plane.origin);
  const mm2 = plane.mmPerPixel * plane.mmPerPixel;
  return { x: dot(d, plane.right) / mm2, y: dot(d, plane.down) / mm2, depthMm: dot(d, plane.normal) };
}

/** The patient direction a vector points to most: L/R (x), P/A (y), H/F (z), as DICOM letters. */
export function orientationLetter(v: Vec3): string {
  const ax = Math.abs(v[0]), ay = Math.abs(v[1]), az = Math.abs(v[2]);
  if (ax >= ay && ax >= az) return v[0] >= 0 ? 'L' : 'R';
  if (ay >= az) return v[1] >= 0 ? 'P' : 'A';
  return v[2] >= 0 ? 'H' : 'F';
}
