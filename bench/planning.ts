/**
 * The planning rows of `npm run bench` (issues 5, 6, 7): the Node timings of the grow, the
 * measurements and the per-frame metrics, run in the bench's own process, and a probe drag in
 * the production build with real mouse events. Never asserts a timing.
 */
import type { Page } from 'playwright-core';
import type { Goal, Recorder } from './results';
import { FULL_GROW_GRID, QUICK_GROW_GRID, runGrowLesionBench } from '../src/planning/bench/growLesionBench';
import { runZoneMetricsScenario, ZONE_SCENARIOS, type ZoneMetricsResult } from '../src/planning/bench/zoneMetricsBench';

/** What the planning rows need of the bench's results. */
export type PlanRecorder = Recorder;

declare global {
  interface Window {
    /** The drag probe of the bench: per mousemove [event time, handler time, next rAF, after that frame]. */
    __benchDrag?: { on: boolean; frames: [number, number, number, number][] };
  }
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const p95 = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] as number;
};
const f1 = (v: number | null): string => (v === null ? '—' : v.toFixed(1));

export const GROW_GOAL: Goal = { text: '< 300 ms (issues 5, 17)', max: 300 };
export const MEASURE_GOAL: Goal = { text: '< 50 ms (issue 5)', max: 50 };
export const FRAME_GOAL: Goal = { text: '≤ 16.7 ms (one 60 Hz frame)', max: 16.7 };
const UPDATE_GOAL: Goal = { text: '< 16 ms at the median (issue 17)', max: 16 };

// ---- Node --------------------------------------------------------------------------------

