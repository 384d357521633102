import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { boxFromCorners, type VoxelBox } from '../mask/voxelBox';
import { createMask, type VoxelMask } from '../mask/voxelMask';
import { planLesionSchema } from '../records/planLesion';
import type { StructureKind } from '../records/structureAtRisk';
import type { Trajectory } from '../trajectory/trajectorySchema';
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../volume/volumeGeometry';
import { maskCentroid, metricsInputs } from './metricsInputs';
import { patchStructure } from './planCommands';
import type { LesionDraft, PlanDraft, StructureDraft } from './planDraft';

// Voxel (i, j, k) is centred at (−4 + 0.5 i, 10 + 0.5 j, 100 + 2 k).
const geometry: VolumeGeometry = { dimensions: [10, 10, 6], spacing: [0.5, 0.5, 2], origin: lps(-4, 10, 100), direction: IDENTITY_DIRECTION };

type Ijk = readonly [number, number, number];

function maskWith(box: VoxelBox, voxels: readonly Ijk[]): VoxelMask {
  const m = createMask(geometry.dimensions, box);
  const [ox, oy, oz] = box.offset;
  const [sx, sy] = box.size;
  for (const [i, j, k] of voxels) m.data[((k - oz) * sy + (j - oy)) * sx + (i - ox)] = 1;
  return m;
}

/**
 * A canal on two slices, in a box not at the grid origin:
 * slice 1: (3, 4), (5, 4), (4, 6) → mean (i, j) = (4, 14/3) → LPS (−2, 10 + 7/3, 102);
 * slice 4: (4, 5), (5, 5), (4, 6), (5, 6) → mean (4.5, 5.5) → LPS (−1.75, 12.75, 108).
 */
const canalMask = () =>
  maskWith(boxFromCorners([2, 3, 0], [6, 6, 5]), [
    [3, 4, 1], [5, 4, 1], [4, 6, 1],
    [4, 5, 4], [5, 5, 4], [4, 6, 4], [5, 6, 4],
  ]);
const CANAL_SLICE_1 = [-2, 10 + 7 / 3, 102] as const;
const CANAL_SLICE_4 = [-1.75, 12.75, 108] as const;

/** A cord voxel at (8, 8, 3) → LPS (0, 14, 106): nearer the test targets than the canal. */
const cordMask = () => maskWith(boxFromCorners([8, 8, 3], [8, 8, 3]), [[8, 8, 3]]);

const structure = (id: string, kind: StructureKind, mask: VoxelMask | null): StructureDraft => ({
  record: { id, kind, name: `${kind} ${id}`, colour: '#00ff00', safetyDistanceMm: 2.5 },
  shape: { kind: 'mask', stored: null },
  mask,
});

const lesionMask = () => maskWith(boxFromCorners([1, 2, 3], [3, 4, 4]), [[1, 2, 3], [3, 2, 3], [2, 4, 4], [2, 4, 3]]);
const lesion = (id: string, mask: VoxelMask | null): LesionDraft => ({ record: planLesionSchema.parse({ id }), mask, stored: null });

const draftOf = (structures: StructureDraft[], lesions: LesionDraft[] = []): PlanDraft => ({ lesions, structures, trajectories: [], extra: {} });

const toward = (target: readonly [number, number, number]): Trajectory => ({
  id: 'T1',
  label: '',
  deviceId: 'needle',
  zoneSetId: null,
  entry: [target[0] + 30, target[1] + 60, target[2]],
  target: [target[0], target[1], target[2]],
  frameOfReferenceUID: '1.2.3',
  accessRoute: { approach: 'transpedicular', side: 'left' },
  lesionId: null,
  metrics: null,
});

function expectPoint(p: readonly number[] | null, q: readonly number[]): void {
  expect(p).not.toBeNull();
  for (let a = 0; a < 3; a++) expect(p![a]).toBeCloseTo(q[a]!, 9);
}

