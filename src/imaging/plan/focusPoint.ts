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
