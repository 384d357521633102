import { describe, expect, it } from 'vitest';
import { PlanStore } from '../../planning/plan/planStore';
import { addTrajectory } from '../../planning/plan/planCommands';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { PlanSaver, type SaveRequest, type SendOutcome } from './planSaver';

const trajectory = (id: string): Trajectory => ({
  id,
  label: id,
  deviceId: 'dev',
  zoneSetId: null,
  entry: [0, 0, 0],
  target: [10, 0, 0],
  frameOfReferenceUID: '1.2.840.1',
  accessRoute: null,
  lesionId: null,
  metrics: null,
});

interface Doc {
  version: number;
}

/** A fake server: every save waits until the test resolves it, then stores version base + 1. */
function deferredServer() {
  const calls: { request: SaveRequest<Doc>; resolve: (o: SendOutcome<Doc>) => void; reject: (e: unknown) => void }[] = [];
  const send = (request: SaveRequest<Doc>) =>
    new Promise<SendOutcome<Doc>>((resolve, reject) => {
      calls.push({ request, resolve, reject });
    });
  /** Answers call `i` as the server would: the next version on top of its base. */
  const accept = (i: number) => calls[i]!.resolve({ ok: true, base: { version: (calls[i]!.request.base?.version ?? 0) + 1 } });
  return { calls, send, accept };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('PlanSaver', () => {
  it('an edit made while a save is in flight stays unsaved after that save returns', async () => {
    const store = new PlanStore();
    const server = deferredServer();
    const saver = new PlanSaver<Doc>(store, server.send);
    saver.reset({ version: 1 });
    store.apply('add T1', addTrajectory(trajectory('T1'))); // revision 1
    const done = saver.save();
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.request.revision).toBe(1);
    store.apply('add T2', addTrajectory(trajectory('T2'))); // revision 2, not sent
    server.accept(0);
    await done;
    const s = store.getSnapshot();
    expect(s.savedRevision).toBe(1);
    expect(s.revision).toBe(2);
    // The draft sent held only T1.
    expect(server.calls[0]!.request.draft.trajectories.map((t) => t.id)).toEqual(['T1']);
  });

  it('a second save during the first sends exactly two sequential PUTs, the second on the version the first stored', async () => {
    const store = new PlanStore();
    const server = deferredServer();
    const saver = new PlanSaver<Doc>(store, server.send);
    saver.reset({ version: 4 });
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const first = saver.save();
    store.apply('add T2', addTrajectory(trajectory('T2')));
    const second = saver.save(); // Ctrl+S while the first is in flight
    await flush();
    expect(server.calls).toHaveLength(1); // not sent beside the first
    server.accept(0); // stored version 5
    await flush();
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.request.base).toEqual({ version: 5 }); // not 4: never a self-conflict
    expect(server.calls[1]!.request.draft.trajectories.map((t) => t.id)).toEqual(['T1', 'T2']);
    server.accept(1);
    await Promise.all([first, second]);
    expect(server.calls).toHaveLength(2);
    const s = store.getSnapshot();
    expect(s.savedRevision).toBe(s.revision);
    expect(saver.current).toEqual({ version: 6 });
    expect(saver.saving).toBe(false);
  });

  it('a save asked for during one with no edit meanwhile is not sent again', async () => {
    const store = new PlanStore();
    const server = deferredServer();
    const saver = new PlanSaver<Doc>(store, server.send);
    saver.reset({ version: 1 });
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const first = saver.save();
    const second = saver.save();
    server.accept(0);
    await Promise.all([first, second]);
    expect(server.calls).toHaveLength(1);
  });

  it('a refused save keeps the plan dirty and drops the queued save', async () => {
    const store = new PlanStore();
    const server = deferredServer();
    const saver = new PlanSaver<Doc>(store, server.send);
    saver.reset({ version: 1 });
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const first = saver.save();
    store.apply('add T2', addTrajectory(trajectory('T2')));
    void saver.save();
    server.calls[0]!.resolve({ ok: false });
    await first;
    expect(server.calls).toHaveLength(1);
    expect(store.getSnapshot().savedRevision).toBe(0);
    expect(saver.current).toEqual({ version: 1 });
  });

  it('a thrown send is reported, not unhandled, and leaves the plan dirty', async () => {
    const store = new PlanStore();
    const server = deferredServer();
    const errors: unknown[] = [];
    const saver = new PlanSaver<Doc>(store, server.send, (e) => errors.push(e));
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const done = saver.save();
    server.calls[0]!.reject(new Error('network down'));
    await done;
    expect(errors).toEqual([new Error('network down')]);
    expect(store.getSnapshot().savedRevision).toBe(0);
  });

  it('a save that returns after another plan was opened marks nothing and changes no base', async () => {
    const store = new PlanStore();
    const server = deferredServer();
    const saver = new PlanSaver<Doc>(store, server.send);
    saver.reset({ version: 1 });
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const done = saver.save();
    store.load(store.draft); // another plan opened: revision 2, saved 2
    saver.reset({ version: 7 });
    store.apply('add T2', addTrajectory(trajectory('T2'))); // revision 3
    server.accept(0);
    await done;
    expect(store.getSnapshot()).toMatchObject({ revision: 3, savedRevision: 2 });
    expect(saver.current).toEqual({ version: 7 });
  });

  it('keep mine over theirs saves on the given base', async () => {
    const store = new PlanStore();
    const server = deferredServer();
    const saver = new PlanSaver<Doc>(store, server.send);
    saver.reset({ version: 1 });
    store.apply('add T1', addTrajectory(trajectory('T1')));
    const done = saver.save({ version: 3 });
    expect(server.calls[0]!.request.base).toEqual({ version: 3 });
    expect(server.calls[0]!.request.edited).toBe(true);
    server.accept(0);
    await done;
    expect(saver.current).toEqual({ version: 4 });
  });
  describe('a save refused because the session ended', () => {
    it('stays pending and is saved after signing in again, with the edits made meanwhile', async () => {
      const store = new PlanStore();
      const server = deferredServer();
      const saver = new PlanSaver<Doc>(store, server.send);
      saver.reset({ version: 2 });
      store.apply('add T1', addTrajectory(trajectory('T1'))); // revision 1
      const first = saver.save();
      server.calls[0]!.resolve({ ok: false, signIn: true }); // 401 session-expired
      await first;
      expect(saver.waitingForSignIn).toBe(true);
      expect(saver.saving).toBe(false);
      expect(store.getSnapshot().savedRevision).toBe(0); // nothing lost, nothing marked saved
      store.apply('add T2', addTrajectory(trajectory('T2'))); // revision 2, typed while the dialog was up
      const resumed = saver.resume(); // signed in again
      expect(server.calls).toHaveLength(2);
      // The retry goes on the same stored version (the refused save stored nothing) with both edits.
      expect(server.calls[1]!.request.base).toEqual({ version: 2 });
      expect(server.calls[1]!.request.draft.trajectories.map((t) => t.id)).toEqual(['T1', 'T2']);
      server.accept(1); // 200: version 3
      await resumed;
      expect(saver.waitingForSignIn).toBe(false);
      expect(saver.current).toEqual({ version: 3 });
      expect(store.getSnapshot()).toMatchObject({ revision: 2, savedRevision: 2 });
    });

    it('keeps a "keep mine" base for the retry', async () => {
      const store = new PlanStore();
      const server = deferredServer();
      const saver = new PlanSaver<Doc>(store, server.send);
      saver.reset({ version: 2 });
      store.apply('add T1', addTrajectory(trajectory('T1')));
      const first = saver.save({ version: 5 });
      server.calls[0]!.resolve({ ok: false, signIn: true });
      await first;
      void saver.resume();
      expect(server.calls[1]!.request.base).toEqual({ version: 5 });
    });

    it('is not sent again when resume finds none pending, nor after another plan was opened', async () => {
      const store = new PlanStore();
      const server = deferredServer();
      const saver = new PlanSaver<Doc>(store, server.send);
      saver.reset({ version: 1 });
      await saver.resume();
      expect(server.calls).toHaveLength(0);
      store.apply('add T1', addTrajectory(trajectory('T1')));
      const first = saver.save();
      server.calls[0]!.resolve({ ok: false, signIn: true });
      await first;
      saver.reset({ version: 9 }); // the user opened another plan
      await saver.resume();
      expect(server.calls).toHaveLength(1);
      expect(saver.waitingForSignIn).toBe(false);
    });

    it('a plain refusal is not kept for after sign-in', async () => {
      const store = new PlanStore();
      const server = deferredServer();
      const saver = new PlanSaver<Doc>(store, server.send);
      store.apply('add T1', addTrajectory(trajectory('T1')));
      const first = saver.save();
      server.calls[0]!.resolve({ ok: false });
      await first;
      expect(saver.waitingForSignIn).toBe(false);
      await saver.resume();
      expect(server.calls).toHaveLength(1);
    });
  });
});
