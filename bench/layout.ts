/**
 * The layout and rendering rows of `npm run bench` (issue 17): the layout change to 2×2 with the
 * 3D view, and what SwiftShader costs (a frame with nothing drawn, measured in the same run) so
 * the MPR scroll step and the drag frame can be read against it.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { newPage, waitLoaded, type BenchContext } from './browser';
import { median } from './results';

/** The three MPR views the 2×2 layout keeps. */
const MPR = ['axial', 'sagittal', 'coronal'] as const;
/** Frames per same-frame / empty-frame sample. */
const FRAMES = 12;

/** What one layout switch took, measured in the page (ms after the key's keydown). */
interface SwitchTimes {
  /** The 3D view's first CORNERSTONE_IMAGE_RENDERED showing the volume (its element labelled data-render-quality: the bone rendering is set up). */
  first3d: number | null;
  /** Its first render at full quality (data-render-quality="full" on its element). */
  full3d: number | null;
  /** Each MPR view's first render at its new pane size. */
  mpr: Record<string, number | null>;
  /** Every 3D render after the key, with its quality. */
  renders3d: { at: number; quality: string }[];
}

/** Opens the bench CT from local files, as a user does (oursLocal's sequence). */
async function openBenchCt(ctx: BenchContext, page: Page): Promise<void> {
  const { base, ct, loadTimeout } = ctx;
  await page.goto(base);
  await page.waitForSelector('[data-testid="drop-zone"]', { timeout: 60_000 });
  await page.setInputFiles('[data-testid="file-input"]', ct.raw.files);
  const n = ct.raw.files.length;
  await page.waitForFunction((count) => new RegExp(`Read ${count} of ${count} files`).test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''), n, { timeout: loadTimeout, polling: 200 });
  await page.locator(`tr[data-study-uid="${ct.raw.studyInstanceUID}"]`).locator('button', { hasText: 'Open' }).click();
  await waitLoaded(page, loadTimeout);
  // The first renders of the default layout settle.
  await page.waitForTimeout(800);
}

/**
 * What SwiftShader costs for a frame, in the page, at the axial view's canvas size:
 * `empty`: a WebGL2 clear of an offscreen canvas copied onto a 2D canvas with drawImage (the
 * path Cornerstone takes from its offscreen WebGL canvas to a view), nothing drawn, timed
 * synchronously (the copy waits for the GL work); `same`: each MPR view's `render()` with
 * nothing changed, issued at the start of a frame as the scroll steps are, split into the wait
 * for the next animation frame and the frame's work up to CORNERSTONE_IMAGE_RENDERED.
 */
function frameCosts(page: Page): Promise<{ empty: number[]; sameTotal: number[]; sameWork: number[]; size: [number, number] }> {
  return page.evaluate(
    async ([slots, n]) => {
      type Vp = { render(): void; element: HTMLElement };
      const session = (window.__percuplan?.session as unknown as { views?: { viewport(slot: string): Vp | undefined } } | undefined)?.views;
      const axial = document.querySelector('[data-testid="viewport-axial"] canvas.cornerstone-canvas') as HTMLCanvasElement | null;
      const w = axial?.width ?? 512, h = axial?.height ?? 512;
      const glCanvas = document.createElement('canvas');
      glCanvas.width = w;
      glCanvas.height = h;
      const gl = glCanvas.getContext('webgl2', { preserveDrawingBuffer: true });
      const out = document.createElement('canvas');
      out.width = w;
      out.height = h;
      const ctx2d = out.getContext('2d');
      const empty: number[] = [];
      if (gl && ctx2d) {
        for (let i = 0; i < n + 2; i++) {
          await new Promise((r) => requestAnimationFrame(r));
          const t = performance.now();
          gl.clearColor(0, 0, 0, 1);
          gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
          ctx2d.drawImage(glCanvas, 0, 0);
          ctx2d.getImageData(0, 0, 1, 1);
          if (i >= 2) empty.push(performance.now() - t);
        }
      }
      const sameTotal: number[] = [];
      const sameWork: number[] = [];
      for (const slot of slots) {
        const vp = session?.viewport(slot);
        if (!vp) continue;
        for (let i = 0; i < n; i++) {
          await new Promise((r) => requestAnimationFrame(r));
          let frameStart = NaN;
          requestAnimationFrame(() => void (frameStart = performance.now()));
          const t0 = performance.now();
          const done = new Promise<number>((resolve) => {
            const to = setTimeout(() => resolve(NaN), 5000);
            vp.element.addEventListener('CORNERSTONE_IMAGE_RENDERED', () => (clearTimeout(to), resolve(performance.now())), { once: true });
          });
          vp.render();
          const t1 = await done;
          sameTotal.push(t1 - t0);
          sameWork.push(t1 - frameStart);
        }
      }
      return { empty, sameTotal: sameTotal.filter(Number.isFinite), sameWork: sameWork.filter(Number.isFinite), size: [w, h] as [number, number] };
    },
    [MPR, FRAMES] as const,
  );
}

