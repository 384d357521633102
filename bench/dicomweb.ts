/**
 * The DICOMweb rows of `npm run bench`: our product opening the bench CT from Orthanc through
 * our server's DICOMweb proxy (uncompressed and JPEG-LS) and the DICOMweb floor through the
 * same proxy, in the same run; and the first image of the same CT served as an embedded
 * sample by a server of its own (SAMPLE_DIR = the bench CT).
 */
import type { Page } from 'playwright-core';
import type { BenchSeries } from './generate';
import type { BenchPageResult } from './pages/shared';
import { newPage, readMarks, repoRoot, waitLoaded, type BenchContext } from './browser';
import { phases, step } from './local';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FIRST_GOAL = { text: "≤ 1.5× the floor's first frame; ≥ 5× faster than dwv's first image", maxRatioToFloor: 1.5, minSpeedupOverPeer: 5 };

/** One run of the DICOMweb rows (the PACS rows only when Orthanc runs) and the embedded sample's first image. */
export async function dicomwebRun(ctx: BenchContext): Promise<void> {
  if (ctx.orthanc) {
    for (const [series, prefix] of [[ctx.ct.raw, 'dicomweb'], [ctx.ct.jpls, 'dicomweb.jpegls']] as const) {
      await step(ctx, `ours, DICOMweb ${series.transferSyntax}`, `${prefix}.volumeReadyMs`, () => oursDicomweb(ctx, series, prefix));
      await step(ctx, `floor, DICOMweb ${series.transferSyntax}`, `${prefix}.volumeReadyMs`, () => dicomwebFloor(ctx, series, prefix));
    }
  }
  await step(ctx, 'ours, embedded sample', 'sample.firstImageMs', () => oursSample(ctx));
}

/** Declares the DICOMweb rows with their goals and notes; dwv's local first image is the first-image rows' peer. */
export function dicomwebRows(ctx: BenchContext): void {
  const r = ctx.results;
  const dwvFirst = r.values('local.firstImageMs', 'peer');
  for (const prefix of ['dicomweb', 'dicomweb.jpegls']) {
    const first = `${prefix}.firstImageMs`;
    const ready = `${prefix}.volumeReadyMs`;
    r.row(first, 'ms', FIRST_GOAL);
    r.row(ready, 'ms', { text: '≤ 1.3× the floor (same parallelism)', maxRatioToFloor: 1.3 });
    if (!ctx.orthanc) {
      for (const id of [first, ready]) r.note(id, 'ms', `not measured: ${ctx.orthancSkip ?? 'Orthanc absent'}`);
      continue;
    }
    for (const v of dwvFirst) r.record(first, 'ms', 'peer', v);
    r.note(first, 'ms', "ours: from navigation to /studies/<uid> to the first 2D view drawn after the middle frame arrived (page load, API, metadata, volume set-up and the first SwiftShader render included); floor: from the floor page's navigation to its first frame fetched, taken out of the multipart answer" + (prefix === 'dicomweb.jpegls' ? ', decoded' : '') + ' and copied into the volume');
    r.note(first, 'ms', dwvFirst.length ? "peer: dwv's first image of the same CT from local files (local.firstImageMs peer; dwv has no WADO-RS loader)" : 'peer: not measured (the local rows did not run)');
    r.note(ready, 'ms', `ours: from navigation to /studies/<uid> to the volume complete; floor: QIDO-RS the instances, then every frame (transfer-syntax=*) requested at once as Cornerstone's request pool does (Chromium runs 6 per host over HTTP/1.1)${prefix === 'dicomweb.jpegls' ? `, each decoded with @cornerstonejs/codec-charls (WebAssembly) in ${ctx.workers} workers, the product's maxWebWorkers` : ', no decoding'}, copied into one Uint16Array`);
    r.note(ready, 'ms', "both through our server's DICOMweb proxy (/dicomweb), as the product goes: Orthanc's own origin is slower (it gzips every frame for a browser, which always sends Accept-Encoding: gzip; the proxy does not forward Accept-Encoding)");
    r.note(ready, 'ms', 'peer: none (dwv has no WADO-RS loader)');
  }
  r.row('sample.firstImageMs', 'ms', { text: 'as fast as the PACS path (≤ 1.1× dicomweb.firstImageMs)', maxRatioToRow: { id: 'dicomweb.firstImageMs', ratio: 1.1 } });
  r.note('sample.firstImageMs', 'ms', 'ours: the uncompressed bench CT as an embedded sample of a server of its own (SAMPLE_DIR = the bench CT, no PACS), from navigation to /studies/<uid> to the first 2D view drawn; compared with dicomweb.firstImageMs');
}

/** Opens /studies/<uid> on `base` and waits for the volume; fails with the viewer's own message and a screenshot. */
async function openStudy(ctx: BenchContext, base: string, studyUid: string, name: string): Promise<Awaited<ReturnType<typeof readMarks>>> {
  const { context, page } = await newPage(ctx.browser, base, ctx.pages, ctx.log);
  try {
    await page.goto(`${base}/studies/${studyUid}`);
    await waitOrExplain(page, ctx.loadTimeout, name);
    ctx.log(`  ${name}: after navigation (ms): ${await pageStart(page)}, ${await phases(page, 0)}`);
    return await readMarks(page);
  } finally {
    await context.close();
  }
}

/** The page's own start: the script evaluated, and the first API request and first frame request sent and answered. */
function pageStart(page: Page): Promise<string> {
  // No named inner functions in the page: tsx would wrap them in a helper the page lacks.
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const api = res.find((e) => e.name.includes('/api/'));
    const frame = res.find((e) => e.name.includes('/frames/'));
    const listing = res.filter((e) => /\/series\/[^/]+\/instances|\/metadata/.test(e.name)).sort((a, b) => b.responseEnd - a.responseEnd)[0];
    const span = [api, listing, frame].map((r) => (r ? `${Math.round(r.startTime)}→${Math.round(r.responseEnd)}` : '-'));
    return `script done +${Math.round(nav?.domContentLoadedEventEnd ?? NaN)}, first API ${span[0] ?? '-'}, series listing ${span[1] ?? '-'}, first frame ${span[2] ?? '-'}`;
  });
}

