import { describe, expect, it } from 'vitest';
import { boxFromCorners, createMask, IDENTITY_DIRECTION, planLesionSchema, type VolumeGeometry } from '../../planning/lesions';
import type { PlanDraft } from '../../planning/plan/planDraft';
import { lps } from '../../shared/vec3';
import { focusPoint } from './focusPoint';

// 2 mm voxels from (100, 0, −50).
const geometry: VolumeGeometry = { dimensions: [10, 10, 10], spacing: [2, 2, 2], origin: lps(100, 0, -50), direction: IDENTITY_DIRECTION };
// Voxels 2…3 on each axis: centroid index 2.5 → 100 + 5 = 105, 0 + 5 = 5, −50 + 5 = −45.
const mask = createMask(geometry.dimensions, boxFromCorners([2, 2, 2], [3, 3, 3]));
mask.data.fill(1);
const draft: PlanDraft = {
  lesions: [{ record: planLesionSchema.parse({ id: 'L', label: 'L1' }), mask, stored: null }],
  structures: [],
  trajectories: [{ id: 'T', label: 'C1', deviceId: 'd', zoneSetId: null, entry: [0, 0, 0], target: [1, 2, 3], frameOfReferenceUID: 'f', accessRoute: null, lesionId: null, metrics: null }],
  extra: {},
};

describe('focusPoint', () => {
  it('a trajectory’s tip', () => {
    expect(focusPoint(draft, 'trajectory', 'T', undefined)).toEqual([1, 2, 3]);
  });

  it('a mask’s centroid on the grid', () => {
    expect(focusPoint(draft, 'lesion', 'L', geometry)).toEqual([105, 5, -45]);
  });

  it('nothing without a grid, or for an unknown id', () => {
    expect(focusPoint(draft, 'lesion', 'L', undefined)).toBeNull();
    expect(focusPoint(draft, 'structure', 'L', geometry)).toBeNull();
    expect(focusPoint(draft, 'trajectory', 'nope', geometry)).toBeNull();
  });
});
