import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { boxFromCorners, createMask, createPlanningVolume, encodeMask, IDENTITY_DIRECTION, type PlanningVolume, type VolumeGeometry } from '../../planning/lesions';
import { draftFromContent } from '../../planning/plan/planContentIO';
import { planMetrics } from '../../planning/plan/planMetrics';
import { lps } from '../../shared/vec3';
import { createCatalogue } from '../catalogue';
import { DEMO_CASE_KEYS, buildDemoPlan } from '../demo/demoPlans';
import { readDemoStudy } from '../demo/loadDemoPlan';
import { indexFolder } from '../embeddedSource';
import { openRecordsRepository } from '../records/openRecordStore';
import { createRecordsHandler } from '../records/recordsRoutes';
import type { RecordsRepository } from '../records/recordsRepository';
import type { ProcessContext } from './processPlanContent';
import { createSeriesVolumes } from './seriesVolumes';

// The page's live numbers are planMetrics on the typed draft the page edits (draftFromContent of
// what it sends); the stored numbers are what the server keeps after a save through the API.
// They must be equal, edge cases included.

const SERIES = '1.2.826.0.4.1';
const FOR = '1.2.826.0.4.2';
const catalogue = defaultCatalogue();

/** 1 mm voxels, voxel (i, j, k) at (i − 20, j − 20, k − 20) mm: −50 HU with a 300 HU block at i, j, k ∈ [12, 27]. */
const grid: VolumeGeometry = { dimensions: [40, 40, 40], spacing: [1, 1, 1], origin: lps(-20, -20, -20), direction: IDENTITY_DIRECTION };
function blockCt(): PlanningVolume {
  const scalars = new Int16Array(40 * 40 * 40).fill(-50);
  for (let k = 12; k < 28; k++) for (let j = 12; j < 28; j++) for (let i = 12; i < 28; i++) scalars[i + 40 * (j + 40 * k)] = 300;
  const v = createPlanningVolume(grid, scalars);
  if (!v.ok) throw new Error(v.error);
  return v.value;
}
const ct = blockCt();

const stored = (lo: [number, number, number], hi: [number, number, number], filled = true) => {
  const m = createMask(grid.dimensions, boxFromCorners(lo, hi));
  if (filled) m.data.fill(1);
  return encodeMask(m, grid, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR });
};
const lesion = (id: string, filled = true) => ({ id, label: id, segmentation: stored([16, 16, 16], [22, 22, 22], filled) });
const maskStructure = (id: string, kind: string, lo: [number, number, number], hi: [number, number, number], filled = true) => ({
  id, kind, name: id, colour: '#3b82f6', safetyDistanceMm: 2, shape: { kind: 'mask', mask: stored(lo, hi, filled) },
});
const canalTube = { id: 'canal', kind: 'spinal-canal', name: 'canal', colour: '#3b82f6', safetyDistanceMm: 1, shape: { kind: 'tube', frameOfReferenceUID: FOR, pointsLps: [[0, 12, -15], [0, 12, 15]], radiusMm: 3 } };
const cord = maskStructure('cord', 'spinal-cord', [19, 31, 5], [21, 33, 35]);
const cryo = { id: 'cryo', deviceId: 'generic-cryoprobe-13g', entry: [-15, -15, 0], target: [0, 0, 0], frameOfReferenceUID: FOR };
const needle = { id: 'needle', deviceId: 'bone-access-11g-150', entry: [15, -16, 1], target: [3, 2, 1], frameOfReferenceUID: FOR, accessRoute: { approach: 'transpedicular', side: 'left' } };
const rf = { id: 'rf', deviceId: 'generic-rf-electrode-17g', entry: [-16, 14, -2], target: [-2, 1, -2], frameOfReferenceUID: FOR };

