import type { Types as ToolTypes } from '@cornerstonejs/tools';
import type { LpsPoint, Vec3 } from '../shared/vec3';
import { distance, dot, norm, sub } from '../shared/vec3';
import type { MeasurementReading, ViewportSlot } from './types';
import { lpsFromCs } from './coordinates';

/** The well-formed world points among an annotation's handles (three finite numbers each). */
const asPoints = (points: readonly unknown[] | undefined): LpsPoint[] =>
  (points ?? [])
    .filter((p): p is ArrayLike<number> => (Array.isArray(p) || p instanceof Float32Array || p instanceof Float64Array) && p.length === 3 && Array.from(p as ArrayLike<number>).every(Number.isFinite))
    .map((p) => lpsFromCs(p));

/** Angle at `b` between the rays to `a` and `c`, in degrees. */
export function angleDeg(a: Vec3, b: Vec3, c: Vec3): number {
  const u = sub(a, b);
  const v = sub(c, b);
  const cos = dot(u, v) / (norm(u) * norm(v));
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
}

/**
 * Lengths and angles from Cornerstone's annotations, computed here from their world points
 * in patient millimetres so the numbers do not depend on the tool's display rounding.
 */
export function readMeasurements(
  all: ToolTypes.Annotations,
  slotOf: (viewportId: string | undefined) => ViewportSlot | undefined,
): MeasurementReading[] {
  const out: MeasurementReading[] = [];
  for (const a of all) {
    // Annotation handles are Cornerstone world points (LPS mm); ones that are not get dropped.
    const points = asPoints(a.data?.handles?.points);
    const tool = a.metadata?.toolName;
    const id = a.annotationUID ?? `${tool}-${out.length}`;
    const slot = slotOf((a.metadata as { viewportId?: string } | undefined)?.viewportId);
    if (tool === 'Length' && points.length >= 2) {
      out.push({ id, kind: 'length', value: distance(points[0]!, points[1]!), unit: 'mm', slot });
    } else if (tool === 'Angle' && points.length >= 3) {
      out.push({ id, kind: 'angle', value: angleDeg(points[0]!, points[1]!, points[2]!), unit: 'deg', slot });
    }
  }
  return out;
}


/** The on-image text of a length annotation, in mm from its world points. */
export function lengthLabel(points: unknown[] | undefined): string[] {
  const p = asPoints(points);
  return p.length >= 2 ? [`${distance(p[0]!, p[1]!).toFixed(1)} mm`] : [];
}

/** The on-image text of an angle annotation, in degrees from its world points. */
export function angleLabel(points: unknown[] | undefined): string[] {
  const p = asPoints(points);
  return p.length >= 3 ? [`${angleDeg(p[0]!, p[1]!, p[2]!).toFixed(1)}°`] : [];
}
