import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth, type StudyTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

// Every journey below stands alone: its own page, its own plan, nothing carried over from the
// journey before, so one failure does not cascade into the next.

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let viewer: ViewerPage;
let errors: string[];
let truth: StudyTruth;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-plan-e2e-')) });
  browser = await launchBrowser();
  truth = readTruth('case1-pelvis-ct');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
  errors = watchErrors(page);
  viewer = new ViewerPage(page, server.url);
});

afterEach(async () => {
  await page?.close();
});

// Case 1: right iliac lesion centred at L1's truth centre. A needle on that axial slice from a
// postero-lateral entry 40 mm to the right of and 55 mm behind the target:
// d = target − entry = (+40, −55, 0) mm, depth √(40² + 55²) = 68.01 mm, craniocaudal 0° (in
// plane), axial angle atan(40 / 55) = 36.03° from the AP axis, towards patient left (+x in LPS).
const EXPECTED = { depth: Math.hypot(40, 55), axial: (Math.atan(40 / 55) * 180) / Math.PI };

const lesionCentre = (): [number, number, number] => [...truth.lesions[0]!.centerLps] as [number, number, number];
const needleEntry = (): [number, number, number] => {
  const t = lesionCentre();
  return [t[0] - 40, t[1] + 55, t[2]];
};