/** One scroll step of the axial view split into its phases (ms, medians over `n` steps). */
interface ScrollBreakdown {
  total: number[];
  handler: number[];
  wait: number[];
  render: number[];
  after: number[];
}

/**
 * Scrolls the axial view `n` times as bench/browser.ts's scrollSteps does (a wheel event at
 * the start of a frame) and splits each step: the wheel handler (Cornerstone's scroll and
 * our listeners of the camera change, synchronous), the wait for the next animation frame,
 * the frame's work up to CORNERSTONE_IMAGE_RENDERED (vtk.js drawing the slice on SwiftShader
 * and the copy to the view), and the app's IMAGE_RENDERED listeners after it (the overlay
 * repaint, the info scheduling), timed by a listener added after them on the same element.
 */
function scrollBreakdown(page: Page, n: number): Promise<ScrollBreakdown> {
  return page.evaluate(async (steps) => {
    const el = document.querySelector('[data-testid="viewport-axial"]') as HTMLElement | null;
    if (!el) throw new Error('no axial view');
    const rect = el.getBoundingClientRect();
    const out = { total: [] as number[], handler: [] as number[], wait: [] as number[], render: [] as number[], after: [] as number[] };
    for (let i = 0; i < steps; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      let tRendered = NaN;
      let frameStart = NaN;
      document.addEventListener('CORNERSTONE_IMAGE_RENDERED', () => void (tRendered = performance.now()), { capture: true, once: true });
      const done = new Promise<number>((resolve) => {
        const to = setTimeout(() => resolve(NaN), 3000);
        el.addEventListener('CORNERSTONE_IMAGE_RENDERED', () => (clearTimeout(to), resolve(performance.now())), { once: true });
      });
      // Asked before the wheel so it runs first in the frame where Cornerstone draws.
      requestAnimationFrame(() => void (frameStart = performance.now()));
      const t0 = performance.now();
      el.dispatchEvent(new WheelEvent('wheel', { deltaY: 100 * (i < steps / 2 ? 1 : -1), deltaMode: 0, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2, bubbles: true, cancelable: true }));
      const t1 = performance.now();
      const t2 = await done;
      if (!Number.isFinite(t2) || !Number.isFinite(tRendered)) continue;
      out.total.push(tRendered - t0);
      out.handler.push(t1 - t0);
      out.wait.push(Math.max(0, frameStart - t1));
      out.render.push(tRendered - frameStart);
      out.after.push(t2 - tRendered);
    }
    return out;
  }, n);
}

