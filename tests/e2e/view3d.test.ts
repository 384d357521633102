import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';
import { view3dHuePixels, view3dPixels } from './view3dPixels';

// Case 1's demo plan in the 2×2 layout: the 3D view at the three screen sizes, measured from
// its canvas. One page, resized, to stay fast.

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-3d-e2e-')) });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  errors = watchErrors(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the 3D canvas shows something and has not changed for 600 ms (the render is done). */
async function waitSettled(p: Page): Promise<void> {
  await p.waitForFunction(
    () => {
      const c = document.querySelector('[data-testid="viewport-volume3d"] canvas.cornerstone-canvas') as HTMLCanvasElement | null;
      const ctx = c?.getContext('2d');
      if (!c || !ctx || c.width < 10) return false;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let lit = 0, hash = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i]! + d[i + 1]! + d[i + 2]! > 120) lit++;
        hash = (hash * 31 + d[i]! + d[i + 1]!) | 0;
      }
      const w = window as unknown as { __v3dLast?: { hash: number; at: number } };
      const now = performance.now();
      if (lit < d.length / 4 / 50) return false;
      if (w.__v3dLast?.hash !== hash) {
        w.__v3dLast = { hash, at: now };
        return false;
      }
      return now - w.__v3dLast.at > 600;
    },
    undefined,
    { timeout: 90_000, polling: 200 },
  );
}

/** Logs the median of three 3D frames now and with CT-Bones at 8 × the step (the old settings), then restores. */
async function logFrameTimes(p: Page): Promise<void> {
  const frames = await p.evaluate(async () => {
    type Vp = { element: HTMLElement; render(): void; setProperties(p: object): void; getDefaultActor(): { actor: { getMapper(): { setSampleDistance(d: number): void } } } };
    const vp = (window.__percuplan!.session as unknown as { views: { viewport(slot: string): Vp } }).views.viewport('volume3d');
    const frame = () =>
      new Promise<number>((resolve) => {
        const t = performance.now();
        const done = () => resolve(performance.now() - t);
        vp.element.addEventListener('CORNERSTONE_IMAGE_RENDERED', done, { once: true });
        setTimeout(done, 60_000);
        vp.render();
      });
    const median = async () => {
      const t = [await frame(), await frame(), await frame()].sort((x, y) => x - y);
      return t[1]!;
    };
    const now = await median();
    vp.setProperties({ preset: 'CT-Bones', sampleDistanceMultiplier: 8 });
    const before = await median();
    vp.setProperties({ preset: 'PercuPlan-Bone' });
    vp.getDefaultActor().actor.getMapper().setSampleDistance((JSON.parse(vp.element.dataset['boneRendering'] ?? '{}') as { stepMm?: number }).stepMm ?? 2.4);
    await frame();
    return { now, before };
  });
  console.log(`[e2e 3d] one 3D frame: ${frames.now.toFixed(0)} ms now, ${frames.before.toFixed(0)} ms with CT-Bones at 8 × the step`);
  await waitSettled(p);
}

/** Page points along each trajectory, `f` of the way from entry to target, with its id. */
function needlePoints(p: Page, f: number): Promise<{ id: string; at: [number, number] | null }[]> {
  return p.evaluate((frac) => {
    const h = window.__percuplan!;
    return h.plan!.draft.trajectories.map((t) => {
      const w: [number, number, number] = [0, 1, 2].map((a) => t.entry[a]! + (t.target[a]! - t.entry[a]!) * frac) as [number, number, number];
      return { id: t.id, at: h.session?.worldToPage('volume3d', w) ?? null };
    });
  }, f);
}

/** The orientation marker: its box and how many of its pixels are drawn, with a hash of them. */
function markerStats(p: Page): Promise<{ box: { x: number; y: number; w: number; h: number }; pane: { x: number; y: number; w: number; h: number }; drawn: number; hash: number } | null> {
  return p.evaluate(() => {
    const c = document.querySelector('[data-testid="orientation-marker-volume3d"]') as HTMLCanvasElement | null;
    const pane = document.querySelector('[data-testid="viewport-volume3d"]');
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !pane) return null;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let drawn = 0, hash = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3]! > 100) drawn++;
      hash = (hash * 31 + d[i]! + 7 * d[i + 3]!) | 0;
    }
    const r = c.getBoundingClientRect();
    const q = pane.getBoundingClientRect();
    return { box: { x: r.left, y: r.top, w: r.width, h: r.height }, pane: { x: q.left, y: q.top, w: q.width, h: q.height }, drawn: drawn / (c.width * c.height), hash };
  });
}

