/**
 * The DICOMweb rows of `npm run bench`: our product opening the bench CT from Orthanc through
 * our server's DICOMweb proxy (uncompressed and JPEG-LS), and the DICOMweb floor, in the same run.
 */
import type { Browser } from 'playwright-core';
import type { Orthanc } from '../tests/support/orthanc';
import type { BenchSeries } from './generate';
import { newPage, readMarks, repoRoot, waitLoaded, type BenchContext } from './browser';
import { step } from './local';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** One run of the DICOMweb rows (nothing when Orthanc is absent). */
export async function dicomwebRun(ctx: BenchContext): Promise<void> {
  const o = ctx.orthanc;
  if (!o) return;
  for (const [series, prefix] of [[ctx.ct.raw, 'dicomweb'], [ctx.ct.jpls, 'dicomweb.jpegls']] as const) {
    await step(ctx, `ours, DICOMweb ${series.transferSyntax}`, `${prefix}.volumeReadyMs`, () => oursDicomweb(ctx, series, prefix));
    await step(ctx, `floor, DICOMweb ${series.transferSyntax}`, `${prefix}.volumeReadyMs`, async () => ctx.results.record(`${prefix}.volumeReadyMs`, 'ms', 'floor', await dicomwebFloor(ctx.browser, o, series, 6)));
  }
}

/** Declares the DICOMweb rows with their goals and notes. */
export function dicomwebRows(ctx: BenchContext): void {
  const r = ctx.results;
  for (const prefix of ['dicomweb', 'dicomweb.jpegls']) {
    r.row(`${prefix}.volumeReadyMs`, 'ms', { text: '≤ 1.3× the floor (same parallelism)', maxRatioToFloor: 1.3 });
    if (!ctx.orthanc) r.note(`${prefix}.volumeReadyMs`, 'ms', `not measured: ${ctx.orthancSkip ?? 'Orthanc absent'}`);
    else {
      r.note(`${prefix}.volumeReadyMs`, 'ms', "ours: from navigation to /studies/<uid> (through our server's DICOMweb proxy) to the volume complete; floor: QIDO the instances and fetch every frame (transfer-syntax=*, no decoding) from Orthanc's own origin, 6 at a time");
      r.note(`${prefix}.volumeReadyMs`, 'ms', 'peer: none (dwv has no WADO-RS loader)');
    }
  }
}

async function oursDicomweb(ctx: BenchContext, series: BenchSeries, prefix: string): Promise<void> {
  const { context, page } = await newPage(ctx.browser, ctx.base, ctx.pages, ctx.log);
  const base = ctx.base;
  const record = ctx.results.record.bind(ctx.results);
  try {
    await page.goto(`${base}/studies/${series.studyInstanceUID}`);
    try {
      await waitLoaded(page, ctx.loadTimeout);
    } catch (e) {
      const shot = path.join(repoRoot, 'test-results', `bench-${prefix}.png`);
      mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      const progress = await page.locator('[data-testid="load-progress"]').innerText({ timeout: 1000 }).catch(() => 'no progress bar');
      throw new Error(`not ready (${progress}; screenshot ${path.relative(repoRoot, shot)}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const marks = await readMarks(page);
    record(`${prefix}.firstImageMs`, 'ms', 'ours', marks.first);
    record(`${prefix}.volumeReadyMs`, 'ms', 'ours', marks.ready);
  } finally {
    await context.close();
  }
}

/** The DICOMweb floor: in a page of Orthanc's own origin, list the series and fetch every frame, no decoding. */
async function dicomwebFloor(browser: Browser, orthanc: Orthanc, series: BenchSeries, concurrency: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${orthanc.url}/system`);
    return await page.evaluate(
      async ([study, ser, conc]) => {
        const t0 = performance.now();
        const root = `/dicom-web/studies/${study}/series/${ser}`;
        const list = (await (await fetch(`${root}/instances`, { headers: { accept: 'application/dicom+json' } })).json()) as Record<string, { Value?: string[] }>[];
        const uids = list.map((i) => i['00080018']?.Value?.[0] ?? '');
        let next = 0;
        let bytes = 0;
        // No named inner functions here: tsx would wrap them in a helper the page lacks.
        await Promise.all(
          Array.from({ length: conc }, async () => {
            while (next < uids.length) {
              const uid = uids[next++];
              const r = await fetch(`${root}/instances/${uid}/frames/1`, { headers: { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' } });
              bytes += (await r.arrayBuffer()).byteLength;
            }
          }),
        );
        if (bytes === 0) throw new Error('no frame bytes');
        return performance.now() - t0;
      },
      [series.studyInstanceUID, series.seriesInstanceUID, concurrency] as const,
    );
  } finally {
    await context.close();
  }
}

