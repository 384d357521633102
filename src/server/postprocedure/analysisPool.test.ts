import { afterAll, describe, expect, it } from 'vitest';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { lps } from '../../shared/vec3';
import { AnalysisBusy, createAnalysisPool, type AnalysisRequest } from './analysisPool';

/*
 * The analysis queue with its real worker thread (analysisWorker.mjs registering tsx, as under
 * `npm start`): a job crosses into the worker and its outcome comes back; the queue refuses
 * beyond its length and drops a cancelled waiting job. The jobs here are refused by the worker
 * for their input (deterministic, whatever the analysis code does with good input).
 */

const grid = (scalars: Int16Array, n = 2): PlanningVolume => ({
  dimensions: [n, n, n],
  spacing: [1, 1, 1],
  origin: lps(0, 0, 0),
  direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  scalars,
});
const request = (ct: PlanningVolume, content: Record<string, unknown> = {}): AnalysisRequest => ({
  ct,
  cbct: grid(new Int16Array(8)),
  planningSeriesInstanceUID: '1.2.4.2',
  planFrameOfReferenceUID: '1.2.4.3',
  planContent: content,
  cbctIdentity: { studyInstanceUID: '1.2.3.1', seriesInstanceUID: '1.2.3.2', frameOfReferenceUID: null },
  matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
});

const pool = createAnalysisPool({ maxWaiting: 1 });
afterAll(() => pool.close());

describe('the analysis pool', () => {
  it('runs a job in its worker thread and answers its outcome; the caller keeps its volume', async () => {
    // 7 values for a 2×2×2 grid: the worker's own check of the volume refuses it, naming the count.
    const ct = grid(new Int16Array([1, 2, 3, 4, 5, 6, 7]));
    const outcome = await pool.run(request(ct));
    expect(outcome).toEqual({ kind: 'invalid', message: 'the planning CT is not a usable volume: scalars has 7 values for 8 voxels' });
    // The buffer transferred was a copy: the cached volume is intact.
    expect([...ct.scalars]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const badPlan = await pool.run(request(grid(new Int16Array(8)), { lesions: 'not a list' }));
    expect(badPlan.kind).toBe('invalid');
    expect(badPlan.kind === 'invalid' && badPlan.message).toMatch(/content\.lesions/);
  });

  it('refuses beyond one waiting job with a wait in seconds, and drops a waiting job that is cancelled', async () => {
    const bad = grid(new Int16Array(7));
    const first = pool.run(request(bad));
    const abort = new AbortController();
    const second = pool.run(request(bad), abort.signal);
    expect(pool.pending()).toBe(2);
    let busy: unknown;
    try {
      await pool.run(request(bad));
    } catch (e) {
      busy = e;
    }
    expect(busy).toBeInstanceOf(AnalysisBusy);
    expect((busy as AnalysisBusy).retryAfterS).toBe(60);
    abort.abort();
    expect(await second).toEqual({ kind: 'cancelled' });
    expect((await first).kind).toBe('invalid');
    expect(pool.pending()).toBe(0);
  });
});
