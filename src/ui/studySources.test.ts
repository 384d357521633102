import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SeriesInstances } from '../dicom/studyListing';

const seriesInstances = vi.fn<(study: string, series: string) => Promise<SeriesInstances>>();
vi.mock('../api/client', () => ({ api: { seriesInstances: (a: string, b: string) => seriesInstances(a, b), study: vi.fn() } }));
vi.mock('../imaging', () => ({ localStudies: { study: () => undefined, seriesInstances: () => undefined } }));

const { getSeriesInstances } = await import('./studySources');

const listing = (series: string): SeriesInstances => ({ studyInstanceUID: '1.2', seriesInstanceUID: series, instances: [], reconstructable: true, reasons: [], warnings: [] });

/** A promise with its resolve and reject in hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('getSeriesInstances', () => {
  beforeEach(() => seriesInstances.mockReset());

  it('shares one request between callers asking for the same series at once (viewer and thumbnail)', async () => {
    const d = deferred<SeriesInstances>();
    seriesInstances.mockReturnValueOnce(d.promise);
    const a = getSeriesInstances('1.2', '1.2.3');
    const b = getSeriesInstances('1.2', '1.2.3');
    d.resolve(listing('1.2.3'));
    expect(await a).toBe(await b);
    expect(seriesInstances).toHaveBeenCalledTimes(1);
  });

  it('asks again once the earlier request has settled, and never shares between two series', async () => {
    seriesInstances.mockImplementation(async (_s, series) => listing(series));
    await getSeriesInstances('1.2', '1.2.3');
    await getSeriesInstances('1.2', '1.2.3');
    await Promise.all([getSeriesInstances('1.2', '1.2.4'), getSeriesInstances('1.2', '1.2.5')]);
    expect(seriesInstances.mock.calls.map((c) => c[1])).toEqual(['1.2.3', '1.2.3', '1.2.4', '1.2.5']);
  });

  it('a failed request fails every caller that shared it, and the next call tries again', async () => {
    const d = deferred<SeriesInstances>();
    seriesInstances.mockReturnValueOnce(d.promise).mockResolvedValueOnce(listing('1.2.3'));
    const a = getSeriesInstances('1.2', '1.2.3');
    const b = getSeriesInstances('1.2', '1.2.3');
    d.reject(new Error('HTTP 502'));
    await expect(a).rejects.toThrow('HTTP 502');
    await expect(b).rejects.toThrow('HTTP 502');
    expect((await getSeriesInstances('1.2', '1.2.3')).seriesInstanceUID).toBe('1.2.3');
    expect(seriesInstances).toHaveBeenCalledTimes(2);
  });
});
