/**
 * The local-files rows of `npm run bench`: our product opening the bench CT from files handed
 * to the page (import, first image, volume ready, memory, MPR scroll, the plan drag), the
 * floor and the peer (dwv) reading the same files, in the same run.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { BenchPageResult } from './pages/shared';
import { heap, newPage, readMarks, scrollSteps, waitLoaded, type BenchContext, type BenchPages } from './browser';
import { startPeakSampler } from './memorySampler';
import { planDrag } from './planning';
import { median, percentile } from './results';

/** One run of the local rows: ours (with the scroll and the plan drag), the floor, the peer. */
export async function localRun(ctx: BenchContext, onlyPlan: boolean): Promise<void> {
  await step(ctx, 'ours, local files', 'local.volumeReadyMs', () => oursLocal(ctx, true));
  if (onlyPlan) return;
  const { results, log, ct } = ctx;
  const t0 = Date.now();
  const floor = await benchPage(ctx.browser, ctx.base, ctx.pages, 'floor', ct.raw.files, ctx.loadTimeout);
  log(`  floor, local files (dicom-parser in ${ctx.workers} workers → one Int16Array): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (floor.result.error) results.note('local.volumeReadyMs', 'ms', `floor error: ${floor.result.error}`);
  results.record('local.firstImageMs', 'ms', 'floor', floor.result.firstMs);
  results.record('local.firstImageFromFilesMs', 'ms', 'floor', floor.result.firstMs);
  results.record('local.volumeReadyMs', 'ms', 'floor', floor.result.allMs);
  results.record('local.volumeReadyFromFilesMs', 'ms', 'floor', floor.result.allMs);
  if (floor.result.volumeBytes && floor.result.voxels) results.record('memory.bytesPerVoxel', 'bytes/voxel', 'floor', floor.result.volumeBytes / floor.result.voxels);
  if (floor.result.allMs !== undefined) results.record('memory.peakBytesPerVoxel', 'bytes/voxel', 'floor', floor.peakBytes / (ct.rows * ct.columns * ct.slices));
  try {
    const t1 = Date.now();
    const peer = await benchPage(ctx.browser, ctx.base, ctx.pages, 'peer', ct.raw.files, ctx.loadTimeout);
    log(`  peer (dwv), local files: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    if (peer.result.error) results.note('local.volumeReadyMs', 'ms', `dwv error: ${peer.result.error}`);
    results.record('local.firstImageMs', 'ms', 'peer', peer.result.firstMs);
    results.record('local.firstImageFromFilesMs', 'ms', 'peer', peer.result.firstMs);
    results.record('local.volumeReadyMs', 'ms', 'peer', peer.result.allMs);
    results.record('local.volumeReadyFromFilesMs', 'ms', 'peer', peer.result.allMs);
    if (peer.result.allMs !== undefined) results.record('memory.bytesPerVoxel', 'bytes/voxel', 'peer', peer.heapBytes / (ct.rows * ct.columns * ct.slices));
    if (peer.result.allMs !== undefined) results.record('memory.peakBytesPerVoxel', 'bytes/voxel', 'peer', peer.peakBytes / (ct.rows * ct.columns * ct.slices));
  } catch (e) {
    results.note('local.volumeReadyMs', 'ms', `dwv failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

/** Declares the local rows with their goals and notes (after the runs, so the shape is stable). */
export function localRows(ctx: BenchContext): void {
  const r = ctx.results;
  r.row('local.firstImageMs', 'ms', { text: "≤ 1.5× the floor's first file; ≥ 5× faster than dwv", maxRatioToFloor: 1.5, minSpeedupOverPeer: 5 });
  r.note('local.firstImageMs', 'ms', 'ours: from the Open click to the first frame rendered after the first slice arrived (import counted in local.importMs); floor: first file read, parsed and converted; peer: dwv first render');
  r.note('local.firstImageFromFilesMs', 'ms', 'ours: local.importMs + local.firstImageMs, i.e. from handing the files to the page');
  r.row('local.volumeReadyMs', 'ms', { text: '≤ 1.3× the floor; ≥ 2× faster than dwv', maxRatioToFloor: 1.3, minSpeedupOverPeer: 2 });
  r.note('local.volumeReadyMs', 'ms', 'ours: from the Open click to the volume complete; floor: every file parsed and copied into one Int16Array; peer: dwv load event');
  r.row('local.importMs', 'ms');
  r.note('local.importMs', 'ms', 'reading every header in the worklist import (files handed to the page → import report); floor and peer have no separate import');
  r.row('memory.bytesPerVoxel', 'bytes/voxel', { text: '≤ 2.0 bytes/voxel at the end', max: 2.0 });
  r.note('memory.bytesPerVoxel', 'bytes/voxel', 'floor: the Int16Array alone; peer: dwv, same CDP heap delta as ours');
  r.row('mpr.scrollStepMs', 'ms', { text: '≤ 16.7 ms at the median (one 60 Hz frame; needs a real GPU)', max: 16.7 });
  r.note('mpr.scrollStepMs', 'ms', `ours: synthetic wheel event on each MPR view to the next CORNERSTONE_IMAGE_RENDERED, ${ctx.scrollSteps} steps per view (axial, sagittal, coronal) after the volume is complete; floor and peer: none`);
}

/** Runs one measurement and logs its duration; a failure becomes a note on `id` and the bench goes on. */
export async function step(ctx: Pick<BenchContext, 'log' | 'results'>, label: string, id: string, fn: () => Promise<void>, unit = 'ms'): Promise<void> {
  const t0 = Date.now();
  try {
    await fn();
    ctx.log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    ctx.log(`  ${label} FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${msg}`);
    ctx.results.note(id, unit, `${label} failed: ${msg}`);
  }
}

async function oursLocal(ctx: BenchContext, withScroll: boolean): Promise<void> {
  const { browser, base, pages, ct, results, log } = ctx;
  const LOAD_TIMEOUT = ctx.loadTimeout;
  const record = results.record.bind(results);
  const note = results.note.bind(results);
  const { context, page, cdp } = await newPage(browser, base, pages, log);
  try {
    await page.goto(base);
    await page.waitForSelector('[data-testid="drop-zone"]', { timeout: 60_000 });
    await page.evaluate(() => {
      const input = document.querySelector('[data-testid="file-input"]');
      input?.addEventListener('change', () => ((window as unknown as Record<string, number>)['__importT0'] = performance.now()), { capture: true });
      document.addEventListener('click', () => ((window as unknown as Record<string, number>)['__openT0'] = performance.now()), { capture: true });
    });
    const before = await heap(cdp);
    await page.setInputFiles('[data-testid="file-input"]', ct.raw.files);
    const n = ct.raw.files.length;
    const importEnd = await page.waitForFunction(
      (count) => (new RegExp(`Read ${count} of ${count} files`).test(document.querySelector('[data-testid="import-report"]')?.textContent ?? '') ? performance.now() : 0),
      n,
      { timeout: LOAD_TIMEOUT, polling: 'raf' },
    );
    const importMs = ((await importEnd.jsonValue()) as number) - (await page.evaluate(() => (window as unknown as Record<string, number>)['__importT0'] ?? NaN));
    record('local.importMs', 'ms', 'ours', importMs);
    // BENCH_CPU_PROFILE=<file>: a JS CPU profile of the page from the Open click to volume-ready (diagnosis only).
    const profileOut = process.env['BENCH_CPU_PROFILE'];
    if (profileOut) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
    }
    const peakSampler = await startPeakSampler(cdp);
    await page.locator(`tr[data-study-uid="${ct.raw.studyInstanceUID}"]`).locator('button', { hasText: 'Open' }).click();
    await waitLoaded(page, LOAD_TIMEOUT);
    const peakBytes = await peakSampler.stop();
    if (profileOut) writeFileSync(profileOut, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const openT0 = await page.evaluate(() => (window as unknown as Record<string, number>)['__openT0'] ?? NaN);
    const marks = await readMarks(page);
    log(`  phases after the Open click (ms): ${await phases(page, openT0)}`);
    if (marks.first === undefined || marks.ready === undefined) note('local.firstImageMs', 'ms', 'performance marks absent: rebuild the app (npx vite build)');
    record('local.firstImageMs', 'ms', 'ours', (marks.first ?? NaN) - openT0);
    record('local.firstImageFromFilesMs', 'ms', 'ours', importMs + (marks.first ?? NaN) - openT0);
    record('local.volumeReadyMs', 'ms', 'ours', (marks.ready ?? NaN) - openT0);
    record('local.volumeReadyFromFilesMs', 'ms', 'ours', importMs + (marks.ready ?? NaN) - openT0);
    // Let the last renders settle, then weigh what the page holds for the volume.
    await page.waitForTimeout(500);
    const after = await heap(cdp);
    const voxels = marks.detail?.voxels ?? ct.rows * ct.columns * ct.slices;
    record('memory.bytesPerVoxel', 'bytes/voxel', 'ours', (after.bytes - before.bytes) / voxels);
    record('memory.peakBytesPerVoxel', 'bytes/voxel', 'ours', (peakBytes - before.bytes) / voxels);
    if (marks.detail) {
      record('memory.cacheBytesPerVoxel', 'bytes/voxel', 'ours', marks.detail.cacheBytes / voxels);
      note('memory.cacheBytesPerVoxel', 'bytes/voxel', `Cornerstone cache.getCacheSize() / voxels at volume-ready (volume dataType ${marks.detail.dataType ?? 'unknown'})`);
    }
    note(
      'memory.bytesPerVoxel',
      'bytes/voxel',
      `CDP Runtime.getHeapUsage (usedSize${after.backing ? ' + backingStorageSize' : ''} + embedderHeapUsedSize) after a forced GC, loaded minus before import, per voxel; includes the imported File blobs' JS side, excludes GPU textures (not measurable on SwiftShader)`,
    );
    if (withScroll) {
      const all: number[] = [];
      for (const slot of ['axial', 'sagittal', 'coronal']) {
        const steps = (await scrollSteps(page, slot, ctx.scrollSteps)).filter((v) => Number.isFinite(v));
        all.push(...steps);
        record(`mpr.scrollStepMs.${slot}`, 'ms', 'ours', median(steps));
        record(`mpr.scrollStepP95Ms.${slot}`, 'ms', 'ours', percentile(steps, 95));
      }
      record('mpr.scrollStepMs', 'ms', 'ours', median(all));
      record('mpr.scrollStepP95Ms', 'ms', 'ours', percentile(all, 95));
      // The plan drag in the same page, after the scroll (bench/planning.ts).
      try {
        await planDrag(page, results, log);
      } catch (e) {
        const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
        log(`  plan drag FAILED: ${msg}`);
        note('plan.dragUpdateMs', 'ms', `plan drag failed: ${msg}`);
      }
    }
  } finally {
    await context.close();
  }
}

