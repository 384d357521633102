import { describe, expect, it } from 'vitest';
import { PlanStore } from '../../planning/plan/planStore';
import { createMask } from '../../planning/mask/voxelMask';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { ImportedSegment } from '../../interop/importTypes';
import { adoptSegment, adoptTrajectory, type AdoptionTarget } from './adoptImported';

const geometry: VolumeGeometry = { dimensions: [4, 4, 3], spacing: [0.5, 0.5, 2], origin: [0, 0, 0], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] } as unknown as VolumeGeometry;
const segment: ImportedSegment = { number: 2, label: 'Tumour', description: null, colour: '#FF8800', category: null, type: null, trackingId: null, trackingUid: null, algorithmType: null };

function target(): AdoptionTarget {
  let n = 0;
  return { store: new PlanStore(), series: { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', geometry }, newId: (p) => `${p}-${++n}` };
}

const mask = () => {
  const m = createMask([4, 4, 3], { offset: [1, 1, 1], size: [2, 1, 1] });
  m.data.fill(1);
  return m;
};

describe('adoptSegment', () => {
  it('adds the segment as a lesion through an undoable plan command, with its label, colour and the very mask', () => {
    const t = target();
    const m = mask();
    expect(adoptSegment(t, m, geometry, segment, { as: 'lesion' })).toEqual({ ok: true, value: 'lesion-1' });
    const [l] = t.store.draft.lesions;
    expect([l?.record.label, l?.record.colour, l?.mask === m]).toEqual(['Tumour', '#ff8800', true]);
    expect(t.store.getSnapshot().selection).toEqual({ kind: 'lesion', id: 'lesion-1' });
    expect(t.store.getSnapshot().canUndo).toBe(true);
    t.store.undo();
    expect(t.store.draft.lesions).toHaveLength(0);
  });

  it('adds it as a structure at risk of the picked kind, and refuses a mask placed on another grid', () => {
    const t = target();
    expect(adoptSegment(t, mask(), geometry, segment, { as: 'structure', kind: 'bowel' }).ok).toBe(true);
    expect(t.store.draft.structures.map((s) => [s.record.kind, s.record.name, s.shape.kind])).toEqual([['bowel', 'Tumour', 'mask']]);
    const shifted = { ...geometry, origin: [0, 0, 5] } as unknown as VolumeGeometry;
    const r = adoptSegment(t, mask(), shifted, segment, { as: 'lesion' });
    expect(r.ok ? '' : r.error).toMatch(/^the segment's grid is not the plan's: /);
    expect(t.store.draft.lesions).toHaveLength(0);
  });
});

describe('adoptTrajectory', () => {
  const device = defaultCatalogue().devices[0]!.id;
  const candidate = { groupIndex: 0, label: 'B1', trackingUid: null, points: [[1, 2, 3], [4, 5, 6]] as [[number, number, number], [number, number, number]], frameOfReferenceUID: '1.2.4', deviceName: null, deviceId: null };

  it('adds the polyline entry → target with the picked device', () => {
    const t = target();
    expect(adoptTrajectory(t, candidate, device).ok).toBe(true);
    const [tr] = t.store.draft.trajectories;
    expect([tr?.label, tr?.deviceId, tr?.entry, tr?.target, tr?.frameOfReferenceUID]).toEqual(['B1', device, [1, 2, 3], [4, 5, 6], '1.2.4']);
  });

  it('refuses a polyline in another frame of reference', () => {
    const t = target();
    const r = adoptTrajectory(t, { ...candidate, frameOfReferenceUID: '9.9' }, device);
    expect(r.ok ? '' : r.error).toBe("its frame of reference 9.9 is not the plan CT's");
    expect(t.store.draft.trajectories).toHaveLength(0);
  });
});