/** Arms the page's clocks for the switch: t0 at the key's keydown, every IMAGE_RENDERED after it. */
function armSwitch(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Rec = { t0: number; events: { slot: string; at: number; quality: string; sized: boolean }[] };
    const w = window as unknown as { __layoutBench?: Rec };
    const rec: Rec = { t0: NaN, events: [] };
    w.__layoutBench = rec;
    document.addEventListener('keydown', (e) => (e.key === '9' && Number.isNaN(rec.t0) ? (rec.t0 = performance.now()) : undefined), { capture: true });
    document.addEventListener(
      'CORNERSTONE_IMAGE_RENDERED',
      (e) => {
        if (Number.isNaN(rec.t0)) return;
        const el = e.target as HTMLElement;
        const slot = el.closest('[data-slot]')?.getAttribute('data-slot') ?? '';
        const canvas = el.querySelector('canvas.cornerstone-canvas') as HTMLCanvasElement | null;
        const dpr = window.devicePixelRatio || 1;
        // Rendered at the pane's new size (not a frame of the old layout).
        const sized = !!canvas && Math.abs(canvas.width - Math.round(el.clientWidth * dpr)) <= 1 && Math.abs(canvas.height - Math.round(el.clientHeight * dpr)) <= 1;
        rec.events.push({ slot, at: performance.now() - rec.t0, quality: el.dataset['renderQuality'] ?? 'none', sized });
      },
      { capture: true },
    );
  });
}

/** Waits for the 3D view's full-quality frame (or `timeout`) and reads the switch's times. */
async function switchTimes(page: Page, timeout: number): Promise<SwitchTimes> {
  await page
    .waitForFunction(() => (window as unknown as { __layoutBench?: { events: { slot: string; quality: string }[] } }).__layoutBench?.events.some((e) => e.slot === 'volume3d' && e.quality === 'full') ?? false, undefined, { timeout, polling: 100 })
    .catch(() => undefined);
  // The MPR views' resize renders land within a frame or two of the 3D one.
  await page.waitForTimeout(300);
  return page.evaluate((slots) => {
    const rec = (window as unknown as { __layoutBench: { events: { slot: string; at: number; quality: string; sized: boolean }[] } }).__layoutBench;
    const mpr: Record<string, number | null> = {};
    for (const s of slots) {
      mpr[s] = rec.events.find((e) => e.slot === s && e.sized)?.at ?? null;
      // A view whose pane kept its size needs no new frame: it is on screen from the start.
      const el = document.querySelector(`[data-testid="viewport-${s}"]`) as HTMLElement | null;
      const c = el?.querySelector('canvas.cornerstone-canvas') as HTMLCanvasElement | null;
      if (mpr[s] === null && el && c && !rec.events.some((e) => e.slot === s) && Math.abs(c.width - Math.round(el.clientWidth * (window.devicePixelRatio || 1))) <= 1) mpr[s] = 0;
    }
    return {
      first3d: rec.events.find((e) => e.slot === 'volume3d' && e.quality !== 'none')?.at ?? null,
      full3d: rec.events.find((e) => e.slot === 'volume3d' && e.quality === 'full')?.at ?? null,
      mpr,
      renders3d: rec.events.filter((e) => e.slot === 'volume3d').map((e) => ({ at: e.at, quality: e.quality })),
    };
  }, MPR);
}

/**
 * Back to the default layout and to 2×2 again, once the first switch's full frame is in: the
 * 3D view is created anew (its pane unmounts), but SwiftShader has its shaders compiled and the
 * plan's surfaces are made, so this is what a user switching back and forth waits for.
 */
async function secondSwitch(ctx: BenchContext, page: Page): Promise<void> {
  await page.keyboard.press('8');
  await page.waitForTimeout(1500);
  await armSwitch(page);
  await page.keyboard.press('9');
  const t = await switchTimes(page, ctx.quick ? 60_000 : 120_000);
  const mprTimes = MPR.map((s) => t.mpr[s]);
  const ready = t.first3d === null || mprTimes.some((v) => v === null) ? null : Math.max(t.first3d, ...(mprTimes as number[]));
  ctx.results.record('layout.twoByTwo3dAgainMs', 'ms', 'ours', ready);
  ctx.results.record('layout.twoByTwo3dAgainFullMs', 'ms', 'ours', t.full3d);
  ctx.log(`  2×2 again: MPR ${MPR.map((s) => `${s} ${t.mpr[s]?.toFixed(0) ?? '–'}`).join(', ')} ms; 3D ${t.renders3d.map((e) => `${e.at.toFixed(0)} (${e.quality})`).join(', ')} ms`);
}

