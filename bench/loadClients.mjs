/* global fetch */
// The load clients of bench/serverLoad.ts, in a worker thread of their own: in the server's
// thread they took its event loop's time (sending, parsing every answer, 512 KB downloads) and
// their cost was counted as the server's latency. Plain JavaScript so the worker needs no loader.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

/** One timed request; throws on a status other than `ok`, after reading the whole body. */
async function timed(url, init, ok) {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const text = res.headers.get('content-type')?.includes('json') ? await res.text() : await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${typeof text === 'string' ? text.slice(0, 200) : ''}`);
  return { ms, body: typeof text === 'string' ? JSON.parse(text) : undefined };
}

const { base, clients, caseIds, sops, maxMs, rounds, pageSize } = workerData;
const times = { studies: [], cases: [], instance: [], save: [] };
const saves = new Map();
let errors = 0;
let firstError;
const t0 = performance.now();
const deadline = t0 + maxMs;

async function client(c) {
  const id = caseIds[c % caseIds.length];
  let doc = (await timed(`${base}/api/cases/${id}`, {}, 200)).body;
  for (let round = 0; round < rounds && performance.now() < deadline; round++) {
    const step = async (kind, url, init = {}, ok = 200) => {
      try {
        const r = await timed(url, init, ok);
        times[kind].push(r.ms);
        return r.body;
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
        return undefined;
      }
    };
    await step('studies', `${base}/api/studies`);
    await step('cases', `${base}/api/cases?limit=${pageSize}`);
    await step('instance', `${base}/api/files/${sops[(c + round) % sops.length] ?? ''}`);
    const body = JSON.stringify({ ...doc, notes: `client ${c} round ${round}` });
    const saved = await step('save', `${base}/api/cases/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': `"${String(doc.version)}"` }, body });
    if (saved) {
      doc = saved;
      saves.set(id, (saves.get(id) ?? 0) + 1);
    }
  }
}

await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
parentPort?.postMessage({ times, errors, firstError, saves: [...saves], elapsedMs: performance.now() - t0 });