describe('metricsInputs prepared masks', () => {
  it('prepares each mask once and finds it again by identity', () => {
    const canal = structure('S1', 'spinal-canal', canalMask());
    const noMask = structure('S2', 'bowel', null);
    const l = lesion('L1', lesionMask());
    const draft = draftOf([canal, noMask], [l, lesion('L2', null)]);
    const a = metricsInputs(draft, geometry);
    const b = metricsInputs(draft, geometry);
    expect(a.structures).toHaveLength(1);
    expect(a.structures![0]).toMatchObject({ id: 'S1', label: 'spinal-canal S1', safetyDistanceMm: 2.5 });
    expect(a.structures![0]!.mask.voxelCount).toBe(7);
    expect(b.structures![0]!.mask).toBe(a.structures![0]!.mask);
    expect(a.lesions!.map((x) => x.id)).toEqual(['L1']);
    expect(a.lesions![0]!.lesion.mask.voxelCount).toBe(4);
    expect(b.lesions![0]!.lesion).toBe(a.lesions![0]!.lesion);

    // A new draft that keeps the mask object (a rename) keeps the prepared mask ...
    const renamed = patchStructure('S1', { name: 'Canal', safetyDistanceMm: 4 })(draft);
    const c = metricsInputs(renamed, geometry);
    expect(c.structures![0]).toMatchObject({ label: 'Canal', safetyDistanceMm: 4 });
    expect(c.structures![0]!.mask).toBe(a.structures![0]!.mask);
    expect(c.lesions![0]!.lesion).toBe(a.lesions![0]!.lesion);

    // ... and an equal but new mask object is prepared anew.
    const d = metricsInputs(draftOf([structure('S1', 'spinal-canal', canalMask())], [lesion('L1', lesionMask())]), geometry);
    expect(d.structures![0]!.mask).not.toBe(a.structures![0]!.mask);
    expect(d.lesions![0]!.lesion).not.toBe(a.lesions![0]!.lesion);
  });
});

describe('metricsInputs canal point', () => {
  it('is the canal centroid on the slice nearest the target', () => {
    const { canalPoint } = metricsInputs(draftOf([structure('S1', 'spinal-canal', canalMask())]), geometry);
    // z 107 → slice 3.5: slice 4 is 0.5 away, slice 1 2.5.
    expectPoint(canalPoint!(toward([0, 14, 107])), CANAL_SLICE_4);
    // z 104 → slice 2: slice 1 is 1 away, slice 4 2.
    expectPoint(canalPoint!(toward([0, 14, 104])), CANAL_SLICE_1);
    // z 105 → slice 2.5, equally far from slices 1 and 4: the lower slice.
    expectPoint(canalPoint!(toward([0, 14, 105])), CANAL_SLICE_1);
  });

  it('uses the spinal canal rather than a nearer spinal cord, and the cord only without a canal', () => {
    const withBoth = metricsInputs(draftOf([structure('C', 'spinal-cord', cordMask()), structure('S1', 'spinal-canal', canalMask())]), geometry);
    expectPoint(withBoth.canalPoint!(toward([0, 14, 107])), CANAL_SLICE_4);
    const cordOnly = metricsInputs(draftOf([structure('C', 'spinal-cord', cordMask())]), geometry);
    expectPoint(cordOnly.canalPoint!(toward([0, 14, 107])), [0, 14, 106]);
  });

  it('is null without a canal or cord structure with voxels', () => {
    const none = metricsInputs(draftOf([structure('B', 'bowel', canalMask())]), geometry);
    expect(none.canalPoint!(toward([0, 14, 107]))).toBeNull();
    const empty = metricsInputs(draftOf([]), geometry);
    expect(empty.canalPoint!(toward([0, 14, 107]))).toBeNull();
    const notShown = metricsInputs(draftOf([structure('S1', 'spinal-canal', null)]), geometry);
    expect(notShown.canalPoint!(toward([0, 14, 107]))).toBeNull();
  });
});

describe('maskCentroid', () => {
  it('is the mean LPS position of the voxels', () => {
    // Voxels (1,2,3), (3,2,3), (2,4,4), (2,4,3): mean index (2, 3, 3.25) → LPS (−3, 11.5, 106.5).
    expectPoint(maskCentroid(lesionMask(), geometry), [-3, 11.5, 106.5]);
    // Asked twice for the same mask: the same answer.
    const m = canalMask();
    // Canal: mean index ((3+5+4+4+5+4+5)/7, (4+4+6+5+5+6+6)/7, (1·3 + 4·4)/7) = (30/7, 36/7, 19/7).
    const expected = [-4 + (0.5 * 30) / 7, 10 + (0.5 * 36) / 7, 100 + (2 * 19) / 7];
    expectPoint(maskCentroid(m, geometry), expected);
    expectPoint(maskCentroid(m, geometry), expected);
  });

  it('is null for an empty mask', () => {
    expect(maskCentroid(createMask(geometry.dimensions, boxFromCorners([0, 0, 0], [2, 2, 2])), geometry)).toBeNull();
    expect(maskCentroid(createMask(geometry.dimensions), geometry)).toBeNull();
  });
});
