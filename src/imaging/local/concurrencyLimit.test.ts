import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './concurrencyLimit';

/** A task that records when it starts and finishes only when told. */
function gate(log: string[], name: string): { task: () => Promise<string>; open: () => void } {
  let open = (): void => undefined;
  const done = new Promise<void>((r) => (open = r));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    open: () => open(),
  };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('concurrencyLimit', () => {
  it('runs at most `limit` tasks at once and starts the waiting ones in the order they asked', async () => {
    const log: string[] = [];
    const run = concurrencyLimit(2);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => gate(log, n));
    const results = [a!, b!, c!, d!].map((g) => run(g.task));
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b!.open();
    await tick();
    // b's end frees a place: c (asked before d) starts, d still waits.
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    a!.open();
    c!.open();
    d!.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    // d started only once a's end freed a place (c still held the other one).
    expect(log.indexOf('start d')).toBeGreaterThan(log.indexOf('end a'));
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('frees its place when a task fails', async () => {
    const run = concurrencyLimit(1);
    await expect(run(() => Promise.reject(new Error('unreadable')))).rejects.toThrow('unreadable');
    expect(await run(() => Promise.resolve(7))).toBe(7);
  });
});