describe('planning in the browser', () => {
  it('opens the demo plan of case 1 with its lesion, nine trajectories and their coverage', async () => {
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.waitTrajectoryRows(9);
    const [demoMl] = await viewer.lesionVolumes();
    expect(Math.abs(demoMl! / truth.lesions[0]!.volumeMl - 1)).toBeLessThan(0.1);
    await expect(page.locator('[data-testid="zone-metrics"]').innerText()).resolves.toMatch(/\d+ % covered/);
    await snap(page, 'plan-demo-case1');
    expect(errors).toEqual([]);
  }, 180_000);

  it('grows the lesion from one click, a 3D brush dab adds to it, undo takes it back exactly, redo restores it', async () => {
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.newPlan();
    const grownMl = await viewer.growAt(lesionCentre());
    console.log(`[e2e plan] grown ${grownMl.toFixed(2)} mL, truth ${truth.lesions[0]!.volumeMl} mL`);
    expect(Math.abs(grownMl / truth.lesions[0]!.volumeMl - 1)).toBeLessThan(0.1);
    // The overlay draws the lesion over the axial view.
    expect(await viewer.overlayPixels('axial', 'any')).toBeGreaterThan(500);
    await snap(page, 'plan-lesion-grown');

    // The brush as a person sets it: B, the "3D sphere" box, and ] twice (4 → 6 mm).
    const c = lesionCentre();
    await viewer.key('b');
    await page.getByLabel('3D sphere').check();
    await viewer.key(']');
    await viewer.key(']');
    await expect(page.locator('[data-testid="plan-panel"]').innerText()).resolves.toContain('Radius 6 mm');
    // A dab beside the lesion (soft tissue lateral to it), outside the grown mask.
    await viewer.clickWorld('axial', [c[0] - 40, c[1], c[2]]);
    await viewer.waitLesionVolume('above', grownMl);
    const [painted] = await viewer.lesionVolumes();
    // A 6 mm ball is 0.905 mL; voxel centres inside it on a 0.78 × 0.78 × 2 mm grid come close to that.
    expect(painted! - grownMl).toBeGreaterThan(0.6);
    expect(painted! - grownMl).toBeLessThan(1.2);
    await page.keyboard.press('Control+z');
    await viewer.waitLesionVolume('equal', grownMl);
    await page.keyboard.press('Control+y');
    await viewer.waitLesionVolume('equal', painted!);
    await page.keyboard.press('Control+z');
    await viewer.waitLesionVolume('equal', grownMl);
    await viewer.key('Escape');
    expect(errors).toEqual([]);
  }, 180_000);

  it('places a needle with two clicks, shows it along the needle, saves, and after a reload shows the same numbers the server stored', async () => {
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.newPlan();
    const grownMl = await viewer.growAt(lesionCentre());
    await viewer.placeNeedle(needleEntry(), lesionCentre());
    const shown = await viewer.trajectoryRows();
    expect(shown).toHaveLength(1);
    const m = shown[0]!;
    // Clicks land on pixel centres: allow a pixel's worth (~0.8 mm) at each end.
    expect(Math.abs(m.depth - EXPECTED.depth)).toBeLessThan(1.5);
    expect(Math.abs(m.axial - EXPECTED.axial)).toBeLessThan(1.5);
    expect(m.cc).toBeLessThan(1);
    expect(m.text).toContain('left');
    await expect(page.locator('[data-testid="metric-depth"]').innerText()).resolves.toContain('mm');
    await snap(page, 'plan-needle-placed');

    // The probe's-eye and in-plane views of the needle.
    await viewer.key('6');
    await page.waitForSelector('[data-testid="viewport-probe"] canvas');
    await page.waitForFunction(() => document.querySelectorAll('[data-slot="inplane90"]').length === 1);
    await page.waitForTimeout(1500);
    expect((await viewer.canvasStats('probe')).nonBlack).toBeGreaterThan(0.05);
    expect((await viewer.canvasStats('inplane0')).nonBlack).toBeGreaterThan(0.05);
    // The needle is drawn along the in-plane view: overlay pixels in the needle colour.
    expect(await viewer.overlayPixels('inplane0', 'needle')).toBeGreaterThan(50);
    await snap(page, 'plan-needle-views');
    await viewer.key('8');

    const planId = await viewer.savePlan();
    await page.reload();
    await viewer.waitReady();
    await page.waitForSelector(`[data-testid="plan-select"] option[value="${planId}"]`, { state: 'attached', timeout: 60_000 });
    await page.selectOption('[data-testid="plan-select"]', planId);
    await page.waitForSelector('[data-testid="lesion-row"]');
    await viewer.waitTrajectoryRows(1);
    const [ml] = await viewer.lesionVolumes();
    expect(ml).toBe(grownMl);
    const again = await viewer.trajectoryRows();
    expect(again.map((r) => [r.depth, r.cc, r.axial])).toEqual(shown.map((r) => [r.depth, r.cc, r.axial]));
    // The server stored the same numbers it recomputed.
    const stored = await viewer.storedPlan(planId);
    expect(stored.content.trajectories[0]!.metrics.depthMm).toBe(shown[0]!.depth);
    expect(Math.abs(stored.content.lesions[0]!.measurements.volumeMl - grownMl)).toBeLessThan(1e-9);
    await snap(page, 'plan-reopened');

    // The case record prefilled from the lesion.
    await page.click('[data-testid="lesion-row"]');
    await page.click('[data-testid="prefill-case"]');
    await viewer.waitMessage(/Case lesion/);
    const found = await page.evaluate(async (id) => {
      const plan = (await (await fetch(`/api/plans/${id}`)).json()) as { caseId: string; content: { lesions: { id: string }[] } };
      const c = (await (await fetch(`/api/cases/${plan.caseId}`)).json()) as { lesions: { id?: string; lesionType: string | null; largestDiameterMm: number | null }[] };
      return c.lesions.find((l) => l.id === plan.content.lesions[0]!.id);
    }, planId);
    expect(found?.lesionType).toBe('lytic');
    // The grown lesion spans about 6 cm (truth semi-axes 22, 28, 34 mm).
    expect(found?.largestDiameterMm).toBeGreaterThan(50);
    expect(found?.largestDiameterMm).toBeLessThan(80);
    expect(errors).toEqual([]);
  }, 300_000);

  it('marks bowel gas with a box and a nerve as a tube, and the needle reports its distance to them', async () => {
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.newPlan();
    const t = lesionCentre();
    await viewer.placeNeedle(needleEntry(), t);
    await page.selectOption('[data-testid="structure-kind"]', 'bowel');
    await page.click('[data-testid="add-structure"]');
    await viewer.key('x');
    // A box over the anterior pelvis on the lesion's slice, where the bowel loops lie.
    const a = await viewer.worldToPage('axial', [t[0] + 10, t[1] - 110, t[2]]);
    const b = await viewer.worldToPage('axial', [t[0] + 120, t[1] - 30, t[2]]);
    await viewer.drag(a, b);
    await page.waitForFunction(() => /\d+ voxels/.test(document.querySelector('[data-testid="structure-row"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const text = await page.locator('[data-testid="structure-row"]').innerText();
    expect(Number(/(\d+) voxels/.exec(text)?.[1])).toBeGreaterThan(100);
    await page.click('[data-testid="trajectory-row"]');
    await page.waitForFunction(() => /from the shaft/.test(document.querySelector('[data-testid="trajectory-metrics"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await snap(page, 'plan-structure-box');
    // A nerve laid as a tube through three clicks on the lesion's slice.
    await page.selectOption('[data-testid="structure-kind"]', 'nerve-root');
    await page.click('[data-testid="add-structure"]');
    await viewer.jumpTo(t);
    await viewer.key('t');
    for (const dx of [0, 15, 30]) await viewer.clickWorld('axial', [t[0] - 30 + dx, t[1] + 40, t[2]]);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="structure-row"]')].some((r) => /tube r 4 mm, 3 points/.test(r.textContent ?? '')), undefined, { timeout: 30_000 });
    await viewer.key('Escape');
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows the needles, their zones and the lesion of the demo plan in the 3D view', async () => {
    await viewer.openPlanning(truth.studyInstanceUID);
    // The study opens the plan saved last (a test above saved one): open the demo plan by its title.
    await page.waitForFunction(() => !!document.querySelector('[data-testid="plan-message"]')?.textContent, undefined, { timeout: 60_000 });
    const demo = await page.$eval('[data-testid="plan-select"]', (s) => [...(s as HTMLSelectElement).options].find((o) => o.text.startsWith('Right iliac'))?.value ?? '');
    await page.selectOption('[data-testid="plan-select"]', demo);
    await viewer.waitTrajectoryRows(9);
    await viewer.key('9');
    await page.waitForSelector('[data-testid="viewport-volume3d"] canvas', { timeout: 60_000 });
    await page.waitForTimeout(8000);
    expect((await viewer.canvasStats('volume3d')).nonBlack).toBeGreaterThan(0.02);
    await snap(page, 'plan-3d');
    expect(errors).toEqual([]);
  }, 180_000);

  it('opens the demo plan of case 3: one left transpedicular needle through the T10 pedicle, shown along the needle', async () => {
    const t3 = readTruth('case3-spine-ct');
    await viewer.openPlanning(t3.studyInstanceUID);
    await viewer.waitTrajectoryRows(1);
    const demoId = await page.$eval('[data-testid="plan-select"]', (el) => (el as HTMLSelectElement).value);
    // The needle as the server stores it (what any other reader of the plan gets).
    const stored = await viewer.storedPlan(demoId);
    expect(stored.content.lesions).toHaveLength(1);
    expect(stored.content.structuresAtRisk.map((s) => s.kind)).toContain('spinal-canal');
    const { entry, target } = stored.content.trajectories[0]!;
    // Distance from the pedicle landmark to the needle's line, worked from the stored points.
    const p = t3.landmarks['T10PedicleLeft']!;
    const d = [target[0] - entry[0], target[1] - entry[1], target[2] - entry[2]];
    const len = Math.hypot(d[0]!, d[1]!, d[2]!);
    const w = [p[0]! - entry[0], p[1]! - entry[1], p[2]! - entry[2]];
    const along = (w[0]! * d[0]! + w[1]! * d[1]! + w[2]! * d[2]!) / len;
    expect(Math.sqrt(Math.max(0, w[0]! ** 2 + w[1]! ** 2 + w[2]! ** 2 - along ** 2))).toBeLessThan(2);
    // Entered from the left (patient left is +x) and behind (+y), aiming right and forward.
    expect(entry[0]).toBeGreaterThan(target[0]);
    expect(entry[1]).toBeGreaterThan(target[1]);
    const [row] = await viewer.trajectoryRows();
    expect(row!.depth).toBeCloseTo(len, 1);
    expect(row!.text).toContain('right');
    // Saving the performed demo plan without an edit changes nothing: the page sends back what
    // it loaded, the server recomputes the same numbers, and the plan stays performed, version 1.
    await page.click('[data-testid="save-plan"]');
    await viewer.waitMessage(/Saved, version|Nothing to save|unchanged/i);
    expect(await viewer.storedPlan(demoId)).toMatchObject({ status: 'performed', version: 1 });
    await page.click('[data-testid="trajectory-row"]');
    await expect(page.locator('[data-testid="trajectory-metrics"]').innerText()).resolves.toMatch(/Medial wall[\s\S]*clearance/);
    await viewer.key('6');
    await page.waitForSelector('[data-testid="viewport-inplane90"] canvas');
    await page.waitForTimeout(1500);
    await snap(page, 'plan-demo-case3-needle');
    expect(errors).toEqual([]);
  }, 180_000);
});