/** One run of the layout rows. */
export async function layoutRun(ctx: BenchContext): Promise<void> {
  const { results: r, log } = ctx;
  const { context, page } = await newPage(ctx.browser, ctx.base, ctx.pages, log);
  try {
    await openBenchCt(ctx, page);
    const costs = await frameCosts(page);
    r.record('render.emptyFrameMs', 'ms', 'ours', median(costs.empty));
    r.record('render.mprSameFrameMs', 'ms', 'ours', median(costs.sameTotal));
    r.record('render.mprSameFrameWorkMs', 'ms', 'ours', median(costs.sameWork));
    r.note('render.emptyFrameMs', 'ms', `${costs.size[0]}×${costs.size[1]} px (the axial view's canvas in the default layout)`);

    const sb = await scrollBreakdown(page, ctx.quick ? 20 : 40);
    r.record('render.scrollStepMs', 'ms', 'ours', median(sb.total));
    r.record('render.scrollHandlerMs', 'ms', 'ours', median(sb.handler));
    r.record('render.scrollWaitMs', 'ms', 'ours', median(sb.wait));
    r.record('render.scrollFrameWorkMs', 'ms', 'ours', median(sb.render));
    r.record('render.scrollAfterMs', 'ms', 'ours', median(sb.after));

    await armSwitch(page);
    const trace = process.env['BENCH_LAYOUT_TRACE'];
    if (trace) await ctx.browser.startTracing(page, { screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'gpu', 'disabled-by-default-v8.cpu_profiler'] });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('9');
    const t = await switchTimes(page, ctx.quick ? 60_000 : 120_000);
    if (trace) writeFileSync(trace, await ctx.browser.stopTracing());
    await secondSwitch(ctx, page);
    const mprTimes = MPR.map((s) => t.mpr[s]);
    const ready = t.first3d === null || mprTimes.some((v) => v === null) ? null : Math.max(t.first3d, ...(mprTimes as number[]));
    r.record('layout.twoByTwo3dMs', 'ms', 'ours', ready);
    r.record('layout.twoByTwo3dFullMs', 'ms', 'ours', t.full3d);
    r.record('layout.twoByTwo3dFirstFrameMs', 'ms', 'ours', t.first3d);
    r.record('layout.twoByTwoMprMs', 'ms', 'ours', mprTimes.every((v) => v !== null) ? Math.max(...(mprTimes as number[])) : null);
    log(`  2×2: MPR ${MPR.map((s) => `${s} ${t.mpr[s]?.toFixed(0) ?? '–'}`).join(', ')} ms; 3D ${t.renders3d.map((e) => `${e.at.toFixed(0)} (${e.quality})`).join(', ')} ms; empty frame ${median(costs.empty)?.toFixed(1)} ms, same MPR frame ${median(costs.sameTotal)?.toFixed(1)} ms (work ${median(costs.sameWork)?.toFixed(1)} ms)`);
  } finally {
    await context.close();
  }
}

