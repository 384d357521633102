import { describe, expect, it } from 'vitest';
import { boxFromCorners } from '../mask/voxelBox';
import { createMask } from '../mask/voxelMask';
import { planLesionSchema } from '../records/planLesion';
import type { Trajectory } from '../trajectory/trajectorySchema';
import {
  addLesion,
  addStructure,
  addTrajectory,
  moveTrajectory,
  nextLabel,
  patchLesion,
  patchStructure,
  patchTrajectory,
  removeLesion,
  removeStructure,
  removeTrajectory,
  setLesionMask,
  setStructureMask,
} from './planCommands';
import type { LesionDraft, PlanDraft, StructureDraft } from './planDraft';

const FOR = '1.2.840.1';
const dims = [8, 8, 8] as const;

const metrics = {
  depthMm: 50,
  needleMarginMm: 10,
  craniocaudalAngleDeg: 0,
  craniocaudalDirection: 'none',
  axialAngleDeg: 0,
  axialDirection: 'none',
  inPlane: true,
  tableVerticalAngleDeg: null,
  tableVerticalDirection: null,
  structures: [],
  path: null,
  transpedicular: null,
  warnings: [],
} as const satisfies Trajectory['metrics'];

const trajectory = (id: string, lesionId: string | null): Trajectory => ({
  id,
  label: id,
  deviceId: 'dev',
  zoneSetId: null,
  entry: [0, 0, 0],
  target: [10, 0, 0],
  frameOfReferenceUID: FOR,
  accessRoute: { approach: 'transpedicular', side: 'left' },
  lesionId,
  metrics: { ...metrics, structures: [], warnings: [] },
});

const lesion = (id: string): LesionDraft => ({
  record: planLesionSchema.parse({ id, label: `lesion ${id}` }),
  mask: createMask(dims, boxFromCorners([1, 1, 1], [2, 2, 2])),
  stored: null,
});

const tube: StructureDraft = {
  record: { id: 'S1', kind: 'nerve-root', name: 'L4 root', colour: '#ffff00', safetyDistanceMm: 2 },
  shape: { kind: 'tube', pointsLps: [[0, 0, 0], [1, 1, 1]], radiusMm: 1.5, frameOfReferenceUID: FOR },
  mask: createMask(dims),
};
const canal: StructureDraft = {
  record: { id: 'S2', kind: 'spinal-canal', name: 'Canal', colour: '#00ff00', safetyDistanceMm: 3 },
  shape: { kind: 'mask', stored: null },
  mask: createMask(dims, boxFromCorners([3, 3, 3], [4, 4, 4])),
};

/** A draft frozen (top level and its lists) so that any in-place change by a command throws. */
function base(): PlanDraft {
  const d: PlanDraft = {
    lesions: Object.freeze([lesion('L1'), lesion('L2')]),
    structures: Object.freeze([tube, canal]),
    trajectories: Object.freeze([trajectory('T1', 'L1'), trajectory('T2', 'L2'), trajectory('T3', 'L1')]),
    extra: Object.freeze({ note: 'kept' }),
  };
  return Object.freeze(d);
}

describe('lesion commands', () => {
  it('addLesion appends', () => {
    const d = base();
    const l3 = lesion('L3');
    const next = addLesion(l3)(d);
    expect(next.lesions.map((l) => l.record.id)).toEqual(['L1', 'L2', 'L3']);
    expect(next.lesions[2]).toBe(l3);
    expect(next.extra).toBe(d.extra);
    expect(d.lesions).toHaveLength(2);
  });

  it('patchLesion changes record fields only, keeping mask and stored form', () => {
    const d = base();
    const next = patchLesion('L2', { label: 'T12', type: 'lytic' })(d);
    const l2 = next.lesions[1]!;
    expect(l2.record).toEqual({ ...d.lesions[1]!.record, label: 'T12', type: 'lytic' });
    expect(l2.mask).toBe(d.lesions[1]!.mask);
    expect(l2.stored).toBe(d.lesions[1]!.stored);
    expect(next.lesions[0]).toBe(d.lesions[0]);
    expect(d.lesions[1]!.record.label).toBe('lesion L2');
  });

  it('setLesionMask replaces the mask, forgets the stored form and applies the patch', () => {
    const withStored: PlanDraft = {
      ...base(),
      lesions: [{ ...lesion('L1'), stored: { encoding: 'rle-leb128-base64/v1' } as unknown as LesionDraft['stored'] }],
    };
    const mask = createMask(dims, boxFromCorners([0, 0, 0], [7, 7, 7]));
    const next = setLesionMask('L1', mask, { label: 'grown' })(withStored);
    expect(next.lesions[0]!.mask).toBe(mask);
    expect(next.lesions[0]!.stored).toBeNull();
    expect(next.lesions[0]!.record.label).toBe('grown');
    expect(next.lesions[0]!.record.id).toBe('L1');
    const cleared = setLesionMask('L1', null)(withStored);
    expect(cleared.lesions[0]!.mask).toBeNull();
    expect(cleared.lesions[0]!.record).toEqual(withStored.lesions[0]!.record);
  });

  it('removeLesion removes it and unlinks the trajectories that treated it', () => {
    const d = base();
    const next = removeLesion('L1')(d);
    expect(next.lesions.map((l) => l.record.id)).toEqual(['L2']);
    expect(next.trajectories.map((t) => [t.id, t.lesionId])).toEqual([
      ['T1', null],
      ['T2', 'L2'],
      ['T3', null],
    ]);
    // The unlinked trajectory keeps everything else; an unaffected one is the same object.
    expect(next.trajectories[0]).toEqual({ ...d.trajectories[0]!, lesionId: null });
    expect(next.trajectories[1]).toBe(d.trajectories[1]);
    expect(d.trajectories[0]!.lesionId).toBe('L1');
  });
});

