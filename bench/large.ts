/**
 * The large-series rows of `npm run bench` (issue 17): a 512×512×1000 CT (a thin-slice pelvis)
 * opened from local files must open as a volume in MPR, within the browser's memory budget, and
 * the peak memory while loading (memory.peakBytesPerVoxel) stays ≤ 2.0 bytes per voxel.
 */
import type { BenchContext } from './browser';

/** One run of the large-series rows (full mode only; quick mode notes why it skipped). */
export async function largeRun(ctx: BenchContext): Promise<void> {
  if (ctx.quick) return;
  // Filled by the memory/large-series work of issue 17.
  await Promise.resolve();
}

/** Declares the large-series and peak-memory rows with their goals. */
export function largeRows(ctx: BenchContext): void {
  const r = ctx.results;
  r.row('memory.peakBytesPerVoxel', 'bytes/voxel', { text: '≤ 2.0 bytes/voxel at the peak while loading', max: 2.0 });
  r.row('large.opensAsVolume', 'yes=1', { text: 'a 512×512×1000 CT opens as a volume in MPR (1), not as a stack (0)', min: 1 });
  r.row('large.volumeReadyMs', 'ms');
  if (ctx.quick) for (const id of ['large.opensAsVolume', 'large.volumeReadyMs']) r.note(id, id.endsWith('Ms') ? 'ms' : 'yes=1', 'not measured in quick mode (full runs only)');
}
