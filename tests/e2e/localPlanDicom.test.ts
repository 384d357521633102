import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readDicomBytes } from '../../src/dicom/readDicomBytes';
import { exportPlanDicom } from '../../src/interop/exportPlan';
import { readDicomObject } from '../../src/interop/read/readDicomObject';
import { defaultCatalogue } from '../../src/planning/devices/defaultCatalogue';
import { planDocumentSchema } from '../../src/records';
import { exportStoredPlan } from '../../src/server/interop/planDicomExport';
import { planZip, zipFileName } from '../../src/server/interop/planDicomRoutes';
import { createReferencedCtLookup } from '../../src/server/interop/referencedCt';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { hasShared, sharedDicom, sharedSkipReason } from '../support/paths';
import { startTestServer } from '../support/server';
import { ViewerPage } from './viewerPage';

/*
 * A plan drawn on local files (dropped, never uploaded): the server holds no CT for it, so
 * "Download DICOM" writes the SEG/SR zip in the browser. The zip must hold an SR with the
 * version's UID and the saved needle, and be byte for byte what the server would give if it
 * held the same CT (the server path run here, in the test, over the same files).
 */

const CORT = path.join(sharedDicom, 'real/ct-torso-spine-cort');
const SR_CLASS = '1.2.840.10008.5.1.4.1.1.88.34';
const skip = sharedSkipReason('the local-plan DICOM e2e test on ../shared/dicom/real/ct-torso-spine-cort');

/** The SR instance UID of a plan version by the documented rule (PS3.5 B.2 from SHA-256), computed here with node:crypto. */
function expectedSrUid(planId: string, version: number): string {
  const h = createHash('sha256').update(`percuplan-uid/v1:plan:${planId}:v${version}:sr`).digest();
  return `2.25.${BigInt(`0x${h.subarray(0, 16).toString('hex')}`).toString(10)}`;
}

describe.skipIf(!hasShared)('a plan on local files as DICOM, built in the browser', () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let viewer: ViewerPage;

  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-localdicom-e2e-')) }, { samples: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    errors = watchErrors(page);
    viewer = new ViewerPage(page, server.url);
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="drop-zone"]');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('"Download DICOM" gives a zip whose SR holds the saved needle under the version\'s UID, identical to the server\'s for the same CT', async () => {
    const files = readdirSync(CORT)
      .filter((n) => n.endsWith('.dcm'))
      .sort()
      .map((n) => path.join(CORT, n));
    expect(files).toHaveLength(168);
    await page.setInputFiles('[data-testid="file-input"]', files);
    await page.waitForFunction(() => /Read 168 of 168 files into 1 study/.test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.locator('tr', { hasText: 'matRad_default_patient' }).locator('button', { hasText: 'Open' }).click();
    await viewer.waitReady();
    await page.waitForSelector('[data-testid="plan-panel"]');

    // A needle on the axial slice at z = −100.5 (slice 81 of 168), from the right back towards the midline.
    await viewer.placeNeedle([-60, 120, -100.5], [-10, 40, -100.5]);
    const planId = await viewer.savePlan();
    const stored = planDocumentSchema.parse(await page.evaluate(async (id) => (await (await fetch(`/api/plans/${id}`)).json()) as unknown, planId));
    const trajectories = stored.content.trajectories as { entry: [number, number, number]; target: [number, number, number] }[];
    expect(trajectories).toHaveLength(1);

    // The server cannot write it: it holds no CT for this series.
    const refused = await page.evaluate(async (id) => (await fetch(`/api/plans/${id}/dicom`)).status, planId);
    expect(refused).toBe(409);

    const download = page.locator('[data-testid="plan-dicom-download"]');
    await download.waitFor();
    expect(await download.isEnabled()).toBe(true);
    expect(await download.getAttribute('title')).toMatch(/written in this browser from the local CT$/);
    const send = page.locator('[data-testid="plan-dicom-send"]');
    expect(await send.isDisabled()).toBe(true);
    expect(await send.getAttribute('title')).toMatch(/^The CT of this plan is open from local files, which the server does not hold/);
    await page.locator('[data-testid="plan-dicom-local"]').waitFor();

    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), download.click()]);
    expect(file.suggestedFilename()).toBe(`PercuPlan-plan-${planId.slice(0, 8)}-v${stored.version}-DICOM.zip`);
    const zipBytes = new Uint8Array(readFileSync(await file.path()));
    const entries = unzipSync(zipBytes);
    const srUid = expectedSrUid(planId, stored.version);
    expect(Object.keys(entries)).toContain(`SR_${srUid}.dcm`);
    // No lesion was drawn: at most a SEG of the needle's zone besides the SR.
    expect(Object.keys(entries).every((n) => n === `SR_${srUid}.dcm` || n.startsWith('SEG_'))).toBe(true);

    const sr = readDicomObject(entries[`SR_${srUid}.dcm`]!, 'SR');
    if (!sr.ok) throw new Error(sr.error);
    if (sr.value.kind !== 'sr') throw new Error(`read as ${sr.value.kind}`);
    expect(sr.value.sopClassUID).toBe(SR_CLASS);
    expect(sr.value.sopInstanceUID).toBe(srUid);
    const ctHeader = readDicomBytes('ct', new Uint8Array(readFileSync(files[0]!)), (d) => new Uint8Array(inflateRawSync(d)));
    if (ctHeader.status !== 'read') throw new Error('CT file not read');
    expect(sr.value.studyInstanceUID).toBe(ctHeader.header.studyInstanceUID);
    const needles = sr.value.groups.filter((g) => g.finding?.value === '79068005');
    expect(needles).toHaveLength(1);
    const line = needles[0]!.graphics.find((g) => g.dims === 3 && g.graphicType === 'POLYLINE');
    if (!line || line.dims !== 3) throw new Error('no SCOORD3D polyline in the needle group');
    expect(line.frameOfReferenceUID).toBe(ctHeader.header.frameOfReferenceUID);
    const t = trajectories[0]!;
    expect(line.points).toHaveLength(2);
    for (const [got, want] of [
      [line.points[0]!, t.entry],
      [line.points[1]!, t.target],
    ] as const) {
      for (let a = 0; a < 3; a++) expect(Math.abs(got[a]! - want[a]!)).toBeLessThanOrEqual(0.01);
    }

    // The server's own path over the same 168 files, with the same stored version and software version.
    const instances = files.map((f) => {
      const o = readDicomBytes(f, new Uint8Array(readFileSync(f)), (d) => new Uint8Array(inflateRawSync(d)));
      if (o.status !== 'read') throw new Error(`${f} not read`);
      return { file: f, header: o.header };
    });
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { version: string };
    const referencedCt = createReferencedCtLookup({ catalogue: { seriesFiles: (s) => (s === stored.seriesInstanceUID ? instances : undefined) } });
    const written = await exportStoredPlan(stored, { referencedCt, exportPlan: exportPlanDicom, catalogue: defaultCatalogue(), softwareVersion: health.version });
    if (!written.ok) throw new Error(written.error.error);
    expect(zipFileName(stored)).toBe(file.suggestedFilename());
    expect(Buffer.from(zipBytes).equals(Buffer.from(planZip(written.value, stored.updatedAt)))).toBe(true);

    await snap(page, 'local-plan-dicom');
    expect(await page.locator('[data-testid="plan-dicom-error"]').count()).toBe(0);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 300_000);
});

if (skip) describe.skip(skip, () => undefined);