/** Plans that differ from the base only in one edge case each. */
const EDGE_CASES: Record<string, Record<string, unknown>> = {
  base: { lesions: [lesion('L1')], structuresAtRisk: [], trajectories: [cryo, needle] },
  'an empty lesion mask': { lesions: [lesion('L1'), lesion('L2', false)], structuresAtRisk: [], trajectories: [cryo, needle] },
  'a spinal-canal tube': { lesions: [lesion('L1')], structuresAtRisk: [canalTube], trajectories: [cryo, needle] },
  'a spinal-cord mask only': { lesions: [lesion('L1')], structuresAtRisk: [cord], trajectories: [cryo, needle] },
  'an empty canal beside the cord': { lesions: [lesion('L1')], structuresAtRisk: [maskStructure('canal', 'spinal-canal', [18, 30, 10], [22, 34, 30], false), cord], trajectories: [cryo, needle] },
  'an empty structure mask': { lesions: [lesion('L1')], structuresAtRisk: [maskStructure('vessel', 'major-vessel', [2, 2, 2], [5, 5, 5], false), maskStructure('bowel', 'bowel', [2, 30, 18], [8, 36, 24])], trajectories: [cryo, needle] },
  'a non-ablating device beside an ablating one': { lesions: [lesion('L1')], structuresAtRisk: [], trajectories: [rf, cryo, needle] },
  'no ablating device': { lesions: [lesion('L1'), lesion('L2', false)], structuresAtRisk: [cord], trajectories: [rf, needle] },
};

async function serve(repo: RecordsRepository, planContext: ProcessContext): Promise<{ base: string; server: Server }> {
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
afterAll(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A PGlite-backed records API with `planContext`, and a way to save a plan under a new case and read back its stored content. */
function apiHarness(planContext: () => ProcessContext) {
  let repo: RecordsRepository | undefined;
  let server: Server | undefined;
  let base = '';
  const call = async (method: string, p: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(base + p, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'percuplan-parity-'));
    dataDirs.push(dataDir);
    await freshPgliteDir(dataDir);
    repo = await openRecordsRepository({ PERCUPLAN_DEMO: '0', DATA_DIR: dataDir }, dataDir, () => {});
    ({ base, server } = await serve(repo, planContext()));
  });
  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await repo?.close();
  });
  return async (plan: { seriesInstanceUID: string; frameOfReferenceUID: string; content: Record<string, unknown> } & Record<string, unknown>): Promise<Record<string, unknown>> => {
    const c = await call('POST', '/api/cases', { patient: { pseudonym: 'Parity patient' } });
    expect(c.status).toBe(201);
    const created = await call('POST', `/api/cases/${c.body.id as string}/plans`, plan);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const got = await call('GET', `/api/plans/${created.body.id as string}`);
    return got.body.content as Record<string, unknown>;
  };
}

/** The live numbers: the builder on the typed draft of `content`, on the series as the page has it loaded. */
function liveMetrics(content: Record<string, unknown>, series: { seriesInstanceUID: string; frameOfReferenceUID: string }, volume: PlanningVolume, patientPosition: string | null) {
  const d = draftFromContent(content, { ...series, geometry: volume });
  if (!d.ok) throw new Error(d.error.join('; '));
  const m = planMetrics(d.value.draft, { frameOfReferenceUID: series.frameOfReferenceUID, catalogue, patientPosition, ct: volume, geometry: volume });
  if (!m.ok) throw new Error(m.error.join('; '));
  return { trajectories: m.value.trajectories.map((t) => ({ id: t.id, metrics: t.metrics })), zoneMetrics: m.value.zoneMetrics };
}
const storedMetrics = (content: Record<string, unknown>) => ({
  trajectories: (content.trajectories as { id: string; metrics: unknown }[]).map((t) => ({ id: t.id, metrics: t.metrics })),
  zoneMetrics: content.zoneMetrics,
});

