import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-planpanel-e2e-')) });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type P3 = [number, number, number];
type Box = { x: number; y: number; width: number; height: number };

const SIZES: readonly (readonly [number, number])[] = [
  [1920, 1080],
  [1600, 1000],
  [1280, 720],
];
// 120 characters: a plan name longer than any panel is wide.
const LONG_NAME = 'T10 vertebroplasty through the left pedicle after the board of 7 December: the right side kept as 2nd choice if needed …';

const box = async (page: Page, testId: string): Promise<Box> => {
  const b = await page.locator(`[data-testid="${testId}"]`).first().boundingBox();
  if (!b) throw new Error(`${testId} is not on the page`);
  return b;
};
/** The stored plan, with the fields this test reads (viewerPage's StoredPlan leaves them out). */
interface SavedPlan {
  caseId: string;
  title: string;
  content: { lesions: unknown[]; trajectories: { label: string; deviceId: string; accessRoute: { approach: string; side: string | null } | null }[] };
}
const savedPlan = (page: Page, id: string): Promise<SavedPlan> => page.evaluate(async (planId) => (await (await fetch(`/api/plans/${planId}`)).json()) as SavedPlan, id);
const selectValue = (page: Page): Promise<string> => page.$eval('[data-testid="plan-select"]', (s) => (s as HTMLSelectElement).value);

describe('the plan panel (issue 16)', () => {
  it('new needles as the case decides, needles and plans renamed, Save visible at every size, the last saved plan after a reload, the case a link', async () => {
    expect(LONG_NAME).toHaveLength(120);
    const t3 = readTruth('case3-spine-ct');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchErrors(page);
    const viewer = new ViewerPage(page, server.url);

    // Case 3 opens with its demo plan (one needle); its case, a vertebroplasty, is linked.
    await viewer.openPlanning(t3.studyInstanceUID);
    await viewer.waitTrajectoryRows(1);
    const demoId = await selectValue(page);
    expect(demoId).not.toBe('');
    await page.waitForSelector('[data-testid="plan-case-link"]', { timeout: 30_000 });

    // A new plan from the demo plan's findings: its lesion and structures, no needle.
    const lesions = (await viewer.lesionVolumes()).length;
    expect(lesions).toBe(1);
    await page.selectOption('[data-testid="plan-select"]', '__new-from-findings__');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="trajectory-row"]').length === 0, undefined, { timeout: 30_000 });
    expect((await viewer.lesionVolumes()).length).toBe(1);

    // A needle from 60 mm behind the lesion to its centre, on its axial slice.
    const c = t3.lesions[0]!.centerLps as P3;
    await viewer.placeNeedle([c[0], c[1] + 60, c[2]], c);
    await page.click('[data-testid="trajectory-row"]');
    await page.waitForSelector('[data-testid="trajectory-details"]');
    // The row names the device: the bone access needle the vertebroplasty calls for.
    expect((await viewer.trajectoryRows())[0]!.text).toMatch(/bone access/i);

    // Rename the needle (details) and the plan (header), then save.
    await page.click('[data-testid="trajectory-name-rename"]');
    await page.fill('[data-testid="trajectory-name-input"]', 'Left pedicle needle');
    await page.press('[data-testid="trajectory-name-input"]', 'Enter');
    await page.click('[data-testid="plan-title-rename"]');
    await page.fill('[data-testid="plan-title-input"]', LONG_NAME);
    await page.press('[data-testid="plan-title-input"]', 'Enter');
    expect(await page.locator('[data-testid="plan-save-state"]').textContent()).toBe('unsaved changes');
    const planId = await viewer.savePlan();
    expect(planId).not.toBe(demoId);
    const stored = await savedPlan(page, planId);
    expect(stored.title).toBe(LONG_NAME);
    expect(stored.content.lesions).toHaveLength(1);
    expect(stored.content.trajectories).toHaveLength(1);
    const needle = stored.content.trajectories[0]!;
    expect(needle.label).toBe('Left pedicle needle');
    expect(needle.deviceId).toBe('bone-access-11g-100');
    // The lesion is a midline vertebral body: through a pedicle, the side left to the planner.
    expect(needle.accessRoute).toEqual({ approach: 'transpedicular', side: null });

    // Save stays whole inside the window and the panel at every size, beside the plan menu.
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(300);
      const save = await box(page, 'save-plan');
      const panel = await box(page, 'plan-panel');
      const menu = await box(page, 'plan-select');
      const where = `${w}x${h}: save ${JSON.stringify(save)} panel ${JSON.stringify(panel)}`;
      expect(save.width, where).toBeGreaterThanOrEqual(40);
      expect(save.x, where).toBeGreaterThanOrEqual(0);
      expect(save.y, where).toBeGreaterThanOrEqual(0);
      expect(save.x + save.width, where).toBeLessThanOrEqual(w);
      expect(save.y + save.height, where).toBeLessThanOrEqual(h);
      expect(save.x, where).toBeGreaterThanOrEqual(panel.x - 0.5);
      expect(save.x + save.width, where).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
      expect(menu.x + menu.width, where).toBeLessThanOrEqual(save.x + 0.5);
      // The long name ends in an ellipsis on screen and reads whole in the tooltip.
      expect(await page.getAttribute('[data-testid="plan-title"]', 'title')).toContain(LONG_NAME);
      await snap(page, `plan-panel-${w}x${h}`);
    }

    // A reload opens the plan saved last, not the demo plan; while the cases load the panel says so.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.route(
      (url) => url.pathname === '/api/cases',
      async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      },
    );
    await page.reload();
    await page.waitForSelector('[data-testid="plan-case-loading"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="plan-case"]').innerText()).not.toMatch(/none linked|no case/i);
    await viewer.waitReady();
    await page.waitForFunction((id) => (document.querySelector('[data-testid="plan-select"]') as HTMLSelectElement | null)?.value === id, planId, { timeout: 60_000 });
    await viewer.waitTrajectoryRows(1);
    expect(await page.locator('[data-testid="plan-title"]').innerText()).toBe(LONG_NAME);
    expect(await page.locator('[data-testid="trajectory-label"]').first().innerText()).toBe('Left pedicle needle');
    await page.unroute((url) => url.pathname === '/api/cases');

    // "Case: …" opens the case record.
    await page.click('[data-testid="plan-case-link"]');
    await page.waitForURL(`**/cases/${stored.caseId}`, { timeout: 30_000 });
    await page.waitForSelector('[data-testid="save-case"]', { timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