/** The app's phase marks of the first open (volumeLoading.ts, seriesLoader.ts) as "name +ms" from the click. */
export function phases(page: Page, t0: number): Promise<string> {
  return page.evaluate((start) => {
    const names = ['open', 'headers', 'volume-created', 'first-frame', 'first-image', 'volume-ready'];
    return names
      .map((n) => {
        const m = performance.getEntriesByName(`percuplan:${n}`, 'mark')[0];
        return m ? `${n} +${Math.round(m.startTime - start)}` : `${n} -`;
      })
      .join(', ');
  }, t0);
}

/** A bench page (floor or peer) reading the same files from its file input. */
export async function benchPage(browser: Browser, base: string, pages: BenchPages, name: 'floor' | 'peer', files: readonly string[], timeout: number): Promise<{ result: BenchPageResult; heapBytes: number; peakBytes: number }> {
  const { context, page, cdp } = await newPage(browser, base, pages);
  try {
    await page.goto(`${base}/bench/${name}.html`);
    await page.waitForSelector('#files', { state: 'attached' });
    const before = await heap(cdp);
    const peakSampler = await startPeakSampler(cdp);
    await page.setInputFiles('#files', [...files]);
    await page.waitForFunction(() => window.__bench?.allMs !== undefined || window.__bench?.error !== undefined, undefined, { timeout, polling: 100 });
    const peakBytes = (await peakSampler.stop()) - before.bytes;
    const result = (await page.evaluate(() => window.__bench)) ?? {};
    await page.waitForTimeout(300);
    const after = await heap(cdp);
    return { result, heapBytes: after.bytes - before.bytes, peakBytes };
  } finally {
    await context.close();
  }
}

