/**
 * The floor: the least any browser viewer must do to hold a local series as one volume —
 * read every file, parse it with dicom-parser in a pool of workers of the viewer's size and
 * copy its pixels into one Int16Array. No rendering.
 */
import type { FloorRequest, FloorResponse } from './floorWorker';
import { onFiles } from './shared';

const workerCount = window.__benchWorkers ?? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
const workerUrl = new URL('./floorWorker.js', import.meta.url);

onFiles((files, t0) => {
  window.__bench = {};
  const zs = new Float64Array(files.length);
  const slices: (Int16Array | undefined)[] = new Array(files.length);
  let next = 0;
  let done = 0;
  let rows = 0;
  let columns = 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(workerUrl));
  const finish = (): void => {
    // Order by position (descending z: head first, as the files were written) and copy.
    const order = Array.from(files, (_, i) => i).sort((a, b) => (zs[b] ?? 0) - (zs[a] ?? 0));
    const plane = rows * columns;
    const volume = new Int16Array(plane * files.length);
    order.forEach((i, k) => {
      const s = slices[i];
      if (s) volume.set(s, k * plane);
    });
    window.__bench = { ...window.__bench, allMs: performance.now() - t0, volumeBytes: volume.byteLength, voxels: volume.length };
    workers.forEach((w) => w.terminate());
  };
  const send = (w: Worker): void => {
    if (next >= files.length) return;
    const req: FloorRequest = { file: files[next] as File, index: next };
    next++;
    w.postMessage(req);
  };
  for (const w of workers) {
    w.onmessage = (e: MessageEvent<FloorResponse>): void => {
      const r = e.data;
      if (r.error) window.__bench = { ...window.__bench, error: r.error };
      if (done === 0) window.__bench = { ...window.__bench, firstMs: performance.now() - t0 };
      zs[r.index] = r.z;
      slices[r.index] = r.pixels;
      rows = r.rows || rows;
      columns = r.columns || columns;
      done++;
      if (done === files.length) finish();
      else send(w);
    };
    // Two requests in flight per worker keep it busy while the main thread copies.
    send(w);
    send(w);
  }
});
