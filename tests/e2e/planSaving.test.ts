import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Dialog, Page, Route } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-save-e2e-')) });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type P3 = [number, number, number];

/** Holds every PUT of one plan until the test lets it through, as a slow network would. */
async function holdPuts(page: Page, planId: string): Promise<{ held: Route[]; count: () => number; release: () => Promise<void> }> {
  const held: Route[] = [];
  let count = 0;
  await page.route(`**/api/plans/${planId}`, (route) => {
    if (route.request().method() === 'PUT') {
      count++;
      held.push(route);
    } else void route.continue();
  });
  return {
    held,
    count: () => count,
    release: async () => {
      const r = held.shift();
      if (!r) throw new Error('no save is held');
      await r.continue();
    },
  };
}

const saveState = async (page: Page): Promise<string> => (await page.locator('[data-testid="plan-save-state"]').textContent()) ?? '';

describe('saving a plan while editing it', () => {
  it('an edit made during a save stays unsaved, Ctrl+S during a save runs after it on the new version, and leaving with unsaved edits asks first', async () => {
    const truth = readTruth('case1-pelvis-ct');
    const page = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
    const errors = watchErrors(page);
    const viewer = new ViewerPage(page, server.url);
    const t = truth.lesions[0]!.centerLps as P3;
    // Parallel needles on the lesion's axial slice, 15 mm apart (a click on another needle's
    // end or shaft would grab it instead of placing a new one).
    const target = (k: number): P3 => [t[0] + 15 * k, t[1], t[2]];
    const entry = (k: number): P3 => [t[0] + 15 * k - 40, t[1] + 55, t[2]];
    const needle = (k: number) => viewer.placeNeedle(entry(k), target(k));
    const rowsNow = async (): Promise<number> => (await viewer.trajectoryRows()).length;

    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.newPlan();
    await needle(-2);
    const planId = await viewer.savePlan();
    expect((await viewer.storedPlan(planId)).version).toBe(1);
    const puts = await holdPuts(page, planId);

    // 1. Save with two needles; while that save is on the wire, a third needle and Ctrl+S.
    await needle(-1);
    await page.click('[data-testid="save-plan"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-plan"]')?.textContent?.includes('Saving'));
    await expect.poll(() => puts.count(), { timeout: 10_000 }).toBe(1);
    await needle(0);
    await viewer.key('Control+s');
    await page.waitForTimeout(500);
    // The queued save waits for the first: still one request on the wire.
    expect(puts.count()).toBe(1);
    await puts.release();
    // The first save returns (version 2, two needles); the queued one follows on version 2.
    await expect.poll(() => puts.count(), { timeout: 30_000 }).toBe(2);
    expect((await viewer.storedPlan(planId)).content.trajectories).toHaveLength(2);
    await puts.release();
    await viewer.waitMessage(/Saved, version 3/);
    const v3 = await viewer.storedPlan(planId);
    expect(v3.version).toBe(3);
    expect(v3.content.trajectories).toHaveLength(3);
    expect(await page.locator('[data-testid="plan-message"]').innerText()).not.toMatch(/someone else/i);
    expect(await saveState(page)).toBe('saved v3');

    // 2. An edit made during a save is not shown as saved when that save returns.
    await needle(1);
    await page.click('[data-testid="save-plan"]');
    await expect.poll(() => puts.count(), { timeout: 10_000 }).toBe(3);
    await needle(2);
    await puts.release();
    await viewer.waitMessage(/Saved, version 4/);
    expect((await viewer.storedPlan(planId)).content.trajectories).toHaveLength(4);
    expect(await rowsNow()).toBe(5);
    expect(await saveState(page)).toBe('unsaved changes');
    await snap(page, 'plan-edit-during-save');

    // 3. Leaving with that unsaved edit asks first: opening another plan, and closing the page.
    const asked: string[] = [];
    const dismiss = (d: Dialog) => {
      asked.push(d.type());
      void d.dismiss();
    };
    page.on('dialog', dismiss);
    await page.selectOption('[data-testid="plan-select"]', '');
    await expect.poll(() => asked, { timeout: 10_000 }).toEqual(['confirm']);
    expect(await rowsNow()).toBe(5);
    // Reloading the tab (the browser asks through beforeunload; dismissed, the page stays).
    await page.evaluate(() => location.reload());
    await expect.poll(() => asked, { timeout: 15_000 }).toEqual(['confirm', 'beforeunload']);
    await page.waitForTimeout(1000);
    expect(await rowsNow()).toBe(5);
    page.off('dialog', dismiss);

    // 4. Saving now sends the fifth needle; nothing was lost.
    await page.unroute(`**/api/plans/${planId}`);
    await page.click('[data-testid="save-plan"]');
    await viewer.waitMessage(/Saved, version 5/);
    expect((await viewer.storedPlan(planId)).content.trajectories).toHaveLength(5);
    expect(await saveState(page)).toBe('saved v5');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
