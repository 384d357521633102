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
 *
 * Given the renderer processes' pids, it also sums their resident memory (VmRSS in
 * /proc/<pid>/status, read here in Node, so a long task in the page does not delay it): every
 * thread of the renderer (main, decode workers), V8 and Blink heaps, garbage and allocator
 * slack; not the GPU process (SwiftShader's textures).
 */
import { readFile } from 'node:fs/promises';
import type { Browser, CDPSession } from 'playwright-core';

/** A running sampler; `stop()` ends it and resolves to the peak in bytes (absolute, not a delta). */
export interface PeakSampler {
  stop(): Promise<number>;
  /** The renderer processes' resident memory: at the first sample and the most seen (bytes); absent without pids. */
  readonly renderer?: { first: number; peak: number };
}

/** The pids of the browser's renderer processes (DevTools SystemInfo.getProcessInfo), for the resident-memory samples. */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const session = await browser.newBrowserCDPSession();
  try {
    const info = (await session.send('SystemInfo.getProcessInfo')) as unknown as { processInfo: { type: string; id: number }[] };
    return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** VmRSS of the processes, summed (bytes); a process gone counts 0. */
async function residentBytes(pids: readonly number[]): Promise<number> {
  let sum = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    if (kb) sum += Number(kb) * 1024;
  }
  return sum;
}

/**
 * Collects the garbage once (what an earlier step, e.g. the import, left behind is not part of
 * this load's peak), then samples the page behind `cdp` every `intervalMs` until `stop()`.
 */
export async function startPeakSampler(cdp: CDPSession, intervalMs = 40, pids: readonly number[] = []): Promise<PeakSampler> {
  await cdp.send('HeapProfiler.collectGarbage');
  let peak = 0;
  let stopped = false;
  let wake: (() => void) | undefined;
  const renderer = pids.length > 0 ? { first: await residentBytes(pids), peak: 0 } : undefined;
  // The resident-memory samples run on their own clock: the heap samples wait for the page.
  const rss = renderer
    ? (async () => {
        while (!stopped) {
          renderer.peak = Math.max(renderer.peak, await residentBytes(pids));
          await new Promise((r) => setTimeout(r, intervalMs));
        }
      })()
    : Promise.resolve();
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
    renderer,
    async stop(): Promise<number> {
      stopped = true;
      wake?.();
      await Promise.all([loop, rss]);
      // One last sample: the end state counts towards the peak too.
      await sample();
      return peak;
    },
  };
}