describe('the page and the server give the same metrics (edge cases, PGlite)', () => {
  const save = apiHarness(() => ({ catalogue, volumeFor: (uid) => Promise.resolve(uid === SERIES ? { volume: ct, patientPosition: 'HFS' } : undefined) }));

  it.each(Object.keys(EDGE_CASES))('%s', async (name) => {
    const content = EDGE_CASES[name]!;
    const series = { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR };
    const kept = await save({ ...series, content });
    const live = liveMetrics(content, series, ct, 'HFS');
    expect(storedMetrics(kept)).toEqual(live);
    // Loading the stored plan back gives the same numbers again.
    expect(liveMetrics(kept, series, ct, 'HFS')).toEqual(live);
    // Every trajectory was measured on the CT (the comparison is not of empty metrics).
    for (const t of live.trajectories) expect(t.metrics?.path).not.toBeNull();
  });

  it('the edge cases are what they claim: an empty lesion is left out, the canal and the cord are used, only the cryoprobe ablates', () => {
    const series = { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR };
    const m = (name: string) => liveMetrics(EDGE_CASES[name]!, series, ct, 'HFS');
    expect(m('an empty lesion mask').zoneMetrics?.lesions.map((l) => l.lesionId)).toEqual(['L1']);
    // A 7 × 7 × 7 block of 1 mm voxels: 343 mm³ = 0.34 mL.
    expect(m('base').zoneMetrics?.lesions[0]!.lesionVolumeMl).toBe(0.34);
    const transpedicular = (name: string) => m(name).trajectories.find((t) => t.id === 'needle')!.metrics!.transpedicular;
    expect(transpedicular('base')).toBeNull();
    expect(transpedicular('a spinal-canal tube')).not.toBeNull();
    expect(transpedicular('a spinal-cord mask only')).not.toBeNull();
    expect(transpedicular('an empty canal beside the cord')).toEqual(transpedicular('a spinal-cord mask only'));
    expect(m('an empty structure mask').trajectories[0]!.metrics!.structures.map((s) => s.structureId)).toEqual(['bowel']);
    expect(m('a non-ablating device beside an ablating one').zoneMetrics?.clusters.flatMap((c) => c.probeIds)).toEqual(['cryo']);
    expect(m('no ablating device').zoneMetrics).toBeNull();
  });
});

const SAMPLES = fileURLToPath(new URL('../../../sample-dicom/generated/', import.meta.url));

describe('the page and the server give the same metrics for every demo plan (PGlite)', () => {
  const contexts = new Map<string, ProcessContext>();
  const save = apiHarness(() => ({ catalogue, volumeFor: async (uid) => { for (const c of contexts.values()) { const v = await c.volumeFor(uid); if (v) return v; } return undefined; } }));

  it.each([...DEMO_CASE_KEYS])('%s', async (key) => {
    const dir = path.join(SAMPLES, key);
    if (!existsSync(path.join(dir, 'truth.json'))) {
      console.warn(`[metrics parity] skipping the demo plan of ${key}: ${dir}/truth.json is missing (run npm run sample-dicom)`);
      return;
    }
    const study = await readDemoStudy(SAMPLES, key);
    if (!study.ok) throw new Error(study.error);
    const built = buildDemoPlan(key, study.value.volume, study.value.truth, catalogue);
    if (!built.ok) throw new Error(built.error);
    // The server reads the series from the embedded folder, as it does when running.
    const embedded = createCatalogue((await indexFolder(dir)).instances, studyListings);
    const volumeFor = createSeriesVolumes(embedded);
    contexts.set(key, { catalogue, volumeFor });
    const held = await volumeFor(built.value.seriesInstanceUID);
    expect(held).toBeDefined();
    const kept = await save(built.value);
    const series = { seriesInstanceUID: built.value.seriesInstanceUID, frameOfReferenceUID: built.value.frameOfReferenceUID };
    const live = liveMetrics(built.value.content, series, held!.volume, held!.patientPosition);
    expect(live.trajectories.length).toBeGreaterThan(0);
    expect(storedMetrics(kept)).toEqual(live);
  }, 120_000);
});
