import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../devices/defaultCatalogue';
import type { Trajectory } from '../trajectory/trajectorySchema';
import { DEVICE_PREFIX, nextTrajectoryLabel, trajectoryTags } from './trajectoryTags';

const needle = (id: string, label: string, deviceId: string): Trajectory => ({
  id,
  label,
  deviceId,
  zoneSetId: null,
  entry: [0, 0, 0],
  target: [0, 50, 0],
  frameOfReferenceUID: '1.2.3',
  accessRoute: null,
  lesionId: null,
  metrics: null,
});

const catalogue = defaultCatalogue();
const BONE = 'bone-access-11g-150';
const SPINAL = 'spinal-needle-22g-90';
const CRYO = 'generic-cryoprobe-13g';

/** Adds a needle the way the trajectory tool does, and returns its label and its tag. */
function addNeedle(ts: readonly Trajectory[], deviceId: string): { label: string; tag: string; all: Trajectory[] } {
  const kind = catalogue.devices.find((d) => d.id === deviceId)?.kind;
  const t = needle(`t${ts.length + 1}`, nextTrajectoryLabel(ts, catalogue, kind), deviceId);
  const all = [...ts, t];
  return { label: t.label, tag: trajectoryTags(all, catalogue).get(t.id)!, all };
}

describe('one numbering of trajectories (label and tag)', () => {
  it('a second needle added to case 3’s demo plan is B2 in its label and its tag', () => {
    // Case 3's demo needle has a descriptive label (src/server/demo/case3Plan.ts); it is tagged B1.
    const demo = [needle('T1', 'T10 left transpedicular bone access needle', BONE)];
    expect(trajectoryTags(demo, catalogue).get('T1')).toBe('B1');
    const added = addNeedle(demo, BONE);
    expect(added.label).toBe('B2');
    expect(added.tag).toBe('B2');
    expect(trajectoryTags(added.all, catalogue).get('T1')).toBe('B1');
  });

  it('after a needle labelled B1 the next bone access needle is B2 in both', () => {
    const added = addNeedle([needle('a', 'B1', BONE)], BONE);
    expect([added.label, added.tag]).toEqual(['B2', 'B2']);
  });

  it('a spinal needle has the same prefix in its label and its tag', () => {
    const added = addNeedle([], SPINAL);
    expect(DEVICE_PREFIX['spinal-needle']).toBe('S');
    expect([added.label, added.tag]).toEqual(['S1', 'S1']);
  });

  it('each kind counts on its own, and a needle keeps its number when an earlier one goes', () => {
    let ts: Trajectory[] = [];
    for (const d of [CRYO, BONE, CRYO, BONE]) ts = addNeedle(ts, d).all;
    expect(ts.map((t) => t.label)).toEqual(['C1', 'B1', 'C2', 'B2']);
    const withoutFirstBone = ts.filter((t) => t.label !== 'B1');
    // Ranked tags would have renamed B2 to B1 on the images while its label stayed B2.
    expect(trajectoryTags(withoutFirstBone, catalogue).get('t4')).toBe('B2');
    // The freed number is used again, in both.
    expect(addNeedle(withoutFirstBone, BONE).label).toBe('B1');
  });

  it('a label that is another kind’s tag or a duplicate is not taken twice', () => {
    // A cryoprobe the user named "B1": its tag is C1, and no bone needle becomes B1 too.
    const ts = [needle('x', 'B1', CRYO), needle('y', 'C1', CRYO)];
    const tags = trajectoryTags(ts, catalogue);
    expect(tags.get('y')).toBe('C1');
    expect(tags.get('x')).toBe('C2');
    expect(addNeedle(ts, BONE).label).toBe('B2');
    // Two bone needles both labelled B1: the first keeps B1, the second takes B2.
    const dup = trajectoryTags([needle('p', 'B1', BONE), needle('q', 'B1', BONE)], catalogue);
    expect([dup.get('p'), dup.get('q')]).toEqual(['B1', 'B2']);
  });

  it('a device missing from the catalogue is N', () => {
    expect(trajectoryTags([needle('z', 'probe', 'no-such-device')], catalogue).get('z')).toBe('N1');
    expect(nextTrajectoryLabel([], catalogue, undefined)).toBe('N1');
  });
});
