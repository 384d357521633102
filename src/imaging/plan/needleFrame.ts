import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../shared/vec3';
import type { NeedleSlot } from '../types';
import { clampProbeDepth } from './probeDepth';

/** A needle the needle views follow: entry (skin) and target (tip), LPS mm. */
export interface NeedleAxis {
  readonly entry: Vec3;
  readonly target: Vec3;
}

/** Unit vectors of a needle's views and its length (mm). */
export interface NeedleFrame {
  /** Along the needle, entry → tip. */
  readonly u: Vec3;
  /** The patient's anterior made perpendicular to `u` (superior when the needle runs antero-posteriorly). */
  readonly e0: Vec3;
  /** u × e0. */
  readonly e1: Vec3;
  readonly length: number;
}

/**
 * The frame of a needle's views, or undefined for a needle of no length. Anterior is the
 * reference because the patient lies supine or prone: the in-plane views then show the
 * needle with the table horizontal.
 */
export function needleFrame(axis: NeedleAxis): NeedleFrame | undefined {
  const d = sub(axis.target, axis.entry);
  const length = Math.hypot(d[0], d[1], d[2]);
  if (!(length > 1e-6)) return undefined;
  const u = scale(d, 1 / length);
  const anterior: Vec3 = [0, -1, 0];
  let r = sub(anterior, scale(u, dot(anterior, u)));
  if (Math.hypot(r[0], r[1], r[2]) < 0.2) {
    const superior: Vec3 = [0, 0, 1];
    r = sub(superior, scale(u, dot(superior, u)));
  }
  const e0 = normalize(r);
  return { u, e0, e1: normalize(cross(u, e0)), length };
}

/** A camera for a needle view, in the terms of Cornerstone's `setCamera` (LPS mm). */
export interface NeedleCamera {
  readonly focalPoint: Vec3;
  readonly position: Vec3;
  /** Towards the camera. */
  readonly viewPlaneNormal: Vec3;
  readonly viewUp: Vec3;
  /** Half the view's height, mm. */
  readonly parallelScale: number;
}

/** How far the camera sits from its focal point (mm); parallel projection, so only its side matters. */
const CAMERA_DISTANCE_MM = 500;

/**
 * The camera of a needle view. The probe's eye looks down the needle from the entry, up is
 * `e0`, and it opens at the entry (the skin), where the radiologist starts; when
 * `keepDepthFrom` is given (the previous focal point, while a needle is dragged) it keeps the
 * depth the user scrolled to, within the probe's depth range (./probeDepth). The in-plane views contain the needle, tip down,
 * centred on its middle: `inplane0` looks along `e1`, `inplane90` along `e0`.
 */
export function needleCamera(slot: NeedleSlot, axis: NeedleAxis, keepDepthFrom?: Vec3): NeedleCamera | undefined {
  const frame = needleFrame(axis);
  if (!frame) return undefined;
  const { u, e0, e1, length } = frame;
  let focal: Vec3, normal: Vec3, up: Vec3;
  if (slot === 'probe') {
    normal = scale(u, -1);
    up = e0;
    const depth = keepDepthFrom ? clampProbeDepth(dot(sub(keepDepthFrom, axis.entry), u), length) : 0;
    focal = add(axis.entry, scale(u, depth));
  } else {
    normal = slot === 'inplane0' ? e1 : e0;
    up = scale(u, -1);
    focal = add(axis.entry, scale(u, length / 2));
  }
  return {
    focalPoint: focal,
    position: add(focal, scale(normal, CAMERA_DISTANCE_MM)),
    viewPlaneNormal: normal,
    viewUp: up,
    parallelScale: slot === 'probe' ? 50 : Math.max(60, length * 0.65),
  };
}
