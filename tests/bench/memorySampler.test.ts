import type { CDPSession } from 'playwright-core';
import { expect, it } from 'vitest';
import { startPeakSampler } from '../../bench/memorySampler';

/** A stand-in DevTools session whose heap follows a script: one reading per call, the last repeated. */
function scriptedSession(readings: readonly [number, number, number][]): { cdp: CDPSession; calls: string[] } {
  const calls: string[] = [];
  let i = 0;
  const cdp = {
    send: async (method: string) => {
      calls.push(method);
      if (method === 'HeapProfiler.collectGarbage') return Promise.resolve({});
      const [usedSize, backingStorageSize, embedderHeapUsedSize] = readings[Math.min(i++, readings.length - 1)] as [number, number, number];
      return Promise.resolve({ usedSize, totalSize: usedSize, backingStorageSize, embedderHeapUsedSize });
    },
  } as unknown as CDPSession;
  return { cdp, calls };
}

it('keeps the largest sum of heap, backing stores and embedder heap seen, and never forces a GC', async () => {
  // Sums: 10+5+1 = 16, 20+70+2 = 92 (the peak), 15+30+1 = 46.
  const { cdp, calls } = scriptedSession([
    [10, 5, 1],
    [20, 70, 2],
    [15, 30, 1],
  ]);
  const sampler = await startPeakSampler(cdp, 5);
  await new Promise((r) => setTimeout(r, 60));
  expect(await sampler.stop()).toBe(92);
  expect(calls.length).toBeGreaterThanOrEqual(3);
  // One GC before the first sample, none after it.
  expect(calls[0]).toBe('HeapProfiler.collectGarbage');
  expect(calls.slice(1).every((m) => m === 'Runtime.getHeapUsage')).toBe(true);
});

it('counts the state at stop even when the load ended between two samples', async () => {
  // The first sample sees 16; the one taken at stop sees 200.
  const { cdp } = scriptedSession([
    [10, 5, 1],
    [100, 100, 0],
  ]);
  const sampler = await startPeakSampler(cdp, 10_000);
  expect(await sampler.stop()).toBe(200);
});

it("sums the given processes' resident memory on its own clock", async () => {
  const { cdp } = scriptedSession([[1, 1, 1]]);
  const sampler = await startPeakSampler(cdp, 5, [process.pid]);
  await new Promise((r) => setTimeout(r, 30));
  await sampler.stop();
  // This Node process is resident: tens of MB at least, and the peak is at least the first sample.
  expect(sampler.renderer?.first).toBeGreaterThan(10 * 2 ** 20);
  expect(sampler.renderer?.peak).toBeGreaterThanOrEqual(sampler.renderer?.first ?? Infinity);
});
