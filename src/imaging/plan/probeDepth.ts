import { dot, sub, type Vec3 } from '../../shared/vec3';

/** A needle's ends (LPS mm), as ./needleFrame's NeedleAxis (not imported: it imports this file). */
interface NeedleEnds {
  readonly entry: Vec3;
  readonly target: Vec3;
}

/** How far before the entry (outside the skin) the probe's eye may look (mm). */
export const PROBE_BEFORE_ENTRY_MM = 10;
/** How far past the tip the probe's eye may look (mm): the zone beyond the tip. */
export const PROBE_BEYOND_TIP_MM = 20;

/** The probe's-eye depth range of a needle `lengthMm` long: from before the entry to past the tip (mm). */
export const probeDepthRange = (lengthMm: number): { readonly min: number; readonly max: number } => ({
  min: -PROBE_BEFORE_ENTRY_MM,
  max: lengthMm + PROBE_BEYOND_TIP_MM,
});

/** A depth held inside the needle's probe's-eye range. */
export function clampProbeDepth(depthMm: number, lengthMm: number): number {
  const r = probeDepthRange(lengthMm);
  return Math.min(r.max, Math.max(r.min, depthMm));
}

/**
 * The depth along the needle of the slice through `point` (mm, 0 at the entry, the needle's
 * length at the tip, negative outside the skin): the projection of entry → point on the
 * needle's direction, so a panned view (focal point off the needle) reads the same depth.
 * Undefined for a needle of no length.
 */
export function depthAlongNeedle(axis: NeedleEnds, point: Vec3): number | undefined {
  const d = sub(axis.target, axis.entry);
  const length = Math.hypot(d[0], d[1], d[2]);
  return length > 1e-6 ? dot(sub(point, axis.entry), d) / length : undefined;
}

/** The probe's depth readout: "Depth 34.0 mm · tip at 80.0 mm". */
export const probeDepthText = (depthMm: number, lengthMm: number): string => `Depth ${depthMm.toFixed(1)} mm · tip at ${lengthMm.toFixed(1)} mm`;
