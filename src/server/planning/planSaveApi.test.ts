import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { boxFromCorners, createMask, createPlanningVolume, encodeMask, IDENTITY_DIRECTION, type VolumeGeometry } from '../../planning/lesions';
import { lps } from '../../shared/vec3';
import { createCatalogue } from '../catalogue';
import { indexFolder } from '../embeddedSource';
import { openRecordsRepository } from '../records/openRecordStore';
import { createRecordsHandler } from '../records/recordsRoutes';
import type { RecordsRepository } from '../records/recordsRepository';
import type { ProcessContext } from './processPlanContent';
import { createSeriesVolumes } from './seriesVolumes';

const SERIES = '1.2.826.0.2.1';
const FOR = '1.2.826.0.2.2';
const catalogue = defaultCatalogue();

/** Working lengths read from the shipped catalogue file itself. */
const catalogueFile = JSON.parse(readFileSync(new URL('../../planning/devices/catalogue.json', import.meta.url), 'utf8')) as {
  devices: { id: string; workingLengthMm: number }[];
};
const workingLength = (id: string): number => catalogueFile.devices.find((d) => d.id === id)!.workingLengthMm;

/** A 20 mm grid of 1 mm voxels, −50 HU with a 10×10×10-voxel block of 300 HU at i, j, k ∈ [5, 14]. */
const grid: VolumeGeometry = { dimensions: [20, 20, 20], spacing: [1, 1, 1], origin: lps(-10, -10, -10), direction: IDENTITY_DIRECTION };
function cubeCt() {
  const scalars = new Int16Array(8000).fill(-50);
  for (let k = 5; k < 15; k++) for (let j = 5; j < 15; j++) for (let i = 5; i < 15; i++) scalars[i + 20 * (j + 20 * k)] = 300;
  const v = createPlanningVolume(grid, scalars);
  if (!v.ok) throw new Error(v.error);
  return v.value;
}
const tinyCt: ProcessContext = { catalogue, volumeFor: (uid) => Promise.resolve(uid === SERIES ? { volume: cubeCt(), patientPosition: 'HFS' } : undefined) };
const cubeMask = () => {
  const m = createMask(grid.dimensions, boxFromCorners([5, 5, 5], [14, 14, 14]));
  m.data.fill(1);
  return encodeMask(m, grid, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR });
};

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