describe('structure commands', () => {
  it('addStructure appends', () => {
    const d = base();
    const s: StructureDraft = { ...canal, record: { ...canal.record, id: 'S3' } };
    const next = addStructure(s)(d);
    expect(next.structures.map((x) => x.record.id)).toEqual(['S1', 'S2', 'S3']);
    expect(next.structures[2]).toBe(s);
  });

  it('patchStructure changes the record, keeping shape and mask', () => {
    const d = base();
    const next = patchStructure('S1', { name: 'L5 root', safetyDistanceMm: 4 })(d);
    const s1 = next.structures[0]!;
    expect(s1.record).toEqual({ id: 'S1', kind: 'nerve-root', name: 'L5 root', colour: '#ffff00', safetyDistanceMm: 4 });
    expect(s1.shape).toBe(tube.shape);
    expect(s1.mask).toBe(tube.mask);
    expect(next.structures[1]).toBe(canal);
  });

  it('setStructureMask sets the voxels and makes the shape a mask to be stored anew', () => {
    const d = base();
    const mask = createMask(dims, boxFromCorners([2, 2, 2], [5, 5, 5]));
    const next = setStructureMask('S2', mask)(d);
    expect(next.structures[1]).toEqual({ record: canal.record, shape: { kind: 'mask', stored: null }, mask });
    expect(next.structures[1]!.mask).toBe(mask);
    expect(next.structures[0]).toBe(tube);
  });

  it('removeStructure removes only that structure', () => {
    const next = removeStructure('S1')(base());
    expect(next.structures).toEqual([canal]);
  });
});

describe('trajectory commands', () => {
  it('addTrajectory appends', () => {
    const t = trajectory('T4', null);
    const next = addTrajectory(t)(base());
    expect(next.trajectories.map((x) => x.id)).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(next.trajectories[3]).toBe(t);
  });

  it('moveTrajectory moves both ends and resets the metrics', () => {
    const d = base();
    const next = moveTrajectory('T2', [1, 2, 3], [4, 5, 6])(d);
    expect(next.trajectories[1]).toEqual({ ...d.trajectories[1]!, entry: [1, 2, 3], target: [4, 5, 6], metrics: null });
    expect(next.trajectories[0]).toBe(d.trajectories[0]);
    expect(d.trajectories[1]!.metrics).not.toBeNull();
    // Only the first three coordinates are taken.
    const fromLonger = moveTrajectory('T1', [1, 2, 3, 99], [4, 5, 6, 99])(d);
    expect(fromLonger.trajectories[0]!.entry).toEqual([1, 2, 3]);
    expect(fromLonger.trajectories[0]!.target).toEqual([4, 5, 6]);
  });

  it('patchTrajectory changes fields and resets the metrics', () => {
    const d = base();
    const next = patchTrajectory('T3', { label: 'probe', deviceId: 'dev-2', zoneSetId: 'z2', lesionId: 'L2', accessRoute: null })(d);
    expect(next.trajectories[2]).toEqual({
      ...d.trajectories[2]!,
      label: 'probe',
      deviceId: 'dev-2',
      zoneSetId: 'z2',
      lesionId: 'L2',
      accessRoute: null,
      metrics: null,
    });
    expect(next.trajectories[0]).toBe(d.trajectories[0]);
  });

  it('removeTrajectory removes only that trajectory', () => {
    const next = removeTrajectory('T2')(base());
    expect(next.trajectories.map((t) => t.id)).toEqual(['T1', 'T3']);
  });
});

describe('commands on ids that do not exist', () => {
  it('leave the content as it was', () => {
    const d = base();
    for (const c of [
      patchLesion('nope', { label: 'x' }),
      setLesionMask('nope', null),
      removeLesion('nope'),
      patchStructure('nope', { name: 'x' }),
      setStructureMask('nope', createMask(dims)),
      removeStructure('nope'),
      moveTrajectory('nope', [9, 9, 9], [9, 9, 9]),
      patchTrajectory('nope', { label: 'x' }),
      removeTrajectory('nope'),
    ]) {
      expect(c(d)).toEqual(d);
    }
  });
});

describe('nextLabel', () => {
  it('gives the prefix with the first number not yet used', () => {
    expect(nextLabel('L', [])).toBe('L1');
    expect(nextLabel('L', ['L1', 'L2'])).toBe('L3');
    expect(nextLabel('L', ['L2', 'L3'])).toBe('L1');
    expect(nextLabel('T', ['L1', 'T1', 'T3'])).toBe('T2');
    expect(nextLabel('Probe ', ['Probe 1', 'Probe1'])).toBe('Probe 2');
  });
});
