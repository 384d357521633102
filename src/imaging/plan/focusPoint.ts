import type { VolumeGeometry } from '../../planning/lesions';
import { maskCentroid } from '../../planning/plan/metricsInputs';
import type { PlanDraft } from '../../planning/plan/planDraft';
import { lps, type LpsPoint } from '../../shared/vec3';

/**
 * Where the views go to show a plan object: a trajectory's tip, a lesion's or structure's
 * mask centroid; null when there is nothing to show (no mask, or no grid to place it on).
 */
export function focusPoint(draft: PlanDraft, kind: 'lesion' | 'structure' | 'trajectory', id: string, geometry: VolumeGeometry | undefined): LpsPoint | null {
  if (kind === 'trajectory') {
    const t = draft.trajectories.find((x) => x.id === id);
    return t ? lps(t.target[0], t.target[1], t.target[2]) : null;
  }
  const mask = kind === 'lesion' ? draft.lesions.find((l) => l.record.id === id)?.mask : draft.structures.find((s) => s.record.id === id)?.mask;
  return mask && geometry ? maskCentroid(mask, geometry) : null;
}

/** Where the views go, and what must stay on screen around it. */
export interface FocusTarget {
  readonly point: LpsPoint;
  /** Points kept in every view (a needle's entry, the plan's needles): the views zoom out, never in, for them. */
  readonly keepVisible: readonly LpsPoint[];
}

const pointOf = (p: readonly number[]): LpsPoint => lps(p[0]!, p[1]!, p[2]!);

/**
 * Like `focusPoint`, with what must stay visible: a trajectory's whole needle (its entry, on
 * the skin side, was cut off when the views only moved their slices to the tip).
 */
export function focusTarget(draft: PlanDraft, kind: 'lesion' | 'structure' | 'trajectory', id: string, geometry: VolumeGeometry | undefined): FocusTarget | null {
  const point = focusPoint(draft, kind, id, geometry);
  if (!point) return null;
  const t = kind === 'trajectory' ? draft.trajectories.find((x) => x.id === id) : undefined;
  return { point, keepVisible: t ? [pointOf(t.entry), pointOf(t.target)] : [] };
}

/**
 * Where the views go when a plan opens: its first lesion's centre (else its first needle's
 * tip), with every needle, entry to tip, kept on screen; null for an empty plan.
 */
export function planFocusTarget(draft: PlanDraft, geometry: VolumeGeometry | undefined): FocusTarget | null {
  const needles = draft.trajectories.flatMap((t) => [pointOf(t.entry), pointOf(t.target)]);
  const lesion = geometry ? draft.lesions.map((l) => (l.mask ? maskCentroid(l.mask, geometry) : null)).find((p) => p !== null) : undefined;
  const point = lesion ?? needles[1];
  return point ? { point, keepVisible: needles } : null;
}
