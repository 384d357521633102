/**
 * The large-series rows of `npm run bench` (issue 17): a 512×512×1000 CT (a thin-slice pelvis)
 * opened from local files must open as a volume in MPR, within the browser's memory budget, and
 * the peak memory while loading (memory.peakBytesPerVoxel) stays ≤ 2.0 bytes per voxel.
 */
import { heap, newPage, readMarks, waitLoaded, type BenchContext } from './browser';
import { ensureLargeCt } from './generate';
import { rendererPids, startPeakSampler } from './memorySampler';

/** Slices of the large series (0.5 mm, so 500 mm of pelvis and thighs). */
const LARGE_SLICES = 1000;

const PEAK_NOTE =
  'CDP Runtime.getHeapUsage (usedSize + backingStorageSize + embedderHeapUsedSize) polled every ~40 ms from the Open click to the volume ready, no GC forced while sampling (garbage not yet collected counts), peak minus the heap after a forced GC before the import, per voxel; the page main thread only: decode workers\' heaps and GPU textures (SwiftShader\'s copy of the 3D texture) are not included';

/**
 * One run of the large-series rows (full mode only): our product opens the thin-slice pelvis
 * from local files as a user would (file input, import, Open), and the page says whether it
 * chose the MPR volume or fell back to a stack.
 */
export async function largeRun(ctx: BenchContext): Promise<void> {
  if (ctx.quick) return;
  const { browser, base, pages, results, log } = ctx;
  const ct = await ensureLargeCt(ctx.cacheRoot, LARGE_SLICES, log);
  const { context, page, cdp } = await newPage(browser, base, pages, log);
  try {
    await page.goto(base);
    await page.waitForSelector('[data-testid="drop-zone"]', { timeout: 60_000 });
    await page.evaluate(() => document.addEventListener('click', () => ((window as unknown as Record<string, number>)['__openT0'] = performance.now()), { capture: true }));
    const before = await heap(cdp);
    await page.setInputFiles('[data-testid="file-input"]', ct.files);
    const n = ct.files.length;
    await page.waitForFunction((count) => new RegExp(`Read ${count} of ${count} files`).test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''), n, { timeout: ctx.loadTimeout, polling: 250 });
    const sampler = await startPeakSampler(cdp, 40, await rendererPids(browser));
    await page.locator(`tr[data-study-uid="${ct.studyInstanceUID}"]`).locator('button', { hasText: 'Open' }).click();
    await waitLoaded(page, ctx.loadTimeout);
    const peakBytes = await sampler.stop();
    const openT0 = await page.evaluate(() => (window as unknown as Record<string, number>)['__openT0'] ?? NaN);
    const view = await page.evaluate(() => ({
      mode: window.__percuplan?.session?.getSnapshot().mode ?? null,
      tooLarge: document.querySelector('[data-testid="too-large"]')?.textContent ?? null,
    }));
    const marks = await readMarks(page);
    await page.waitForTimeout(500);
    const after = await heap(cdp);
    const voxels = ct.rows * ct.columns * ct.slices;
    results.record('large.opensAsVolume', 'yes=1', 'ours', view.mode === 'mpr' ? 1 : 0);
    if (view.mode !== 'mpr') results.note('large.opensAsVolume', 'yes=1', `opened as ${view.mode ?? 'nothing'}${view.tooLarge ? `: ${view.tooLarge}` : ''}`);
    results.record('large.volumeReadyMs', 'ms', 'ours', (marks.ready ?? NaN) - openT0);
    results.record('large.peakBytesPerVoxel', 'bytes/voxel', 'ours', (peakBytes - before.bytes) / voxels);
    results.record('large.bytesPerVoxel', 'bytes/voxel', 'ours', (after.bytes - before.bytes) / voxels);
    if (sampler.renderer) results.record('large.peakRendererBytesPerVoxel', 'bytes/voxel', 'ours', (sampler.renderer.peak - sampler.renderer.first) / voxels);
    log(`  large: ${view.mode ?? 'no session'}; volume ready ${((marks.ready ?? NaN) - openT0).toFixed(0)} ms; peak ${((peakBytes - before.bytes) / voxels).toFixed(2)} B/voxel, end ${((after.bytes - before.bytes) / voxels).toFixed(2)} B/voxel; renderer RSS peak +${sampler.renderer ? ((sampler.renderer.peak - sampler.renderer.first) / voxels).toFixed(2) : '?'} B/voxel`);
  } finally {
    await context.close();
  }
}

/** Declares the large-series and peak-memory rows with their goals. */
export function largeRows(ctx: BenchContext): void {
  const r = ctx.results;
  r.row('memory.peakBytesPerVoxel', 'bytes/voxel', { text: '≤ 2.0 bytes/voxel at the peak while loading', max: 2.0 });
  r.note('memory.peakBytesPerVoxel', 'bytes/voxel', `ours: ${PEAK_NOTE}; floor and peer: the same sampler from handing the files to the page to their load end`);
  r.row('large.opensAsVolume', 'yes=1', { text: 'a 512×512×1000 CT opens as a volume in MPR (1), not as a stack (0)', min: 1 });
  r.note('large.opensAsVolume', 'yes=1', `the ${LARGE_SLICES}-slice 0.5 mm pelvis (512×512, 16-bit) from local files; 1 when the session's snapshot mode is mpr after the load`);
  r.row('large.volumeReadyMs', 'ms');
  r.note('large.volumeReadyMs', 'ms', 'from the Open click to the volume complete (percuplan:volume-ready), import not counted');
  r.row('large.peakBytesPerVoxel', 'bytes/voxel', { text: '≤ 2.0 bytes/voxel at the peak while loading', max: 2.0 });
  r.note('large.peakBytesPerVoxel', 'bytes/voxel', PEAK_NOTE);
  r.row('large.peakRendererBytesPerVoxel', 'bytes/voxel');
  r.note(
    'large.peakRendererBytesPerVoxel',
    'bytes/voxel',
    "the renderer processes' resident memory (VmRSS, read from /proc every ~40 ms in Node, so long tasks in the page do not hide a peak): most seen from the Open click to the volume ready minus its value at the click, per voxel; every renderer thread (decode workers too), garbage and allocator slack included; SwiftShader's textures live in the GPU process and are not",
  );
  r.row('large.bytesPerVoxel', 'bytes/voxel', { text: '≤ 2.0 bytes/voxel at the end', max: 2.0 });
  r.note('large.bytesPerVoxel', 'bytes/voxel', 'as memory.bytesPerVoxel: heap after a forced GC, loaded minus before import, per voxel');
  if (ctx.quick) for (const [id, unit] of [['large.opensAsVolume', 'yes=1'], ['large.volumeReadyMs', 'ms'], ['large.peakBytesPerVoxel', 'bytes/voxel'], ['large.peakRendererBytesPerVoxel', 'bytes/voxel'], ['large.bytesPerVoxel', 'bytes/voxel']] as const) r.note(id, unit, 'not measured in quick mode (full runs only: the 1000-slice series takes ~30 s to generate once and ~0.5 GB)');
}
