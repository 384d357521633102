import { describe, expect, it, vi } from 'vitest';
import { planLesionSchema } from '../records/planLesion';
import type { Trajectory } from '../trajectory/trajectorySchema';
import { addLesion, addTrajectory, moveTrajectory, removeTrajectory, type PlanCommand } from './planCommands';
import { EMPTY_DRAFT, type LesionDraft, type PlanDraft } from './planDraft';
import { PlanStore } from './planStore';

const FOR = '1.2.840.1';

const trajectory = (id: string): Trajectory => ({
  id,
  label: id,
  deviceId: 'dev',
  zoneSetId: null,
  entry: [0, 0, 0],
  target: [10, 0, 0],
  frameOfReferenceUID: FOR,
  accessRoute: null,
  lesionId: null,
  metrics: null,
});

const lesion = (id: string): LesionDraft => ({ record: planLesionSchema.parse({ id }), mask: null, stored: null });

/** A command that changes nothing (returns the very draft it was given). */
const noop: PlanCommand = (d) => d;

describe('PlanStore undo and redo', () => {
  it('starts clean with nothing to undo', () => {
    const s = new PlanStore().getSnapshot();
    expect(s.draft).toBe(EMPTY_DRAFT);
    expect(s).toMatchObject({ revision: 0, savedRevision: 0, canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, inGesture: false, selection: null });
  });

  it('makes one undo step per apply, and undo/redo restore the exact draft objects', () => {
    const store = new PlanStore();
    const d0 = store.draft;
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const d1 = store.draft;
    store.apply('add T2', addTrajectory(trajectory('T2')));
    const d2 = store.draft;
    expect(d2.trajectories.map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(store.getSnapshot()).toMatchObject({ canUndo: true, undoLabel: 'add T2', canRedo: false });

    expect(store.undo()).toBe(true);
    expect(store.draft).toBe(d1);
    expect(store.getSnapshot()).toMatchObject({ undoLabel: 'add T1', redoLabel: 'add T2', canRedo: true });
    expect(store.undo()).toBe(true);
    expect(store.draft).toBe(d0);
    expect(store.getSnapshot()).toMatchObject({ canUndo: false, undoLabel: null, redoLabel: 'add T1' });
    expect(store.undo()).toBe(false);
    expect(store.draft).toBe(d0);

    expect(store.redo()).toBe(true);
    expect(store.draft).toBe(d1);
    expect(store.redo()).toBe(true);
    expect(store.draft).toBe(d2);
    expect(store.redo()).toBe(false);
    expect(store.getSnapshot()).toMatchObject({ canRedo: false, undoLabel: 'add T2' });
  });

  it('records nothing for a command that returns the same draft', () => {
    const store = new PlanStore();
    const before = store.getSnapshot();
    store.apply('nothing', noop);
    expect(store.getSnapshot()).toBe(before);
    expect(store.getSnapshot().canUndo).toBe(false);
  });

  it('clears the redo stack on a new apply', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    store.apply('add T2', addTrajectory(trajectory('T2')));
    store.undo();
    expect(store.getSnapshot().canRedo).toBe(true);
    store.apply('add T3', addTrajectory(trajectory('T3')));
    expect(store.getSnapshot()).toMatchObject({ canRedo: false, redoLabel: null, undoLabel: 'add T3' });
    expect(store.redo()).toBe(false);
    expect(store.draft.trajectories.map((t) => t.id)).toEqual(['T1', 'T3']);
  });

  it('keeps at most maxSteps undo steps, dropping the oldest', () => {
    const store = new PlanStore(EMPTY_DRAFT, 3);
    const drafts: PlanDraft[] = [store.draft];
    for (let n = 1; n <= 5; n++) {
      store.apply(`add T${n}`, addTrajectory(trajectory(`T${n}`)));
      drafts.push(store.draft);
    }
    expect(store.undo()).toBe(true);
    expect(store.undo()).toBe(true);
    expect(store.undo()).toBe(true);
    expect(store.draft).toBe(drafts[2]);
    expect(store.getSnapshot().canUndo).toBe(false);
    expect(store.undo()).toBe(false);
    expect(store.draft).toBe(drafts[2]);
  });
});