/** The records API alone over a fresh embedded database, as api.test.ts serves it, with a plan context. */
async function serve(repo: RecordsRepository, planContext?: ProcessContext): Promise<{ base: string; server: Server }> {
  const handle = createRecordsHandler(repo, { defaultActor: 'os-user', planContext });
  const server = createServer((req, res) => {
    handle(req, res, new URL(req.url ?? '/', 'http://localhost')).then(
      (done) => void (done || (res.writeHead(404), res.end())),
      () => void (res.writeHead(500), res.end()),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const dataDirs: string[] = [];
async function freshRepository(): Promise<RecordsRepository> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'percuplan-plansave-'));
  dataDirs.push(dataDir);
  await freshPgliteDir(dataDir);
  return openRecordsRepository({ PERCUPLAN_DEMO: '0', DATA_DIR: dataDir }, dataDir, () => {});
}
afterAll(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function client(base: () => string) {
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(base() + p, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
  };
  const newCase = async (): Promise<string> => {
    const r = await call('POST', '/api/cases', { patient: { pseudonym: 'Plan save patient' } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  return { call, newCase };
}

const needle = (over: Record<string, unknown> = {}) => ({ id: 't1', deviceId: 'bone-access-11g-100', entry: [0, 0, 0], target: [30, 40, 0], frameOfReferenceUID: FOR, ...over });
const bogusMetrics = { depthMm: 1, needleMarginMm: 1, craniocaudalAngleDeg: 45, craniocaudalDirection: 'caudal', axialAngleDeg: 3, axialDirection: 'right', inPlane: false, tableVerticalAngleDeg: null, tableVerticalDirection: null, structures: [], path: null, transpedicular: null, warnings: ['made up'] };
type Metrics = Record<string, unknown>;
const metricsOf = (doc: Record<string, unknown>, i = 0): Metrics => ((doc.content as { trajectories: { metrics: Metrics }[] }).trajectories[i]!.metrics);

describe('saving a plan recomputes its content (PGlite)', () => {
  let repo: RecordsRepository;
  let server: Server | undefined;
  let base = '';
  const { call, newCase } = client(() => base);

  beforeAll(async () => {
    repo = await freshRepository();
    ({ base, server } = await serve(repo, tinyCt));
  });
  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await repo?.close();
  });

  it('stores and returns the metrics of the domain definitions, not the ones sent', async () => {
    const caseId = await newCase();
    const created = await call('POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content: { trajectories: [{ ...needle(), metrics: bogusMetrics }] } });
    expect(created.status).toBe(201);
    // |(30, 40, 0)| = 50 mm; d = (0.6, 0.8, 0): 0° craniocaudal (in plane), atan(0.6 / 0.8) = 36.87° toward patient left.
    const expected = {
      depthMm: 50,
      needleMarginMm: workingLength('bone-access-11g-100') - 50,
      craniocaudalAngleDeg: 0,
      craniocaudalDirection: 'none',
      axialAngleDeg: 36.87,
      axialDirection: 'left',
      inPlane: true,
      tableVerticalAngleDeg: null,
      tableVerticalDirection: null,
      structures: [],
      transpedicular: null,
      warnings: [],
    };
    expect(metricsOf(created.body)).toMatchObject(expected);
    const stored = await call('GET', `/api/plans/${created.body.id as string}`);
    expect(metricsOf(stored.body)).toMatchObject(expected);
    // The series' CT is held here, so the track is profiled along it.
    expect(metricsOf(stored.body).path).not.toBeNull();
  });

  it('refuses an unknown device and a corrupt mask, naming the field, and leaves good plans alone', async () => {
    const caseId = await newCase();
    const good = await call('POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content: { trajectories: [needle()] } });
    expect(good.status).toBe(201);
    const unknown = await call('POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content: { trajectories: [needle({ deviceId: 'made-up-needle' })] } });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'invalid-fields']);
    expect((unknown.body.issues as { path: string }[]).map((i) => i.path)).toEqual(['content.trajectories[0].deviceId']);
    const corrupt = { ...cubeMask(), runs: 'BQ==' };
    const bad = await call('PUT', `/api/plans/${good.body.id as string}`, { ...good.body, content: { lesions: [{ id: 'L1', segmentation: corrupt }], trajectories: [needle()] } });
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid-fields']);
    expect((bad.body.issues as { path: string }[]).map((i) => i.path)).toEqual(['content.lesions[0].segmentation.runs']);
    const after = await call('GET', `/api/plans/${good.body.id as string}`);
    expect(after.body).toEqual(good.body);
    expect(((await call('GET', `/api/cases/${caseId}/plans`)).body.plans as unknown[]).length).toBe(1);
  });

  it('stores the measurements of the mask on the CT: a 10 × 10 × 10 block of 1 mm voxels is 1.0 mL at 300 HU', async () => {
    const caseId = await newCase();
    const sent = { volumeMl: 42, principalDiametersMm: [1, 2, 3], longestAxialDiameterMm: 4, hu: { mean: 5, min: 5, max: 5 } };
    const created = await call('POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content: { lesions: [{ id: 'L1', segmentation: cubeMask(), measurements: sent }] } });
    expect(created.status).toBe(201);
    const stored = await call('GET', `/api/plans/${created.body.id as string}`);
    const m = (stored.body.content as { lesions: { measurements: { volumeMl: number; hu: unknown } }[] }).lesions[0]!.measurements;
    expect(m.volumeMl).toBeCloseTo(1, 12);
    expect(m.hu).toEqual({ mean: 300, min: 300, max: 300 });
  });

  it('gives the same content for the same plan saved twice, and saves an approved plan unchanged', async () => {
    const caseId = await newCase();
    const content = { lesions: [{ id: 'L1', segmentation: cubeMask() }], trajectories: [needle({ metrics: bogusMetrics })] };
    const first = await call('POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content });
    const second = await call('POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content });
    const contentText = async (id: unknown) => JSON.stringify((await call('GET', `/api/plans/${id as string}`)).body.content);
    expect(await contentText(second.body.id)).toBe(await contentText(first.body.id));
    const planId = first.body.id as string;
    const approved = await call('PUT', `/api/plans/${planId}`, { ...first.body, status: 'approved' });
    expect([approved.status, approved.body.version]).toEqual([200, 2]);
    const again = await call('PUT', `/api/plans/${planId}`, approved.body);
    expect([again.status, again.headers.get('x-percuplan-change'), again.body.version]).toEqual([200, 'unchanged', 2]);
    // The client's stale numbers are recomputed before the approval rule compares: still unchanged.
    const staleMetrics = structuredClone(approved.body) as { content: { trajectories: { metrics: unknown }[] } };
    staleMetrics.content.trajectories[0]!.metrics = bogusMetrics;
    const withStale = await call('PUT', `/api/plans/${planId}`, staleMetrics);
    expect([withStale.status, withStale.headers.get('x-percuplan-change')]).toEqual([200, 'unchanged']);
    expect(await contentText(planId)).toBe(await contentText(second.body.id));
  });
});

const CASE3 = fileURLToPath(new URL('../../../sample-dicom/generated/case3-spine-ct/', import.meta.url));
const haveCase3 = existsSync(path.join(CASE3, 'truth.json'));
if (!haveCase3) console.warn(`[plan save tests] skipping the case 3 CT test: ${CASE3}truth.json is missing (run npm run sample-dicom)`);

describe.skipIf(!haveCase3)('saving a plan on the embedded case 3 CT', () => {
  let repo: RecordsRepository;
  let server: Server | undefined;
  let base = '';
  const { call, newCase } = client(() => base);
  const truth = haveCase3
    ? (JSON.parse(readFileSync(path.join(CASE3, 'truth.json'), 'utf8')) as { seriesInstanceUID: string; frameOfReferenceUID: string; landmarks: Record<string, [number, number, number]> })
    : null;

  beforeAll(async () => {
    const index = await indexFolder(CASE3);
    const embedded = createCatalogue(index.instances, studyListings);
    repo = await freshRepository();
    ({ base, server } = await serve(repo, { catalogue, volumeFor: createSeriesVolumes(embedded) }));
  });
  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await repo?.close();
  });

  it('profiles a left T10 transpedicular track through the pedicle cortex and checks it against the canal', async () => {
    const { seriesInstanceUID, frameOfReferenceUID, landmarks } = truth!;
    const P = landmarks.T10PedicleLeft!, C = landmarks.T10CanalCentre!;
    const T: [number, number, number] = [8.96, 9.74, -135.22];
    // Entry on the line target → pedicle, 80 mm beyond the pedicle: P − T = (3.29, 15.499, 0), |P − T| = 15.8443,
    // so E = P + 80·(0.20765, 0.97820, 0) = (28.862, 103.495, −135.22) and the depth is 15.8443 + 80 = 95.844 mm.
    const u = [P[0] - T[0], P[1] - T[1], P[2] - T[2]];
    const len = Math.hypot(u[0]!, u[1]!, u[2]!);
    const E = [P[0] + (80 * u[0]!) / len, P[1] + (80 * u[1]!) / len, P[2] + (80 * u[2]!) / len];
    // The canal as a tube of radius 9.25 mm (the phantom's epidural tube) along z through the canal centre.
    const canal = { id: 'canal', kind: 'spinal-canal', name: 'Spinal canal', colour: '#3b82f6', safetyDistanceMm: 1, shape: { kind: 'tube', frameOfReferenceUID, pointsLps: [[C[0], C[1], C[2] + 20], [C[0], C[1], C[2] - 20]], radiusMm: 9.25 } };
    const trajectory = { id: 'T10L', deviceId: 'bone-access-11g-150', entry: E, target: T, frameOfReferenceUID, accessRoute: { approach: 'transpedicular', side: 'left' } };
    const caseId = await newCase();
    const created = await call('POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID, frameOfReferenceUID, content: { structuresAtRisk: [canal], trajectories: [trajectory] } });
    expect(created.status).toBe(201);
    const m = metricsOf(created.body) as {
      depthMm: number;
      needleMarginMm: number;
      axialAngleDeg: number;
      axialDirection: string;
      inPlane: boolean;
      tableVerticalAngleDeg: number | null;
      path: { corticalCrossings: number } | null;
      transpedicular: { breach: boolean } | null;
      structures: { structureId: string; distanceMm: number }[];
    };
    expect(m.depthMm).toBeCloseTo(95.84, 2);
    expect(m.needleMarginMm).toBeCloseTo(workingLength('bone-access-11g-150') - 95.84, 2);
    // d = −(0.20765, 0.97820, 0): atan(0.20765 / 0.97820) = 11.98° from the AP axis, d_x < 0: toward patient right.
    expect([m.axialAngleDeg, m.axialDirection, m.inPlane]).toEqual([11.98, 'right', true]);
    // HFS in the headers: supine, so no table-vertical angle (domain.md: only when the patient lay on their side).
    expect(m.tableVerticalAngleDeg).toBeNull();
    expect(m.path).not.toBeNull();
    expect(m.path!.corticalCrossings).toBeGreaterThanOrEqual(1);
    expect(m.transpedicular).not.toBeNull();
    // Canal axis to needle axis: |(C − T) × û| = |−8.96·0.97820 − 19.749·0.20765| = 12.866 mm, at 17.46 mm from T (on the
    // track); less the tube radius 9.25 and the 11 G radius 1.525: 2.09 mm to the tube's surface. The distance is to the
    // rasterised voxels as boxes, whose centres lie within the surface and whose corners reach up to half an in-plane
    // diagonal (0.78125·√2 / 2 = 0.55 mm) beyond it: between 2.09 − 0.55 = 1.54 and 2.09 mm.
    const d = m.structures.find((s) => s.structureId === 'canal');
    expect(d).toBeDefined();
    expect(d!.distanceMm).toBeGreaterThanOrEqual(1.53);
    expect(d!.distanceMm).toBeLessThanOrEqual(2.1);
  });
});
