import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './groupCommit';

/** A write the test finishes by hand: each call is kept with its items and its settle functions. */
function manualWriter() {
  const calls: { items: readonly number[]; finish(): void; fail(e: Error): void }[] = [];
  const write = (items: readonly number[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      calls.push({ items: [...items], finish: resolve, fail: reject });
    });
  return { calls, write };
}

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('group commit', () => {
  it('writes an item alone at once when idle, then everything that queued meanwhile in one write, in order', async () => {
    const { calls, write } = manualWriter();
    const gc = createGroupCommit(write, 10);
    const done: number[] = [];
    const first = gc.submit(1).then(() => done.push(1));
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => gc.submit(n).then(() => done.push(n)));
    // Still one write under way: the three wait for it.
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await first;
    await settle();
    expect(done).toEqual([1]);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]?.finish();
    await Promise.all(rest);
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('bounds a write to maxBatch items, the rest going in the writes after it', async () => {
    const { calls, write } = manualWriter();
    const gc = createGroupCommit(write, 3);
    const all = Array.from({ length: 8 }, (_, i) => gc.submit(i));
    // 1 alone (the writer was idle), then 7 queued: 3 + 3 + 1.
    for (let k = 0; k < 4; k++) {
      await settle();
      calls[k]?.finish();
    }
    await Promise.all(all);
    expect(calls.map((c) => c.items)).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it('rejects every item of a failed write with its error, and goes on with the next batch', async () => {
    const { calls, write } = manualWriter();
    const gc = createGroupCommit(write, 10);
    const a = gc.submit(1);
    const b = [gc.submit(2), gc.submit(3)];
    const c = gc.submit(4);
    calls[0]?.finish();
    await a;
    await settle();
    // Items 2, 3 and 4 queued during the first write, so they went together and fail together.
    calls[1]?.fail(new Error('disk full'));
    const results = await Promise.allSettled([...b, c]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : ''))).toEqual(['disk full', 'disk full', 'disk full']);
    // The writer lives on: a later item is written in a write of its own.
    const d = gc.submit(5);
    expect(calls.map((x) => x.items)).toEqual([[1], [2, 3, 4], [5]]);
    calls[2]?.finish();
    await expect(d).resolves.toBeUndefined();
  });

  it('rejects a write that throws before returning a promise', async () => {
    const gc = createGroupCommit<number>(() => {
      throw new Error('no connection');
    }, 5);
    await expect(gc.submit(1)).rejects.toThrow('no connection');
    await expect(gc.submit(2)).rejects.toThrow('no connection');
  });

  it('refuses a batch bound that is not a positive integer', () => {
    expect(() => createGroupCommit(async () => undefined, 0)).toThrow(RangeError);
    expect(() => createGroupCommit(async () => undefined, 1.5)).toThrow(RangeError);
  });
});
