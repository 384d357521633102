import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { createPlanningVolume, IDENTITY_DIRECTION, type PlanningVolume } from '../../planning/lesions';
import { ok, type Result } from '../../shared/result';
import { lps } from '../../shared/vec3';
import { createPacsClient } from '../dicomweb/pacsClient';
import type { IndexedInstance } from '../embeddedSource';
import { pacsSeriesVolume } from '../planning/pacsSeriesVolume';
import { createSeriesVolumes } from '../planning/seriesVolumes';
import { openRecordsRepository } from './openRecordStore';
import { SAVE_NOTES_HEADER, saveNotesHeader } from './planHandlers';
import { createRecordsHandler } from './recordsRoutes';
import type { RecordsRepository } from './recordsRepository';

// A plan save whose CT the server could have fetched but could not (here: the PACS refuses the
// connection) still succeeds, and its answer says why in a header; one on a series the server
// reads says nothing. The volume lookup is the real one (createSeriesVolumes over the real PACS
// client); only the embedded files' reader is a stand-in giving a 20 mm cube of −50 HU.

const EMBEDDED = '1.2.826.0.9.1';
const ON_PACS = '1.2.826.0.9.2';
const FOR = '1.2.826.0.9.3';

const header = (n: number): InstanceHeader => ({
  sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
  sopInstanceUID: `${EMBEDDED}.${n}`,
  studyInstanceUID: '1.2.826.0.9',
  seriesInstanceUID: EMBEDDED,
  transferSyntaxUID: '1.2.840.10008.1.2.1',
  hasPixelData: true,
  patientPosition: 'HFS',
});
const embeddedFiles: IndexedInstance[] = [1, 2].map((n) => ({ header: header(n), file: `ct${n}` }));
const embedded = { seriesFiles: (uid: string) => (uid === EMBEDDED ? embeddedFiles : undefined) };
const readCube = (): Promise<Result<PlanningVolume>> => {
  const v = createPlanningVolume({ dimensions: [20, 20, 20], spacing: [1, 1, 1], origin: lps(-10, -10, -10), direction: IDENTITY_DIRECTION }, new Int16Array(8000).fill(-50));
  return Promise.resolve(v.ok ? ok(v.value) : v);
};

/** A port nothing listens on: opened, noted, closed. */
async function refusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** The notes an answer carries, decoded as a client must (undefined: no header). */
const notesOf = (res: Response): unknown => {
  const h = res.headers.get(SAVE_NOTES_HEADER);
  return h === null ? undefined : JSON.parse(decodeURIComponent(h));
};

const plan = (series: string) => ({
  studyInstanceUID: '1.2.826.0.9',
  seriesInstanceUID: series,
  frameOfReferenceUID: FOR,
  content: { trajectories: [{ id: 't1', deviceId: 'bone-access-11g-100', entry: [0, 0, 0], target: [3, 4, 0], frameOfReferenceUID: FOR }] },
});
type Metrics = { depthMm: number; path: unknown };
const metricsOf = (doc: { content: { trajectories?: { metrics: Metrics }[] } }): Metrics => doc.content.trajectories![0]!.metrics;

