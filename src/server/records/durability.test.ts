import { afterAll, describe, expect, it } from 'vitest';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { startServerProcess, type ServerProcess } from '../../../tests/support/serverProcess';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

interface Ack {
  kind: 'case' | 'plan';
  id: string;
  version: number;
  notes: string;
}

const json = { 'content-type': 'application/json' };

/**
 * Streams saves from several writers at once (case edits, new cases, plan edits) and records
 * each one the server acknowledged, until `stop()`; a request cut off by the kill is not
 * acknowledged and is only counted.
 */
function streamSaves(url: string, caseIds: string[], planId: string) {
  const acks: Ack[] = [];
  let running = true;
  let cutOff = 0;
  const put = async (path: string, body: object, version: number) =>
    fetch(`${url}${path}`, { method: 'PUT', headers: { ...json, 'if-match': `"${version}"` }, body: JSON.stringify(body) });
  const writers = [
    ...caseIds.map(async (id, w) => {
      let version = 1;
      for (let seq = 1; running; seq++) {
        const notes = `writer ${w} save ${seq}`;
        try {
          const r = await put(`/api/cases/${id}`, { patient: { pseudonym: `Durable ${w}` }, notes, pain: { atRest: seq % 11 } }, version);
          if (r.status !== 200) throw new Error(`unexpected ${r.status}: ${await r.text()}`);
          version = ((await r.json()) as { version: number }).version;
          acks.push({ kind: 'case', id, version, notes });
        } catch (e) {
          if (running) throw e;
          cutOff++;
        }
      }
    }),
    (async () => {
      for (let seq = 1; running; seq++) {
        const notes = `new case ${seq}`;
        try {
          const r = await fetch(`${url}/api/cases`, { method: 'POST', headers: json, body: JSON.stringify({ patient: { pseudonym: 'Stream' }, notes }) });
          if (r.status !== 201) throw new Error(`unexpected ${r.status}`);
          acks.push({ kind: 'case', id: ((await r.json()) as { id: string }).id, version: 1, notes });
        } catch (e) {
          if (running) throw e;
          cutOff++;
        }
      }
    })(),
    (async () => {
      let version = 1;
      for (let seq = 1; running; seq++) {
        const notes = `plan save ${seq}`;
        try {
          const r = await put(`/api/plans/${planId}`, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', title: notes, content: { seq } }, version);
          if (r.status !== 200) throw new Error(`unexpected ${r.status}`);
          version = ((await r.json()) as { version: number }).version;
          acks.push({ kind: 'plan', id: planId, version, notes });
        } catch (e) {
          if (running) throw e;
          cutOff++;
        }
      }
    })(),
  ];
  return {
    acks,
    cutOff: () => cutOff,
    /** Starts no new request; the ones in flight finish or are cut off. Call just before the kill. */
    stop: () => {
      running = false;
    },
    done: () => Promise.all(writers),
  };
}

async function getJson<T>(url: string): Promise<{ status: number; body: T; warnings: string | null }> {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json()) as T, warnings: r.headers.get('x-percuplan-restore-warnings') };
}

/** Every version of a document is there, 1…current, readable, and the current row is the last version. */
async function expectWhole(url: string, kind: 'cases' | 'plans', id: string): Promise<number> {
  const current = await getJson<{ version: number }>(`${url}/api/${kind}/${id}`);
  expect(current.status).toBe(200);
  const history = await getJson<{ entries: { version: number }[] }>(`${url}/api/${kind}/${id}/history`);
  expect(history.body.entries.map((e) => e.version)).toEqual(Array.from({ length: current.body.version }, (_, i) => i + 1));
  const last = await getJson<object>(`${url}/api/${kind}/${id}/versions/${current.body.version}`);
  expect([last.status, last.warnings]).toEqual([200, null]);
  expect(last.body).toEqual(current.body);
  return current.body.version;
}

describe.each(backends)('kill -9 durability on $name', (backend) => {
  it.skipIf(!!backend.skip)('keeps every acknowledged save and no half-written one after SIGKILL mid-stream', async () => {
    const { env } = await backend.freshEnv();
    let server: ServerProcess | undefined = await startServerProcess({ ...env, PERCUPLAN_DEMO: '1' });
    try {
      const url = server.url;
      const demo = await getJson<{ cases: unknown[] }>(`${url}/api/cases`);
      expect(demo.body.cases).toHaveLength(3);
      const caseIds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await fetch(`${url}/api/cases`, { method: 'POST', headers: json, body: JSON.stringify({ patient: { pseudonym: `Durable ${i}` } }) });
        caseIds.push(((await r.json()) as { id: string }).id);
      }
      const plan = await fetch(`${url}/api/cases/${caseIds[0]}/plans`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4' }),
      });
      const planId = ((await plan.json()) as { id: string }).id;

      const stream = streamSaves(url, caseIds, planId);
      while (stream.acks.length < 60) await new Promise((r) => setTimeout(r, 20));
      stream.stop();
      await server.kill('SIGKILL');
      await stream.done();
      const acked = [...stream.acks];
      expect(acked.length).toBeGreaterThanOrEqual(60);

      server = await startServerProcess(env);
      const again = server.url;
      for (const a of acked) {
        const v = await getJson<{ notes?: string; title?: string }>(`${again}/api/${a.kind}s/${a.id}/versions/${a.version}`);
        expect([a.id, a.version, v.status]).toEqual([a.id, a.version, 200]);
        expect(a.kind === 'case' ? v.body.notes : v.body.title).toBe(a.notes);
      }
      const listed = await getJson<{ cases: { id: string; plans: { id: string }[] }[] }>(`${again}/api/cases?archived=include&limit=1000`);
      const created = acked.filter((a) => a.notes.startsWith('new case')).length;
      // Demo and set-up cases, every acknowledged new case, and at most the one cut off.
      expect(listed.body.cases.length - 6 - created).toBeGreaterThanOrEqual(0);
      expect(listed.body.cases.length - 6 - created).toBeLessThanOrEqual(1);
      for (const c of listed.body.cases) {
        const version = await expectWhole(again, 'cases', c.id);
        const maxAcked = Math.max(0, ...acked.filter((a) => a.id === c.id).map((a) => a.version));
        expect(version).toBeGreaterThanOrEqual(maxAcked);
        for (const p of c.plans) await expectWhole(again, 'plans', p.id);
      }
      console.log(`[durability ${backend.name}] ${acked.length} acknowledged saves kept; ${stream.cutOff()} requests cut off by SIGKILL`);
    } finally {
      await server?.kill('SIGTERM');
    }
  });
});