describe('PlanStore gestures', () => {
  it('undoes a gesture of several applies as one step with the gesture label', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const before = store.draft;
    store.beginGesture('drag T1');
    expect(store.getSnapshot().inGesture).toBe(true);
    store.apply('move', moveTrajectory('T1', [1, 0, 0], [10, 0, 0]));
    store.apply('move', moveTrajectory('T1', [2, 0, 0], [10, 0, 0]));
    store.apply('move', moveTrajectory('T1', [3, 0, 0], [10, 0, 0]));
    // Nothing of the gesture is on the undo stack while it runs.
    expect(store.getSnapshot().undoLabel).toBe('add T1');
    const after = store.draft;
    expect(after.trajectories[0]!.entry).toEqual([3, 0, 0]);
    store.endGesture();
    expect(store.getSnapshot()).toMatchObject({ inGesture: false, canUndo: true, undoLabel: 'drag T1' });

    expect(store.undo()).toBe(true);
    expect(store.draft).toBe(before);
    expect(store.getSnapshot().undoLabel).toBe('add T1');
    expect(store.redo()).toBe(true);
    expect(store.draft).toBe(after);
  });

  it('records nothing for a gesture that changed nothing', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const rev = store.getSnapshot().revision;
    store.beginGesture('drag');
    store.apply('noop', noop);
    store.endGesture();
    expect(store.getSnapshot()).toMatchObject({ inGesture: false, undoLabel: 'add T1', revision: rev });
    store.undo();
    expect(store.draft).toBe(EMPTY_DRAFT);
    expect(store.getSnapshot().canUndo).toBe(false);
  });

  it('undo during a gesture ends it first, then undoes it as one step', () => {
    const store = new PlanStore();
    const before = store.draft;
    store.beginGesture('brush');
    store.apply('dab', addLesion(lesion('L1')));
    store.apply('dab', addLesion(lesion('L2')));
    expect(store.undo()).toBe(true);
    expect(store.draft).toBe(before);
    expect(store.getSnapshot()).toMatchObject({ inGesture: false, canUndo: false, redoLabel: 'brush' });
  });

  it('a new gesture ends the one under way', () => {
    const store = new PlanStore();
    store.beginGesture('first');
    store.apply('x', addTrajectory(trajectory('T1')));
    store.beginGesture('second');
    store.apply('y', addTrajectory(trajectory('T2')));
    store.endGesture();
    expect(store.getSnapshot().undoLabel).toBe('second');
    store.undo();
    expect(store.draft.trajectories.map((t) => t.id)).toEqual(['T1']);
    expect(store.getSnapshot().undoLabel).toBe('first');
  });

  it('endGesture without a gesture does nothing', () => {
    const store = new PlanStore();
    const snap = store.getSnapshot();
    store.endGesture();
    expect(store.getSnapshot()).toBe(snap);
  });
});

describe('PlanStore revisions (dirty tracking)', () => {
  it('counts draft changes and compares them with the saved revision', () => {
    const store = new PlanStore();
    const dirty = () => store.getSnapshot().revision !== store.getSnapshot().savedRevision;
    expect(dirty()).toBe(false);
    store.apply('add T1', addTrajectory(trajectory('T1')));
    expect(store.getSnapshot()).toMatchObject({ revision: 1, savedRevision: 0 });
    expect(dirty()).toBe(true);
    store.markSaved();
    expect(store.getSnapshot()).toMatchObject({ revision: 1, savedRevision: 1 });
    expect(dirty()).toBe(false);
    expect(store.getSnapshot().canUndo).toBe(true);
    store.undo();
    expect(store.getSnapshot()).toMatchObject({ revision: 2, savedRevision: 1 });
    expect(dirty()).toBe(true);
  });

  it('does not change the revision for selection or visibility', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    store.select({ kind: 'trajectory', id: 'T1' });
    store.setHidden('T1', true);
    expect(store.getSnapshot()).toMatchObject({ revision: 1, savedRevision: 0 });
  });

  it('load replaces the draft, forgets history, clears selection and hidden, and is clean', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    store.apply('add T2', addTrajectory(trajectory('T2')));
    store.undo();
    store.select({ kind: 'trajectory', id: 'T1' });
    store.setHidden('T1', true);
    const loaded: PlanDraft = { ...EMPTY_DRAFT, trajectories: [trajectory('X')] };
    store.load(loaded);
    const s = store.getSnapshot();
    expect(s.draft).toBe(loaded);
    expect(s).toMatchObject({ revision: 4, savedRevision: 4, canUndo: false, canRedo: false, selection: null, inGesture: false });
    expect(s.hidden.size).toBe(0);
    expect(store.undo()).toBe(false);
    expect(store.redo()).toBe(false);
  });

  it('load during a gesture drops the gesture', () => {
    const store = new PlanStore();
    store.beginGesture('drag');
    store.apply('x', addTrajectory(trajectory('T1')));
    store.load(EMPTY_DRAFT);
    expect(store.getSnapshot().inGesture).toBe(false);
    store.endGesture();
    expect(store.getSnapshot().canUndo).toBe(false);
  });

  it('markSaved with the server draft replaces the draft without an undo step, and is clean', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const server: PlanDraft = { ...store.draft, extra: { savedBy: 'server' } };
    store.markSaved(server);
    const s = store.getSnapshot();
    expect(s.draft).toBe(server);
    expect(s).toMatchObject({ revision: 2, savedRevision: 2, undoLabel: 'add T1', canRedo: false });
  });
});