describe('the 3D view at a tumour board (case 1, 2×2)', () => {
  it('shows clean bone, the needles in their plan colour, artery and vein apart, and an orientation marker that turns with the view', async () => {
    const viewer = new ViewerPage(page, server.url);
    await viewer.openPlanning(readTruth('case1-pelvis-ct').studyInstanceUID);
    await viewer.waitTrajectoryRows(9);
    const t0 = Date.now();
    await viewer.key('9');
    await waitSettled(page);
    console.log(`[e2e 3d] 2x2 with the 3D view settled ${Date.now() - t0} ms after the key`);
    console.log('[e2e 3d] bone rendering', await page.getAttribute('[data-testid="viewport-volume3d"]', 'data-bone-rendering'));
    // One frame of the 3D view, now and with the settings it had before (Cornerstone's
    // CT-Bones at 8 × the default step), on this machine under the same load. Some 7 frames
    // of several seconds each on software WebGL: only when asked for.
    if (process.env['PERCUPLAN_E2E_3D_TIMING'] === '1') await logFrameTimes(page);

    for (const [width, height] of [[1920, 1080], [1600, 1000], [1280, 720]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await waitSettled(page);
      await snap(page, `view3d-case1-${width}x${height}`);
      const px = await view3dPixels(page);
      console.log(`[e2e 3d] ${width}x${height}`, JSON.stringify(px));
      // Bone fills a good part of the view, and under 6 % of what is lit is speckle
      // (Cornerstone's CT-Bones at 8 × the step measured 12 % here, its table all speckle;
      // the bone preset at a 2.4 mm step measured 4 %).
      expect(px.lit, `${width}x${height} lit`).toBeGreaterThan(0.2);
      expect(px.speckle, `${width}x${height} speckle`).toBeLessThan(0.06);

      // Needles in the plan's (unselected) teal, seen where they leave the skin toward the bone:
      // a patch around the point a fifth of the way in holds teal pixels for most of the nine.
      const points = await needlePoints(page, 0.2);
      expect(points).toHaveLength(9);
      let seen = 0;
      for (const pt of points) if (pt.at && (await view3dHuePixels(page, pt.at, 8, 'teal')) >= 4) seen++;
      console.log(`[e2e 3d] ${width}x${height} needles seen in teal: ${seen} / 9`);
      expect(seen, `${width}x${height} needles in teal`).toBeGreaterThanOrEqual(6);

      // Artery red and vein blue, both present.
      const red = await view3dHuePixels(page, null, 0, 'red');
      const blue = await view3dHuePixels(page, null, 0, 'blue');
      console.log(`[e2e 3d] ${width}x${height} red ${red} blue ${blue}`);
      expect(red).toBeGreaterThan(100);
      expect(blue).toBeGreaterThan(100);

      // The marker in the pane's bottom-right corner, drawn (faces and letters).
      const m = await markerStats(page);
      expect(m).not.toBeNull();
      expect(m!.box.x + m!.box.w).toBeLessThanOrEqual(m!.pane.x + m!.pane.w);
      expect(m!.box.x).toBeGreaterThan(m!.pane.x + m!.pane.w / 2);
      expect(m!.box.y).toBeGreaterThan(m!.pane.y + m!.pane.h / 2);
      expect(m!.drawn).toBeGreaterThan(0.05);
    }

    // Turning the view turns the marker: from the patient's left instead of the front.
    const before = await markerStats(page);
    await page.evaluate(() => {
      const s = window.__percuplan!.session as unknown as { views: { viewport(slot: string): { getCamera(): { focalPoint: number[] }; setCamera(c: object): void; render(): void } } };
      const vp = s.views.viewport('volume3d');
      const f = vp.getCamera().focalPoint;
      vp.setCamera({ viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], position: [f[0]! + 800, f[1]!, f[2]!] });
      vp.render();
    });
    // The marker redraws on the camera event; the 3D frame itself may take seconds here.
    await page.waitForTimeout(500);
    const after = await markerStats(page);
    expect(after!.hash).not.toBe(before!.hash);
    await snap(page, 'view3d-case1-from-left-1280x720');
    expect(errors).toEqual([]);
  }, 240_000);
});
