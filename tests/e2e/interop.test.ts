import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { sharedDicom, sharedSkipReason } from '../support/paths';
import { ViewerPage } from './viewerPage';

const LIVER = path.join(sharedDicom, 'interop/liver-ct3-multi-vendor-seg');
const SMALL = path.join(sharedDicom, 'interop/dcmqi-small-seg/23x38x3');
const LIVER_STUDY = '1.2.392.200103.20080913.113635.0.2009.6.22.21.43.10.22941.1';
const SMALL_STUDY = '1.2.826.0.1.3680043.2.1125.1.99615878007501689887866317012655114';
/** SOP Instance UIDs (dcmdump +P 0008,0018 of each file). */
const OVERLAPS = '1.2.276.0.7230010.3.1.4.13879174.191011.1701890452.128470';
const SMALL_SEG = '1.2.276.0.7230010.3.1.4.0.65241.1523399608.764874';

const files = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.dcm')).map((n) => path.join(dir, n));

const localSkip = sharedSkipReason('the interop end-to-end tests on ../shared/dicom/interop');
if (localSkip) console.log(`interop e2e (local files) skipped: ${localSkip}`);

describe.skipIf(!!localSkip)('SEG objects from other tools, dropped as local files', () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let viewer: ViewerPage;

  beforeAll(async () => {
    server = await startTestServer({ PERCUPLAN_DEMO: '0' }, { samples: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    errors = watchErrors(page);
    viewer = new ViewerPage(page, server.url);
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="drop-zone"]');
    const all = [...files(path.join(LIVER, 'ct')), ...files(LIVER), ...files(path.join(SMALL, 'image')), path.join(SMALL, 'seg.dcm')];
    expect(all).toHaveLength(11);
    await page.setInputFiles('[data-testid="file-input"]', all);
    await page.waitForFunction(() => /Read 11 of 11 files into 2 stud/.test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the four SEGs on the 3-slice liver CT by kind and segment count, and draws the 5 overlapping segments over the CT', async () => {
    await page.locator(`tr[data-study-uid="${LIVER_STUDY}"]`).locator('button', { hasText: 'Open' }).click();
    await viewer.waitReady();
    const objects = await viewer.importedObjects(4);
    expect(objects).toHaveLength(4);
    const byKey = new Map(objects.map((o) => [o.key, o]));
    // Segment counts from the files' SegmentSequence (pydicom / dcmdump, see SOURCE.txt): 5 in
    // partial_overlaps, 1 in each of the others.
    expect(byKey.get(OVERLAPS)?.kind, JSON.stringify(objects)).toBe('Segmentation · 5 segments · dcmqi');
    expect(byKey.get('1.2.276.0.7230010.3.1.4.0.42154.1458337731.665796')?.kind).toBe('Segmentation · 1 segment · dcmqi');
    // syngo.via and the 2012 Slicer writer: read, or named with the reason they are not.
    for (const key of ['1.3.12.2.1107.5.8.15.100598.30000012060416514018200000084', '1.2.276.0.7230010.3.1.4.0.9625.1345852568.149995']) {
      const o = byKey.get(key);
      expect(o, key).toBeDefined();
      if (o?.readable) expect(o.kind).toMatch(/^Segmentation · 1 segment · (syngo\.via|3D Slicer)$/);
      else expect(o?.text).toMatch(/\.dcm: \S/);
    }

    await viewer.showOverCt(OVERLAPS);
    const segments = await viewer.importedSegments(OVERLAPS);
    // Set bits per segment counted by pydicom 2.3.1 over the frames naming each segment
    // (ReferencedSegmentNumber), all frames on the 3 CT slices.
    expect(segments.map((s) => [s.label, s.voxels])).toEqual([
      ['GREEN', 9602],
      ['ORANGE', 11888],
      ['PURPLE', 10743],
      ['LIGHT_BLUE', 6693],
      ['DARK_BLUE', 4713],
    ]);
    // Every slice of this CT holds segments; the middle one is shown: the overlay carries pixels
    // of the segments' own colours (translucent fill and dashed outline).
    await page.waitForFunction(() => true);
    let coloured = 0;
    for (let t = 0; t < 40 && coloured < 500; t++) {
      coloured = 0;
      for (const s of segments) coloured += await viewer.overlayColourPixels('axial', s.colour);
      if (coloured < 500) await page.waitForTimeout(250);
    }
    expect(coloured).toBeGreaterThan(500);
    await snap(page, 'interop-local-liver-overlaps');
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('places the dcmqi SEG on the 23×38 grid (frames straddling byte boundaries) and draws it', async () => {
    await page.goBack();
    await page.waitForSelector(`tr[data-study-uid="${SMALL_STUDY}"]`);
    await page.locator(`tr[data-study-uid="${SMALL_STUDY}"]`).locator('button', { hasText: 'Open' }).click();
    await viewer.waitReady();
    const objects = await viewer.importedObjects(1);
    expect(objects.map((o) => o.kind), JSON.stringify(objects)).toEqual(['Segmentation · 1 segment · dcmqi']);
    await viewer.showOverCt(SMALL_SEG);
    const segments = await viewer.importedSegments(SMALL_SEG);
    // pydicom: 322 set bits over the 3 frames of 23 × 38 (874 bits each, not a whole number of bytes).
    expect(segments.map((s) => [s.label, s.voxels])).toEqual([['Liver', 322]]);
    let coloured = 0;
    for (let t = 0; t < 40 && coloured === 0; t++) {
      coloured = await viewer.overlayColourPixels('axial', segments[0]!.colour);
      if (coloured === 0) await page.waitForTimeout(250);
    }
    expect(coloured).toBeGreaterThan(50);
    await snap(page, 'interop-local-small-seg');
  });
});