/** Declares the layout rows with their goals, and reads the scroll step and the drag frame against an empty frame. */
export function layoutRows(ctx: BenchContext): void {
  const r = ctx.results;
  const m = (id: string): number | null => r.metrics().find((x) => x.id === id)?.ours ?? null;
  r.row('layout.twoByTwo3dMs', 'ms', { text: 'layout change to 2×2 with the 3D view < 2 s', max: 2000 });
  r.note(
    'layout.twoByTwo3dMs',
    'ms',
    'production build, bench CT opened from local files in the default 1+2 layout, key 9 pressed: ready = the latest of the 3D view\'s first CORNERSTONE_IMAGE_RENDERED after the keydown that shows the volume (frames of the empty 3D view before the volume is in, unlabelled, do not count; the view labels its element data-render-quality="preview"|"full" once its bone rendering is set up) and each MPR view\'s first IMAGE_RENDERED at its new pane size (canvas = pane × devicePixelRatio); the 3D view\'s first frame may be its reduced-resolution preview (layout.twoByTwo3dFullMs is the full-quality frame)',
  );
  r.row('layout.twoByTwo3dFullMs', 'ms');
  r.note('layout.twoByTwo3dFullMs', 'ms', 'from the keydown to the 3D view\'s first IMAGE_RENDERED at full quality (its element\'s data-render-quality="full": the bone preset at its software/GPU ray step and full resolution)');
  r.row('layout.twoByTwo3dAgainMs', 'ms', { text: 'layout change to 2×2 with the 3D view < 2 s', max: 2000 });
  r.note('layout.twoByTwo3dAgainMs', 'ms', 'the same switch again in the same page after 8 (the 1+2 layout) and a 1.5 s pause: a new 3D view, with the shaders compiled (SwiftShader) and nothing else cached by us; layout.twoByTwo3dAgainFullMs its full-quality frame');
  r.row('layout.twoByTwo3dAgainFullMs', 'ms');
  r.row('layout.twoByTwo3dFirstFrameMs', 'ms');
  r.row('layout.twoByTwoMprMs', 'ms');
  r.note('layout.twoByTwoMprMs', 'ms', 'from the keydown to the last of the three MPR views\' first render at its new size');
  r.row('render.emptyFrameMs', 'ms');
  r.note(
    'render.emptyFrameMs',
    'ms',
    'what SwiftShader costs for a frame with nothing drawn: a WebGL2 clear of an offscreen canvas of the axial view\'s size, copied onto a 2D canvas with drawImage (Cornerstone\'s path from its offscreen WebGL canvas to a view), timed synchronously, median of 12',
  );
  r.row('render.mprSameFrameMs', 'ms');
  r.note('render.mprSameFrameMs', 'ms', 'each MPR view\'s render() with nothing changed, issued at the start of a frame as the scroll steps are, to its CORNERSTONE_IMAGE_RENDERED: the wait for the next animation frame (≈ one 60 Hz frame) plus the frame\'s work');
  r.row('render.mprSameFrameWorkMs', 'ms');
  r.note('render.mprSameFrameWorkMs', 'ms', 'render.mprSameFrameMs less the wait: from the next animation frame\'s start to IMAGE_RENDERED (vtk.js draws the unchanged slice on SwiftShader and copies it to the view)');
  r.row('render.scrollStepMs', 'ms');
  r.note('render.scrollStepMs', 'ms', 'the axial view scrolled as in mpr.scrollStepMs (wheel event at the start of a frame → CORNERSTONE_IMAGE_RENDERED), split into render.scrollHandlerMs + render.scrollWaitMs + render.scrollFrameWorkMs; render.scrollAfterMs follows the event');
  r.row('render.scrollHandlerMs', 'ms');
  r.note('render.scrollHandlerMs', 'ms', "the wheel event's handlers, synchronous: Cornerstone's scroll (the camera moved one slice) and our listeners of the camera change");
  r.row('render.scrollWaitMs', 'ms');
  r.note('render.scrollWaitMs', 'ms', 'from the end of the handlers to the next animation frame, where Cornerstone draws');
  r.row('render.scrollFrameWorkMs', 'ms');
  r.note('render.scrollFrameWorkMs', 'ms', "from the animation frame's start to IMAGE_RENDERED: vtk.js drawing the new slice on SwiftShader and the copy to the view (compare render.mprSameFrameWorkMs, the same slice again)");
  r.row('render.scrollAfterMs', 'ms');
  r.note('render.scrollAfterMs', 'ms', "the app's IMAGE_RENDERED listeners after the frame (the plan overlay's repaint, the overlay text scheduled), timed by a listener added after them on the view's element");
  const empty = m('render.emptyFrameMs');
  const same = m('render.mprSameFrameMs');
  if (empty !== null && same !== null) {
    const s = `of which ~${empty.toFixed(1)} ms is SwiftShader's cost of a frame with nothing drawn (render.emptyFrameMs) and ~${same.toFixed(1)} ms an unchanged MPR frame issued the same way (render.mprSameFrameMs: the wait for the next animation frame plus drawing the same slice again)`;
    r.note('mpr.scrollStepMs', 'ms', s);
    r.note('plan.dragFrameMs', 'ms', `of which ~${empty.toFixed(1)} ms is SwiftShader's cost of a frame with nothing drawn (render.emptyFrameMs)`);
  } else {
    r.note('render.emptyFrameMs', 'ms', 'not measured in this run');
  }
}
