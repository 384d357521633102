import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { orthancSkipReason, startOrthanc, type Orthanc } from '../support/orthanc';
import { readTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

const SEG = '1.2.840.10008.5.1.4.1.1.66.4';
const SR = '1.2.840.10008.5.1.4.1.1.88.34';

/** The SOP Class UID (0008,0016) of a Part 10 file, read from its bytes with no DICOM library. */
function sopClassOf(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  // Explicit VR little endian: tag 0008,0016 "UI", 2-byte length, then the value.
  const at = b.indexOf(Buffer.from([0x08, 0x00, 0x16, 0x00, 0x55, 0x49]), 132);
  if (at < 0) return '';
  const len = b.readUInt16LE(at + 6);
  return b.subarray(at + 8, at + 8 + len).toString('latin1').replace(/\0+$/, '');
}

const skip = orthancSkipReason();

describe.skipIf(!!skip)('a demo plan as DICOM: downloaded, and sent to a real PACS (Orthanc), in the browser', () => {
  let orthanc: Orthanc;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let viewer: ViewerPage;

  beforeAll(async () => {
    orthanc = await startOrthanc();
    server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-plandicom-e2e-')), DICOMWEB_URL: orthanc.dicomweb, DICOMWEB_LABEL: 'Test PACS' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    errors = watchErrors(page);
    viewer = new ViewerPage(page, server.url);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await orthanc?.stop();
  });

  it('"Download DICOM" gives a zip of a SEG and an SR; "Send to PACS" shows "2 stored" and the PACS holds both', async () => {
    const truth = readTruth('case3-spine-ct');
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.waitTrajectoryRows(1);
    const planId = await page.$eval('[data-testid="plan-select"]', (el) => (el as HTMLSelectElement).value);
    expect(planId).toMatch(/^[0-9a-f-]{36}$/);
    const download = page.locator('[data-testid="plan-dicom-download"]');
    await download.waitFor();
    expect(await download.isEnabled()).toBe(true);

    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), download.click()]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^PercuPlan-plan-${planId.slice(0, 8)}-v\\d+-DICOM\\.zip$`));
    const saved = await file.path();
    const entries = unzipSync(new Uint8Array(readFileSync(saved)));
    expect(Object.keys(entries)).toHaveLength(2);
    expect(Object.values(entries).map(sopClassOf).sort()).toEqual([SEG, SR].sort());

    await page.click('[data-testid="plan-dicom-send"]');
    const summary = page.locator('[data-testid="pacs-store-summary"]');
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.innerText()).toMatch(/^2 stored on Test PACS \(v\d+\)$/);
    expect(await page.locator('[data-testid="pacs-store-failure"]').count()).toBe(0);
    await page.locator('[data-testid="pacs-store-result"] summary').click();
    // Orthanc itself now holds exactly the two instances, under the UIDs the panel shows.
    const held = (await (await fetch(`${orthanc.url}/instances?expand`)).json()) as { MainDicomTags: { SOPInstanceUID: string } }[];
    const shown = await page.locator('[data-testid="pacs-store-result"] details code').allInnerTexts();
    expect(held.map((i) => i.MainDicomTags.SOPInstanceUID).sort()).toEqual(shown.sort());
    await snap(page, 'plan-dicom-sent');

    // An edit not yet saved: the export is of the saved version, so both buttons wait, saying why.
    await page.click('[data-testid="add-structure"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-save-state"]')?.textContent === 'unsaved changes');
    for (const id of ['plan-dicom-download', 'plan-dicom-send']) {
      const button = page.locator(`[data-testid="${id}"]`);
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toMatch(/^Save the plan first: the DICOM export is of the saved version \(v\d+\)$/);
    }
    expect(errors).toEqual([]);
  }, 300_000);
});