/** Grows, measures and recomputes the zone metrics in this process; quick uses smaller grids and fewer repetitions. */
export function planNodeRows(r: PlanRecorder, quick: boolean, log: (s: string) => void): void {
  const t0 = Date.now();
  const grow = runGrowLesionBench({ grid: quick ? QUICK_GROW_GRID : FULL_GROW_GRID, grows: quick ? 6 : 10, dabs: quick ? 10 : 20, encodes: quick ? 2 : 5 });
  log(`  plan (Node): CT ${grow.dimensions.join('×')} built in ${(grow.buildMs / 1000).toFixed(1)} s, grow and measure in ${((Date.now() - t0) / 1000 - grow.buildMs / 1000).toFixed(1)} s`);
  const dims = grow.dimensions.join('×');
  const size = quick ? `${dims} (quick: a crop of the 512×512×300 CT around the lesion, same 0.78×0.78×1 mm spacing and lesion)` : `${dims} (0.78×0.78×1 mm)`;
  r.record('plan.growMs', 'ms', 'ours', median(grow.growMs), GROW_GOAL);
  r.note('plan.growMs', 'ms', `Node, in the bench's process before the browser starts: growLesion from a seed in the synthetic CT ${size}, lytic lesion of ${grow.lesion.volumeMl.toFixed(1)} mL (${grow.lesion.voxelCount} voxels) in a bone block; median of the ${grow.growMs.length} calls after the first`);
  r.record('plan.growColdMs', 'ms', 'ours', grow.growColdMs, GROW_GOAL);
  r.note('plan.growColdMs', 'ms', 'the first growLesion call of the process (includes compiling the code; the viewer pays it once per session)');
  r.record('plan.measureMs', 'ms', 'ours', median(grow.measureMs), MEASURE_GOAL);
  r.record('plan.measureP95Ms', 'ms', 'ours', p95(grow.measureMs));
  r.note('plan.measureMs', 'ms', `Node: measureMask after each of ${grow.measureMs.length} 5 mm sphere brush dabs (painting and erasing in turn) on the grown lesion (${grow.measured.voxelCount} voxels), median; same CT as plan.growMs`);

  const t1 = Date.now();
  const main = runZoneMetricsScenario(quick ? ZONE_SCENARIOS.largeQuick : ZONE_SCENARIOS.large, quick ? 30 : 80);
  const covered: ZoneMetricsResult | undefined = quick ? undefined : runZoneMetricsScenario(ZONE_SCENARIOS.covered, 80);
  log(`  plan (Node): zone metrics in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  const what = (z: ZoneMetricsResult): string => `lesion ${z.lesionVoxels} voxels (an ellipsoid) on a ${z.dimensions.join('×')} grid @ ${z.spacing.join('×')} mm; median of ${z.frameMs.length} frames after the first five; preparing the lesion (once per edit, not per frame) ${z.prepareLesionMs.toFixed(0)} ms`;
  r.record('plan.metricsNodeMs', 'ms', 'ours', median(main.frameMs), FRAME_GOAL);
  r.record('plan.metricsNodeP95Ms', 'ms', 'ours', p95(main.frameMs));
  r.note(
    'plan.metricsNodeMs',
    'ms',
    `Node: one update of the metrics a probe drag recomputes, five generic-cryoprobe-13g probes (angles and 2 shaft distances each; lethal and outer composite zones; coverage, margin, 2 structures in the zones), trajectoryMetrics + shaftDistance + planZoneMetrics called directly (no HU profile, no schema parse); ${what(main)}${quick ? '; quick: the ~2.1 million-voxel lesion of the full bench on a 1 mm grid instead of 0.5 mm' : ''}`,
  );
  if (covered) {
    r.record('plan.metricsNodeMs.covered', 'ms', 'ours', median(covered.frameMs), FRAME_GOAL);
    r.note('plan.metricsNodeMs.covered', 'ms', `as plan.metricsNodeMs with the lesion covered by the five probes: ${what(covered)}`);
  }
}

// ---- browser -----------------------------------------------------------------------------

type V3 = [number, number, number];
const add3 = (a: readonly number[], b: readonly number[]): V3 => [a[0]! + b[0]!, a[1]! + b[1]!, a[2]! + b[2]!];

/** Waits `n` animation frames of the page (rAF callbacks registered now run after the app's). */
function frames(page: Page, n: number): Promise<void> {
  // No named inner functions in page code: tsx would wrap them in a helper the page lacks.
  return page.evaluate(async (count) => {
    for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, n);
}

async function worldToPage(page: Page, slot: string, world: V3): Promise<[number, number]> {
  const p = await page.evaluate(([s, w]) => window.__percuplan?.session?.worldToPage(s as 'axial', w as V3), [slot, world] as const);
  if (!p) throw new Error(`viewport ${slot} cannot place ${world.map((v) => v.toFixed(1)).join(', ')}`);
  return p;
}

const DRAG_MOVES = 30;
const BRUSH_RADIUS_MM = 35;

/**
 * In a page with the bench CT open and complete: paints a 35 mm sphere lesion with the brush
 * (a real click), places five cryoprobes through the bridge, then drags the last one's shaft
 * with real mouse events in the axial view and reads the app's `percuplan:plan-metrics` marks.
 */
export async function planDrag(page: Page, r: PlanRecorder, log: (s: string) => void): Promise<void> {
  const t0 = Date.now();
  const ready = await page
    .waitForFunction(() => !!window.__percuplan?.bridge && !!window.__percuplan.session?.volumeGeometry(), undefined, { timeout: 20_000, polling: 100 })
    .then(() => true)
    .catch(() => false);
  if (!ready) {
    const why = await page.evaluate(() => (window.__percuplan?.session ? (window.__percuplan.bridge ? 'no volume geometry' : 'no plan bridge (window.__percuplan.bridge)') : 'no session (window.__percuplan.session)'));
    throw new Error(`the page offers no planning: ${why}`);
  }
  const geo = await page.evaluate(() => {
    const g = window.__percuplan!.session!.volumeGeometry()!;
    return { dimensions: [...g.dimensions], spacing: [...g.spacing], origin: [...g.origin], direction: g.direction.map((d) => [...d]) };
  });
  // The volume's centre in the middle slice, then 40 mm anterior (−y in LPS): soft tissue of
  // the phantom's body (bench/generate.ts), in front of the vertebra.
  const index = [(geo.dimensions[0]! - 1) / 2, (geo.dimensions[1]! - 1) / 2, Math.round((geo.dimensions[2]! - 1) / 2)];
  let centre: V3 = [geo.origin[0]!, geo.origin[1]!, geo.origin[2]!];
  for (let a = 0; a < 3; a++) centre = add3(centre, (geo.direction[a] ?? []).map((c) => c * geo.spacing[a]! * index[a]!));
  centre = add3(centre, [0, -40, 0]);

  // A new lesion: a 3D brush sphere, clicked at the centre in the axial view.
  await page.evaluate(
    ([c, radius]) => {
      const h = window.__percuplan!;
      h.bridge!.setOptions({ brushSphere: true, brushRadiusMm: radius });
      h.bridge!.setTool('brush');
      h.session!.jumpTo(c);
    },
    [centre, BRUSH_RADIUS_MM] as const,
  );
  await frames(page, 2);
  await page.evaluate(() => performance.clearMarks('percuplan:plan-metrics'));
  const click = await worldToPage(page, 'axial', centre);
  await page.mouse.move(click[0], click[1]);
  await page.mouse.click(click[0], click[1]);
  const painted = await page
    .waitForFunction(() => (window.__percuplan?.plan?.getSnapshot().draft.lesions[0]?.mask?.data.length ?? 0) > 0, undefined, { timeout: 10_000, polling: 'raf' })
    .then(() => true)
    .catch(() => false);
  if (!painted) {
    const status = await page.evaluate(() => window.__percuplan?.bridge?.getSnapshot().status?.text ?? 'no status');
    throw new Error(`the brush click painted no lesion (bridge status: ${status})`);
  }
  await frames(page, 2);
  const lesion = await page.evaluate(() => {
    const m = window.__percuplan!.plan!.getSnapshot().draft.lesions[0]!.mask!;
    let n = 0;
    for (let i = 0; i < m.data.length; i++) if (m.data[i]) n++;
    const measure = performance.getEntriesByName('percuplan:measure', 'mark').at(-1) as PerformanceMark | undefined;
    const metrics = performance.getEntriesByName('percuplan:plan-metrics', 'mark').map((x) => ((x as PerformanceMark).detail as { ms: number }).ms);
    return { voxels: n, box: [...m.box.size], measureMs: (measure?.detail as { ms?: number } | undefined)?.ms, metricsMs: metrics };
  });

  // Five cryoprobes (the default device): targets at the centre and 15 mm around it in the axial
  // plane, entries 90 mm anterior. The last one is 15 mm to the patient's left, its shaft apart.
  const offsets: V3[] = [[0, 0, 0], [0, 15, 0], [0, -15, 0], [-15, 0, 0], [15, 0, 0]];
  const probes = offsets.map((o) => {
    const target = add3(centre, o);
    return { entry: add3(target, [0, -90, 0]), target };
  });
  const placed = await page.evaluate((ps) => {
    const b = window.__percuplan!.bridge!;
    return ps.map((p) => b.createTrajectory(p.entry, p.target) ?? null);
  }, probes);
  if (placed.some((id) => id === null)) throw new Error(`createTrajectory refused a probe: ${await page.evaluate(() => window.__percuplan?.bridge?.getSnapshot().status?.text ?? '')}`);
  await frames(page, 2);

  // The drag: the last probe's shaft, grabbed at its midpoint, 30 moves of 1 mm to the left.
  const last = probes[4]!;
  const mid: V3 = [(last.entry[0] + last.target[0]) / 2, (last.entry[1] + last.target[1]) / 2, (last.entry[2] + last.target[2]) / 2];
  await page.evaluate(() => {
    performance.clearMarks('percuplan:plan-metrics');
    window.__percuplan!.bridge!.setTool('trajectory');
    if (!window.__benchDrag) {
      window.__benchDrag = { on: false, frames: [] };
      // Window capture runs before the view's own listener, which stops the event during a drag.
      window.addEventListener(
        'mousemove',
        (e) => {
          const s = window.__benchDrag;
          if (!s?.on) return;
          const handled = performance.now();
          requestAnimationFrame(() => {
            const raf = performance.now();
            // A task posted from a frame's callbacks runs after that frame's rendering update:
            // the app's overlay repaint and metrics (rAF callbacks of the same frame) are done.
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              s.frames.push([e.timeStamp, handled, raf, performance.now()]);
              ch.port1.close();
            };
            ch.port2.postMessage(0);
          });
        },
        true,
      );
    }
    window.__benchDrag.frames = [];
  });
  const start = await worldToPage(page, 'axial', mid);
  const oneMm = await worldToPage(page, 'axial', add3(mid, [1, 0, 0]));
  const step = [oneMm[0] - start[0], oneMm[1] - start[1]];
  await page.mouse.move(start[0], start[1]);
  await page.mouse.down();
  const grabbed = await page.evaluate((id) => {
    const s = window.__percuplan!.plan!.getSnapshot();
    return s.inGesture && s.selection?.id === id;
  }, placed[4]!);
  await page.evaluate(() => (window.__benchDrag!.on = true));
  for (let i = 1; i <= DRAG_MOVES; i++) {
    await page.mouse.move(start[0] + i * step[0]!, start[1] + i * step[1]!);
    await frames(page, 1);
  }
  await page.evaluate(() => (window.__benchDrag!.on = false));
  await page.mouse.up();
  await frames(page, 2);
  const result = await page.evaluate((id) => {
    const t = window.__percuplan!.plan!.getSnapshot().draft.trajectories.find((x) => x.id === id);
    return {
      marks: performance.getEntriesByName('percuplan:plan-metrics', 'mark').map((m) => (m as PerformanceMark).detail as { ms: number; trajectories: number }),
      frames: window.__benchDrag?.frames ?? [],
      target: t ? [...t.target] : null,
    };
  }, placed[4]!);
  const moved = result.target ? result.target[0]! - last.target[0] : NaN;
  if (!grabbed || !(Math.abs(moved) > DRAG_MOVES / 2)) throw new Error(`the drag did not move the probe (grabbed ${grabbed}, moved ${moved.toFixed(1)} mm)`);

  const updates = result.marks.filter((m) => m.trajectories === probes.length).map((m) => m.ms);
  r.record('plan.dragUpdateMs', 'ms', 'ours', median(updates), UPDATE_GOAL);
  r.record('plan.dragUpdateP95Ms', 'ms', 'ours', p95(updates));
  r.note(
    'plan.dragUpdateMs',
    'ms',
    `production build, bench CT from local files: a lesion painted with one click of a ${BRUSH_RADIUS_MM} mm 3D brush sphere (${lesion.voxels} voxels, box ${lesion.box.join('×')}), five generic-cryoprobe-13g probes placed through the bridge, the last one's shaft dragged in the axial view with ${DRAG_MOVES} real mouse moves of 1 mm (one animation frame between moves); detail.ms of the app's percuplan:plan-metrics marks (one update of the trajectory and zone metrics: metricsInputs + recomputePlanMetrics, as in PlanBridge.computeMetrics): ${DRAG_MOVES} moves; plan.prepareLesionBrowserMs is the slowest update after the brush click (it prepares the new lesion's mask, once per mask)`,
  );
  if (lesion.metricsMs.length) r.record('plan.prepareLesionBrowserMs', 'ms', 'ours', Math.max(...lesion.metricsMs));
  // Event timestamps are on the page's clock; fall back to the handler's time if one is not.
  const frameMs = result.frames.map(([ev, handled, , done]) => done - (ev > 0 && ev <= handled && handled - ev < 5000 ? ev : handled));
  const queuedMs = result.frames.map(([ev, handled]) => (ev > 0 && ev <= handled ? handled - ev : 0));
  const inFrameMs = result.frames.map(([, , raf, done]) => done - raf);
  r.record('plan.dragFrameMs', 'ms', 'ours', median(frameMs), FRAME_GOAL);
  r.record('plan.dragFrameP95Ms', 'ms', 'ours', p95(frameMs));
  r.note(
    'plan.dragFrameMs',
    'ms',
    `per mouse move of the drag (${frameMs.length} of ${DRAG_MOVES}): from the mousemove event's timeStamp to a task posted from the next animation frame's callbacks, i.e. after the frame in which the app repainted the overlays and recomputed the metrics had run its rendering update (main thread only; compositing and SwiftShader rasterisation not included); split into plan.dragEventWaitMs (the event waiting for its handler: Chromium aligns mousemoves to frames) and plan.dragFrameWorkMs (the frame itself, first rAF callback to after its rendering update)`,
  );
  r.record('plan.dragEventWaitMs', 'ms', 'ours', median(queuedMs));
  r.record('plan.dragFrameWorkMs', 'ms', 'ours', median(inFrameMs), FRAME_GOAL);
  if (lesion.measureMs !== undefined) {
    r.record('plan.measureBrowserMs', 'ms', 'ours', lesion.measureMs, MEASURE_GOAL);
    r.note('plan.measureBrowserMs', 'ms', `the app's percuplan:measure mark after the ${BRUSH_RADIUS_MM} mm brush click (measureMask of the ${lesion.voxels}-voxel lesion in the page), one sample per run`);
  }
  log(`  plan drag: lesion ${lesion.voxels} voxels, ${updates.length} updates, median ${f1(median(updates))} ms; in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Declares the planning rows with their goals, and notes the ones this run did not measure. */
export function planRows(r: Recorder & { has(id: string): boolean }, only: string | undefined): void {
  r.row('plan.growMs', 'ms', GROW_GOAL);
  r.row('plan.growColdMs', 'ms', GROW_GOAL);
  r.row('plan.measureMs', 'ms', MEASURE_GOAL);
  r.row('plan.metricsNodeMs', 'ms', FRAME_GOAL);
  r.row('plan.dragUpdateMs', 'ms', UPDATE_GOAL);
  r.row('plan.dragUpdateP95Ms', 'ms');
  r.row('plan.dragFrameMs', 'ms', { ...FRAME_GOAL, text: '≤ 16.7 ms at the median where the GPU is real (reported here; see render.emptyFrameMs)' });
  for (const id of ['plan.growMs', 'plan.growColdMs', 'plan.measureMs', 'plan.metricsNodeMs', 'plan.dragUpdateMs', 'plan.dragUpdateP95Ms', 'plan.dragFrameMs']) {
    if (!r.has(id)) r.note(id, 'ms', `not measured in this run${only ? ` (--only ${only})` : ''}`);
  }
}