describe('a plan save answers why its HU-based metrics were not computed', () => {
  let repo: RecordsRepository;
  let server: Server | undefined;
  let base = '';
  let pacsUrl = '';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'percuplan-savenotes-'));

  beforeAll(async () => {
    await freshPgliteDir(dataDir);
    repo = await openRecordsRepository({ PERCUPLAN_DEMO: '0', DATA_DIR: dataDir }, dataDir, () => {});
    pacsUrl = `http://127.0.0.1:${await refusedPort()}/dicom-web`;
    const remote = pacsSeriesVolume(createPacsClient({ baseUrl: new URL(pacsUrl), label: 'Down', authorization: () => undefined }));
    const volumeFor = createSeriesVolumes(embedded, { read: readCube, remote, warn: () => {} });
    const handle = createRecordsHandler(repo, { defaultActor: 'os-user', planContext: { catalogue: defaultCatalogue(), volumeFor } });
    server = createServer((req, res) => {
      handle(req, res, new URL(req.url ?? '/', 'http://localhost')).then(
        (done) => void (done || (res.writeHead(404), res.end())),
        () => void (res.writeHead(500), res.end()),
      );
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await repo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (method: string, p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(base + p, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const newCase = async (): Promise<string> => {
    const r = await send('POST', '/api/cases', { patient: { pseudonym: 'Save notes' } });
    expect(r.status).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };

  it('a plan on a PACS series the server cannot reach: saved with geometric metrics, the note naming the PACS and the refused connection, on create and on save', async () => {
    const caseId = await newCase();
    const created = await send('POST', `/api/cases/${caseId}/plans`, plan(ON_PACS));
    expect(created.status).toBe(201);
    const notes = notesOf(created) as string[];
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`series ${ON_PACS} could not be read from the PACS at ${pacsUrl}`);
    expect(notes[0]).toContain('ECONNREFUSED');
    const doc = (await created.json()) as { id: string; version: number; content: { trajectories: { metrics: Metrics }[] } } & Record<string, unknown>;
    // |(3, 4, 0)| = 5 mm: geometric metrics are there, the CT path (tissue strip) is not.
    expect(metricsOf(doc).depthMm).toBeCloseTo(5, 6);
    expect(metricsOf(doc).path).toBeNull();
    // The notes describe the save, not the plan: neither in the answer's body nor stored.
    expect(JSON.stringify(doc)).not.toContain('ECONNREFUSED');
    const stored = await fetch(`${base}/api/plans/${doc.id}`);
    expect(stored.headers.get(SAVE_NOTES_HEADER)).toBeNull();
    expect(await stored.text()).not.toContain('ECONNREFUSED');

    const saved = await send('PUT', `/api/plans/${doc.id}`, { ...plan(ON_PACS), title: 'again' }, { 'if-match': `"${doc.version}"` });
    expect(saved.status).toBe(200);
    expect(notesOf(saved)).toEqual(notes);
  });

  it('a plan on a series the server reads: no notes, and the CT-based path computed', async () => {
    const caseId = await newCase();
    const created = await send('POST', `/api/cases/${caseId}/plans`, plan(EMBEDDED));
    expect(created.status).toBe(201);
    expect(created.headers.get(SAVE_NOTES_HEADER)).toBeNull();
    const doc = (await created.json()) as { content: { trajectories: { metrics: Metrics }[] } };
    expect(metricsOf(doc).path).not.toBeNull();
  });

  it('a refused save carries no notes', async () => {
    const caseId = await newCase();
    const bad = await send('POST', `/api/cases/${caseId}/plans`, { ...plan(ON_PACS), frameOfReferenceUID: 7 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get(SAVE_NOTES_HEADER)).toBeNull();
  });
});

describe('saveNotesHeader', () => {
  const decode = (h: Record<string, string>): unknown => JSON.parse(decodeURIComponent(h[SAVE_NOTES_HEADER]!));

  it('is absent without notes, lists each distinct note once, and is plain ASCII', () => {
    expect(saveNotesHeader([])).toEqual({});
    const h = saveNotesHeader(['PACS down – ECONNREFUSED', 'PACS down – ECONNREFUSED', 'b']);
    expect(decode(h)).toEqual(['PACS down – ECONNREFUSED', 'b']);
    expect(h[SAVE_NOTES_HEADER]).toMatch(/^[\x21-\x7e]+$/);
  });

  it('cuts a note to 1000 characters and the header to 4 KB, keeping at least the first note', () => {
    const long = 'x'.repeat(5000);
    expect(decode(saveNotesHeader([long]))).toEqual([`${'x'.repeat(999)}…`]);
    // Each note cut to 999 ASCII + '…' (%E2%80%A6: 9) inside quotes (%22: 3 each) = 1014 encoded;
    // brackets 6, commas 3: four notes are 6 + 4 × 1014 + 3 × 3 = 4071 ≤ 4096, five 5088.
    const ten = Array.from({ length: 10 }, (_, i) => `${i}${'x'.repeat(2000)}`);
    const h = saveNotesHeader(ten);
    expect(h[SAVE_NOTES_HEADER]!.length).toBeLessThanOrEqual(4096);
    expect((decode(h) as string[]).map((n) => n[0])).toEqual(['0', '1', '2', '3']);
  });
});