async function waitOrExplain(page: Page, timeout: number, name: string): Promise<void> {
  try {
    await waitLoaded(page, timeout);
  } catch (e) {
    const shot = path.join(repoRoot, 'test-results', `bench-${name}.png`);
    mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot }).catch(() => undefined);
    const progress = await page.locator('[data-testid="load-progress"]').innerText({ timeout: 1000 }).catch(() => 'no progress bar');
    throw new Error(`not ready (${progress}; screenshot ${path.relative(repoRoot, shot)}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

async function oursDicomweb(ctx: BenchContext, series: BenchSeries, prefix: string): Promise<void> {
  const marks = await openStudy(ctx, ctx.base, series.studyInstanceUID, prefix);
  ctx.results.record(`${prefix}.firstImageMs`, 'ms', 'ours', marks.first);
  ctx.results.record(`${prefix}.volumeReadyMs`, 'ms', 'ours', marks.ready);
}

/** The DICOMweb floor page (bench/pages/dicomwebFloor.ts) on our server's origin, through its proxy. */
async function dicomwebFloor(ctx: BenchContext, series: BenchSeries, prefix: string): Promise<void> {
  const { context, page } = await newPage(ctx.browser, ctx.base, ctx.pages, ctx.log);
  try {
    const q = new URLSearchParams({ root: '/dicomweb', study: series.studyInstanceUID, series: series.seriesInstanceUID, workers: String(ctx.workers) });
    await page.goto(`${ctx.base}/bench/dicomwebFloor.html?${q.toString()}`);
    await page.waitForFunction(() => window.__bench?.allMs !== undefined || window.__bench?.error !== undefined, undefined, { timeout: ctx.loadTimeout, polling: 100 });
    const result: BenchPageResult = (await page.evaluate(() => window.__bench)) ?? {};
    if (result.error) throw new Error(result.error);
    ctx.results.record(`${prefix}.firstImageMs`, 'ms', 'floor', result.firstMs);
    ctx.results.record(`${prefix}.volumeReadyMs`, 'ms', 'floor', result.allMs);
  } finally {
    await context.close();
  }
}

/** Our product opening the bench CT served as an embedded sample by a server of its own. */
async function oursSample(ctx: BenchContext): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'percuplan-bench-sample-'));
  const { startServer } = await import('../src/server/main');
  const server = await startServer({ ...process.env, PORT: '0', HOST: '127.0.0.1', SAMPLE_DIR: ctx.ct.raw.dir, DATA_DIR: path.join(tmp, 'data'), PERCUPLAN_DEMO: '0', DICOMWEB_URL: '' });
  try {
    const marks = await openStudy(ctx, server.url, ctx.ct.raw.studyInstanceUID, 'sample');
    ctx.results.record('sample.firstImageMs', 'ms', 'ours', marks.first);
    ctx.results.record('sample.volumeReadyMs', 'ms', 'ours', marks.ready);
  } finally {
    await server.close().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}