describe('PlanStore selection and visibility', () => {
  it('clears the selection when the selected object is removed', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    store.apply('add T2', addTrajectory(trajectory('T2')));
    store.select({ kind: 'trajectory', id: 'T1' });
    store.apply('remove T2', removeTrajectory('T2'));
    expect(store.getSnapshot().selection).toEqual({ kind: 'trajectory', id: 'T1' });
    store.apply('remove T1', removeTrajectory('T1'));
    expect(store.getSnapshot().selection).toBeNull();
  });

  it('clears the selection when undo removes the selected object', () => {
    const store = new PlanStore();
    store.apply('add L1', addLesion(lesion('L1')));
    store.select({ kind: 'lesion', id: 'L1' });
    expect(store.getSnapshot().selection).toEqual({ kind: 'lesion', id: 'L1' });
    store.undo();
    expect(store.getSnapshot().selection).toBeNull();
  });

  it('checks the selected id against the selected kind', () => {
    const store = new PlanStore();
    store.apply('add L1', addLesion(lesion('L1')));
    store.select({ kind: 'trajectory', id: 'L1' });
    store.apply('add T1', addTrajectory(trajectory('T1')));
    // No trajectory L1 exists; a lesion of that id does not keep a trajectory selection.
    expect(store.getSnapshot().selection).toBeNull();
  });

  it('setHidden shows and hides without creating undo steps', () => {
    const store = new PlanStore();
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const draft = store.draft;
    store.setHidden('T1', true);
    const h1 = store.getSnapshot().hidden;
    expect([...h1]).toEqual(['T1']);
    store.setHidden('L9', true);
    expect(h1.has('L9')).toBe(false); // a new set each time; the old snapshot is untouched
    store.setHidden('T1', false);
    expect([...store.getSnapshot().hidden]).toEqual(['L9']);
    expect(store.draft).toBe(draft);
    expect(store.getSnapshot()).toMatchObject({ undoLabel: 'add T1', canRedo: false });
    // Hidden state survives an edit and its undo.
    store.apply('add T2', addTrajectory(trajectory('T2')));
    store.undo();
    expect([...store.getSnapshot().hidden]).toEqual(['L9']);
    expect(store.draft).toBe(draft);
  });
});

describe('PlanStore subscriptions', () => {
  it('notifies on every change with a new snapshot, and stops after unsubscribe', () => {
    const store = new PlanStore();
    const seen: unknown[] = [];
    const listener = vi.fn(() => seen.push(store.getSnapshot()));
    const unsubscribe = store.subscribe(listener);

    store.apply('add T1', addTrajectory(trajectory('T1'))); // 1
    store.select({ kind: 'trajectory', id: 'T1' }); // 2
    store.setHidden('T1', true); // 3
    store.beginGesture('drag'); // 4
    store.apply('move', moveTrajectory('T1', [1, 1, 1], [2, 2, 2])); // 5
    store.endGesture(); // 6
    store.undo(); // 7
    store.redo(); // 8
    store.markSaved(); // 9
    expect(listener).toHaveBeenCalledTimes(9);
    expect(new Set(seen).size).toBe(9);

    store.apply('nothing', noop);
    expect(store.undo()).toBe(true); // 10
    expect(listener).toHaveBeenCalledTimes(10);

    unsubscribe();
    store.apply('add T2', addTrajectory(trajectory('T2')));
    expect(listener).toHaveBeenCalledTimes(10);
  });

  it('does not notify for a no-op apply or a failed undo/redo', () => {
    const store = new PlanStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.apply('nothing', noop);
    expect(store.undo()).toBe(false);
    expect(store.redo()).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });
});
