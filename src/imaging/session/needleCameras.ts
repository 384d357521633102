import type { Types } from '@cornerstonejs/core';
import { csFromLps, lpsFromCs } from '../coordinates';
import { needleCamera, type NeedleAxis } from '../plan/needleFrame';
import type { NeedleSlot, ViewportSlot } from '../types';

/** The needle views: perpendicular to the needle and the two planes containing it. */
const NEEDLE_SLOT_LIST: readonly NeedleSlot[] = ['probe', 'inplane0', 'inplane90'];

/** Whether a slot is one of the needle views. */
export const isNeedleSlot = (slot: ViewportSlot): slot is NeedleSlot => (NEEDLE_SLOT_LIST as readonly string[]).includes(slot);

/** The needle views, in a fixed order. */
export const NEEDLE_SLOTS = NEEDLE_SLOT_LIST;

/** Whether two needle axes are the same to a micrometre (a re-save must not re-aim the views). */
export const sameAxis = (a: NeedleAxis, b: NeedleAxis): boolean =>
  [0, 1, 2].every((q) => Math.abs(a.entry[q]! - b.entry[q]!) < 1e-6 && Math.abs(a.target[q]! - b.target[q]!) < 1e-6);

/**
 * Points one needle view along a needle with the camera `needleCamera` computes; unless
 * `recentre`, the probe's eye keeps the depth the user scrolled to. Returns false when the
 * needle has no length (the view is left as it was).
 */
export function aimNeedleView(vp: Types.IVolumeViewport, slot: NeedleSlot, axis: NeedleAxis, recentre: boolean): boolean {
  const prev = vp.getCamera().focalPoint;
  const cam = needleCamera(slot, axis, !recentre && prev ? lpsFromCs(prev) : undefined);
  if (!cam) return false;
  vp.setCamera({
    focalPoint: csFromLps(cam.focalPoint),
    position: csFromLps(cam.position),
    viewPlaneNormal: csFromLps(cam.viewPlaneNormal),
    viewUp: csFromLps(cam.viewUp),
    parallelScale: cam.parallelScale,
  });
  return true;
}
