/**
 * The DICOMweb floor: the least a browser viewer must do to hold a PACS series as one volume —
 * list the series' instances with QIDO-RS, fetch every frame with WADO-RS (all requests issued
 * at once, as the product's Cornerstone request pool does; Chromium then runs 6 per host over
 * HTTP/1.1), take each frame out of its multipart answer, decode JPEG-LS in a pool of workers
 * with the product's codec (uncompressed frames need none) and copy the pixels into one array.
 * No rendering. Query: ?root=/dicomweb&study=…&series=…&workers=N. Times are from the
 * navigation start, like the product's marks.
 */
import type { DecodeRequest, DecodeResponse } from './dicomwebFloorWorker';

const q = new URLSearchParams(location.search);
const root = q.get('root') ?? '/dicomweb';
const workerCount = Math.max(1, Number(q.get('workers') ?? 2));
const series = `${root}/studies/${q.get('study') ?? ''}/series/${q.get('series') ?? ''}`;
const ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

/** Index of `needle` in `hay` searching backwards from the end, or -1. */
function lastIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The one part of a single-part multipart/related answer, and its transfer syntax. */
function framePart(body: Uint8Array, contentType: string): { bytes: Uint8Array; compressed: boolean } {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  let start = -1;
  for (let i = 0; i + 3 < body.length; i++) {
    if (body[i] === 13 && body[i + 1] === 10 && body[i + 2] === 13 && body[i + 3] === 10) {
      start = i + 4;
      break;
    }
  }
  const head = new TextDecoder('latin1').decode(body.subarray(0, Math.max(0, start)));
  const end = lastIndexOf(body, new TextEncoder().encode(`\r\n--${boundary}`));
  if (start < 0 || end < start) throw new Error('malformed multipart answer');
  const ts = /transfer-syntax=([0-9.]+)/i.exec(head)?.[1] ?? /transfer-syntax=([0-9.]+)/i.exec(contentType)?.[1] ?? '';
  return { bytes: body.subarray(start, end), compressed: ts !== '1.2.840.10008.1.2.1' && ts !== '1.2.840.10008.1.2' };
}

async function run(): Promise<void> {
  window.__bench = {};
  const workers = Array.from({ length: workerCount }, () => new Worker('/bench/dicomwebFloorWorker.js'));
  try {
    const list = (await (await fetch(`${series}/instances`, { headers: { accept: 'application/dicom+json' } })).json()) as Record<string, { Value?: (string | number)[] }>[];
    const uids = list.map((i) => String(i['00080018']?.Value?.[0] ?? ''));
    const rows = Number(list[0]?.['00280010']?.Value?.[0] ?? 512);
    const columns = Number(list[0]?.['00280011']?.Value?.[0] ?? 512);
    const plane = rows * columns;
    const volume = new Uint16Array(plane * uids.length);
    const bytesOf = new Uint8Array(volume.buffer);
    let done = 0;
    let nextWorker = 0;
    let allDone: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (allDone = resolve));
    const place = (index: number, bytes: Uint8Array): void => {
      bytesOf.set(bytes.subarray(0, plane * 2), index * plane * 2);
      if (done === 0) window.__bench = { ...window.__bench, firstMs: performance.now() };
      done++;
      if (done === uids.length) allDone();
    };
    for (const w of workers) {
      w.onmessage = (e: MessageEvent<DecodeResponse>): void => {
        const r = e.data;
        if (r.error || !r.pixels) window.__bench = { ...window.__bench, error: r.error ?? 'no pixels' };
        else place(r.index, new Uint8Array(r.pixels.buffer));
      };
    }
    // Every request at once: the browser's own per-host limit is the parallelism, as for the product.
    await Promise.all(
      uids.map(async (uid, index) => {
        const res = await fetch(`${series}/instances/${uid}/frames/1`, { headers: { accept: ACCEPT } });
        if (!res.ok) throw new Error(`frame ${index}: HTTP ${res.status}`);
        const part = framePart(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type') ?? '');
        if (!part.compressed) {
          place(index, part.bytes);
          return;
        }
        const req: DecodeRequest = { index, bytes: part.bytes.slice() };
        (workers[nextWorker++ % workers.length] as Worker).postMessage(req, [req.bytes.buffer]);
      }),
    );
    await finished;
    window.__bench = { ...window.__bench, allMs: performance.now(), volumeBytes: volume.byteLength, voxels: volume.length };
  } catch (e) {
    window.__bench = { ...window.__bench, error: e instanceof Error ? e.message : String(e) };
  } finally {
    workers.forEach((w) => w.terminate());
  }
}

void run();
