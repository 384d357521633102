import { describe, expect, it } from 'vitest';
import type { StudyListing, SeriesInstances } from '../../dicom/studyListing';
import type { CtGrid } from '../../interop/ctGrid';
import type { ImportedSegmentation } from '../../interop/importTypes';
import { createMask } from '../../planning/mask/voxelMask';
import { err, ok } from '../../shared/result';
import { ImportedObjects, type ImportedDeps } from './importedStore';
import { segmentKey } from './importedTypes';

const study: StudyListing = {
  studyInstanceUID: 'S', source: 'local', modalities: ['CT', 'SEG'], imageCount: 2,
  series: [
    { seriesInstanceUID: 'CT', modality: 'CT', frameOfReferenceUID: 'F', instanceCount: 2, imageCount: 2 },
    { seriesInstanceUID: 'SEGS', modality: 'SEG', instanceCount: 2, imageCount: 0 },
  ],
};

const segObject = { kind: 'seg', name: 'a.dcm', referencedSeriesInstanceUID: 'CT', frameOfReferenceUID: 'F', segments: [{ number: 1, label: 'L', colour: '#00ff00' }] } as unknown as ImportedSegmentation;

function deps(): ImportedDeps {
  return {
    list: async () => [
      { sopInstanceUID: 'a', sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', seriesInstanceUID: 'SEGS', name: 'a.dcm', load: async () => new Uint8Array([1]) },
      { sopInstanceUID: 'b', sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', seriesInstanceUID: 'SEGS', name: 'b.dcm', load: async () => { throw new Error('HTTP 404'); } },
    ],
    read: (bytes, name) => (bytes[0] === 1 ? ok(segObject) : err(`${name}: unreadable`)),
    headers: async () => [],
    grid: () => ok({ seriesInstanceUID: 'CT', frameOfReferenceUID: 'F', geometry: { dimensions: [2, 2, 2], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] }, slices: [] } as unknown as CtGrid),
    segmentMask: () => {
      const m = createMask([2, 2, 2], { offset: [0, 0, 0], size: [2, 2, 2] });
      m.data.fill(1);
      return ok(m);
    },
    pointOnSlice: () => null,
  };
}

describe('ImportedObjects', () => {
  it('reads each object of a series, names the file and reason of one that fails, and places the rest on the open CT', async () => {
    const store = new ImportedObjects(deps());
    store.reset(study);
    await store.loadSeries('SEGS');
    const objects = store.getSnapshot().bySeries.get('SEGS');
    expect(objects?.status).toBe('loaded');
    expect(objects?.objects.map((o) => (o.result.ok ? 'ok' : o.result.error))).toEqual(['ok', 'b.dcm: HTTP 404']);
    expect(store.placement('a')).toBeUndefined();
    await store.setCt({ seriesInstanceUID: 'CT' } as SeriesInstances);
    expect(store.placement('a')?.segments.map((s) => s.voxels)).toEqual([8]);
  });

  it('keeps what is shown and hidden per object and per segment', () => {
    const store = new ImportedObjects(deps());
    store.setShown('a', true);
    store.toggle(segmentKey('a', 1));
    expect([...store.getSnapshot().shown]).toEqual(['a']);
    expect(store.getSnapshot().hidden.has('a#1')).toBe(true);
    store.toggle(segmentKey('a', 1));
    store.setShown('a', false);
    expect(store.getSnapshot().shown.size + store.getSnapshot().hidden.size).toBe(0);
  });

  it('names a series whose listing fails, and a CT that is not a grid', async () => {
    const d = deps();
    d.list = async () => { throw new Error('the PACS answered 502'); };
    d.grid = () => err('a CT grid needs at least 2 slices, got 1');
    const store = new ImportedObjects(d);
    store.reset(study);
    await store.loadSeries('SEGS');
    expect(store.getSnapshot().bySeries.get('SEGS')).toMatchObject({ status: 'failed', error: 'the PACS answered 502' });
    await store.setCt({ seriesInstanceUID: 'CT' } as SeriesInstances);
    expect(store.getSnapshot().ct?.grid).toEqual({ ok: false, error: 'a CT grid needs at least 2 slices, got 1' });
  });
});
