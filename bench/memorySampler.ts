/**
 * The peak memory of a page while it loads (issue 17, `memory.peakBytesPerVoxel`): polls the
 * DevTools protocol's Runtime.getHeapUsage every ~40 ms and keeps the largest sum of the JS
 * heap in use, the ArrayBuffer backing stores and the embedder's (Blink's) heap.
 *
 * What it includes: everything the page's main-thread isolate holds at each sample, garbage
 * not yet collected included (no GC is forced while sampling: forcing one would hide the peak
 * a user's tab really reaches). What it misses: the heaps of Web Workers (decode workers hold
 * a frame or two each), GPU textures, and a peak shorter than a sample (the protocol answers
 * on the page's main thread, so during a long task the next sample waits for it). One GC is
 * forced before the first sample, so garbage left by an earlier step does not count.
 */
import type { CDPSession } from 'playwright-core';

/** A running sampler; `stop()` ends it and resolves to the peak in bytes (absolute, not a delta). */
export interface PeakSampler {
  stop(): Promise<number>;
}

/**
 * Collects the garbage once (what an earlier step, e.g. the import, left behind is not part of
 * this load's peak), then samples the page behind `cdp` every `intervalMs` until `stop()`.
 */
export async function startPeakSampler(cdp: CDPSession, intervalMs = 40): Promise<PeakSampler> {
  await cdp.send('HeapProfiler.collectGarbage');
  let peak = 0;
  let stopped = false;
  let wake: (() => void) | undefined;
  const sample = async (): Promise<void> => {
    try {
      const u = (await cdp.send('Runtime.getHeapUsage')) as unknown as Record<string, number | undefined>;
      peak = Math.max(peak, (u['usedSize'] ?? 0) + (u['backingStorageSize'] ?? 0) + (u['embedderHeapUsedSize'] ?? 0));
    } catch {
      // The page is closing or busy navigating: the samples taken so far stand.
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      if (stopped) break;
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, intervalMs);
      });
    }
  })();
  return {
    async stop(): Promise<number> {
      stopped = true;
      wake?.();
      await loop;
      // One last sample: the end state counts towards the peak too.
      await sample();
      return peak;
    },
  };
}
