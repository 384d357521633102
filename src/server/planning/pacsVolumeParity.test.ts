import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomFilesIn, orthancSkipReason, startOrthanc, type Orthanc } from '../../../tests/support/orthanc';
import { sharedDicom, sharedSkipReason } from '../../../tests/support/paths';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { boxFromCorners, createMask, encodeMask, type VolumeGeometry } from '../../planning/lesions';
import { planContentSchema, type PlanContent } from '../../records';
import { createCatalogue } from '../catalogue';
import { createPacs } from '../dicomweb/pacs';
import { indexFolder } from '../embeddedSource';
import { startServer } from '../main';
import { pacsSeriesVolume } from './pacsSeriesVolume';
import { processPlanContent } from './processPlanContent';
import { createSeriesVolumes } from './seriesVolumes';

// The real CT (../shared/dicom/real/ct-torso-spine-cort, SOURCE.txt there): 168 axial slices of
// 217 × 217, 3 mm pixels, 2.5 mm apart, z −300.5 … 117.0, origin (−325, −354.8), identity
// orientation, Implicit VR Little Endian, RescaleSlope 0.04441064140343 (so HU are rounded
// from non-integers: both paths must round alike). UIDs as dcmdump prints them.
const STUDY = '1.3.6.1.4.1.9590.100.1.2.338277512612948124906399482093883282282';
const SERIES = '1.3.6.1.4.1.9590.100.1.2.18438027510408799714531206651189127050';
const FOR = '1.3.6.1.4.1.9590.100.1.2.417594767225787151222208037111215501079';
const SLICES = 168;

// Looking at the HU of slice 60 (z = −150.5): the lumbar vertebral body spans about x −20 … 15,
// y −50 … 0 mm, the spinal canal lies behind it near (−4, 8) and the laminae at y ≈ 20 … 30; the
// skin of the back is at y ≈ 90. A left transpedicular bone access needle goes from the back
// (x 40, y 88) to the middle of the body (x −1, y −30): 125 mm, within the 11 G needle's 150.
const Z = -150.5;
const needle = { id: 'needle', deviceId: 'bone-access-11g-150', entry: [40, 88, Z], target: [-1, -30, Z], frameOfReferenceUID: FOR, accessRoute: { approach: 'transpedicular', side: 'left' } };
const cryo = { id: 'cryo', deviceId: 'generic-cryoprobe-13g', entry: [60, 60, Z], target: [-1, -25, Z], frameOfReferenceUID: FOR };
const canal = {
  id: 'canal', kind: 'spinal-canal', name: 'Spinal canal', colour: '#3b82f6', safetyDistanceMm: 2,
  shape: { kind: 'tube', frameOfReferenceUID: FOR, pointsLps: [[-4, 8, -190], [-4, 8, -110]], radiusMm: 6 },
};

/** The plan: a lesion of 7 × 7 × 7 voxels around the needle's target (voxel (108, 108, 60)), the canal, the needle and a cryoprobe. */
function plan(grid: VolumeGeometry): PlanContent {
  const m = createMask(grid.dimensions, boxFromCorners([105, 105, 57], [111, 111, 63]));
  m.data.fill(1);
  const lesion = { id: 'L1', label: 'L2 metastasis', segmentation: encodeMask(m, grid, { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR }) };
  return planContentSchema.parse({
    title: 'PACS parity',
    studyInstanceUID: STUDY,
    seriesInstanceUID: SERIES,
    frameOfReferenceUID: FOR,
    content: { lesions: [lesion], structuresAtRisk: [canal], trajectories: [needle, cryo] },
  });
}

const catalogue = defaultCatalogue();
const ctDir = (): string => path.join(sharedDicom, 'real/ct-torso-spine-cort');
const skip = sharedSkipReason('the PACS metrics parity test on the real CT') ?? orthancSkipReason();

describe.skipIf(!!skip)('a plan on the PACS copy of the real CT stores the metrics of the same plan on a local copy (real Orthanc)', () => {
  let orthanc: Orthanc | undefined;
  let files: string[] = [];
  beforeAll(async () => {
    files = await dicomFilesIn(ctDir());
    expect(files).toHaveLength(SLICES);
    orthanc = await startOrthanc();
    // Orthanc's own REST upload, one file a request: nothing of ours between the files and the PACS.
    for (const f of files) {
      const res = await fetch(`${orthanc.url}/instances`, { method: 'POST', body: await readFile(f), headers: { 'content-type': 'application/dicom' } });
      expect(res.status, `upload of ${f}`).toBe(200);
    }
  }, 120_000);
  afterAll(async () => orthanc?.stop());

  const pacsContext = (warn: (m: string) => void = () => {}) => {
    const pacs = createPacs({ baseUrl: new URL(orthanc!.dicomweb), label: 'Test PACS', authorization: () => undefined });
    // No embedded series: the CT can only come from the PACS.
    return { catalogue, volumeFor: createSeriesVolumes(createCatalogue([], studyListings), { remote: pacsSeriesVolume(pacs.client), warn }) };
  };

  it('stores equal metrics (path tissues, cortical crossings, transpedicular clearance, depth, angles, zone and lesion HU), none of the volume-based ones null', async () => {
    const local = createCatalogue((await indexFolder(ctDir())).instances, studyListings);
    const localVolumes = createSeriesVolumes(local);
    const held = await localVolumes(SERIES);
    expect(held?.volume.dimensions).toEqual([217, 217, SLICES]);

    const onLocal = await processPlanContent(plan(held!.volume), { catalogue, volumeFor: localVolumes });
    const notes: string[] = [];
    const t0 = performance.now();
    const pacsCtx = pacsContext();
    const onPacs = await processPlanContent(plan(held!.volume), pacsCtx, (m) => notes.push(m));
    console.log(`[pacs parity] the PACS copy fetched and the plan recomputed in ${(performance.now() - t0).toFixed(0)} ms`);
    if (!onLocal.ok || !onPacs.ok) throw new Error(JSON.stringify([onLocal, onPacs].flatMap((r) => (r.ok ? [] : r.error))));
    expect(notes).toEqual([]);

    type T = { id: string; metrics: { path: unknown; transpedicular: unknown; structures: unknown[]; depthMm: number; axialAngleDeg: number; axialDirection: string } };
    const local_ = onLocal.value.content;
    const pacs_ = onPacs.value.content;
    const trajectories = pacs_.trajectories as T[];
    const byId = (id: string) => trajectories.find((t) => t.id === id)!.metrics;
    // Measured on the CT, not only geometry: the volume-based metrics are there.
    expect(byId('needle').path).not.toBeNull();
    expect(byId('needle').transpedicular).not.toBeNull();
    expect(byId('cryo').path).not.toBeNull();
    expect((byId('needle').path as { tissues: unknown[] }).tissues.length).toBeGreaterThan(1);
    // The canal is only measured against when the grid is known (the CT's).
    expect(byId('needle').structures.length).toBeGreaterThan(0);
    // Depth and axial angle by hand: hypot(41, 118) = 124.92 mm, atan(41 / 118) = 19.16° towards the right (−x).
    expect(byId('needle').depthMm).toBeCloseTo(Math.hypot(41, 118), 1);
    expect(byId('needle').axialAngleDeg).toBeCloseTo(19.16, 1);
    expect(byId('needle').axialDirection).toBe('right');
    const lesionHu = (c: Record<string, unknown>) => (c.lesions as { measurements: { hu: unknown } }[])[0]!.measurements.hu;
    expect(lesionHu(pacs_)).not.toBeNull();
    expect(pacs_.zoneMetrics).not.toBeNull();

    // The PACS copy read into the very same volume (the cached one, no second fetch), and the same Patient Position.
    const fetched = await pacsCtx.volumeFor(SERIES);
    expect(fetched?.patientPosition).toBe('HFS');
    expect(held!.patientPosition).toBe('HFS');
    expect({ ...fetched!.volume, scalars: null }).toEqual({ ...held!.volume, scalars: null });
    expect(Buffer.from(fetched!.volume.scalars.buffer).equals(Buffer.from(held!.volume.scalars.buffer))).toBe(true);
    // And every stored number is the one the local copy gives.
    expect(pacs_.trajectories).toEqual(local_.trajectories);
    expect(pacs_.zoneMetrics).toEqual(local_.zoneMetrics);
    expect(pacs_.lesions).toEqual(local_.lesions);
    expect(onPacs.value).toEqual(onLocal.value);
  }, 120_000);

  it('the running server (DICOMWEB_URL set, no embedded copy) stores the same metrics for a plan saved through the API', async () => {
    const localVolumes = createSeriesVolumes(createCatalogue((await indexFolder(ctDir())).instances, studyListings));
    const held = await localVolumes(SERIES);
    const onLocal = await processPlanContent(plan(held!.volume), { catalogue, volumeFor: localVolumes });
    if (!onLocal.ok) throw new Error(JSON.stringify(onLocal.error));

    const dir = await mkdtemp(path.join(tmpdir(), 'percuplan-pacs-parity-'));
    const env = { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATA_DIR: path.join(dir, 'data'), SAMPLE_DIR: dir, PERCUPLAN_DEMO: '0', DICOMWEB_URL: orthanc!.dicomweb };
    await freshPgliteDir(env.DATA_DIR); // a copied empty database: PGlite's initdb takes seconds
    const server = await startServer(env);
    try {
      const call = async (method: string, p: string, body?: unknown) => {
        const res = await fetch(server.url + p, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const c = await call('POST', '/api/cases', { patient: { pseudonym: 'PACS parity' } });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      const created = await call('POST', `/api/cases/${c.body.id as string}/plans`, plan(held!.volume));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const got = await call('GET', `/api/plans/${created.body.id as string}`);
      const stored = got.body.content as Record<string, unknown>;
      expect((stored.trajectories as { metrics: { path: unknown } }[])[0]!.metrics.path).not.toBeNull();
      expect(stored.trajectories).toEqual(onLocal.value.content.trajectories);
      expect(stored.zoneMetrics).toEqual(onLocal.value.content.zoneMetrics);
      expect(stored.lesions).toEqual(onLocal.value.content.lesions);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('with Orthanc stopped, the save still stores the geometric metrics, and the warning names the PACS', async () => {
    const local = await createSeriesVolumes(createCatalogue((await indexFolder(ctDir())).instances, studyListings))(SERIES);
    const pacsUrl = orthanc!.dicomweb;
    await orthanc!.stop();
    const logged: string[] = [];
    const notes: string[] = [];
    const saved = await processPlanContent(plan(local!.volume), pacsContext((m) => logged.push(m)), (m) => notes.push(m));
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const needleMetrics = (saved.value.content.trajectories as { id: string; metrics: Record<string, unknown> }[]).find((t) => t.id === 'needle')!.metrics;
    expect(needleMetrics.depthMm).toBeCloseTo(Math.hypot(41, 118), 1);
    expect(needleMetrics.path).toBeNull();
    expect(needleMetrics.transpedicular).toBeNull();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`[planning] series ${SERIES} could not be read from the PACS at ${pacsUrl}`);
    expect(logged[0]).toMatch(/did not answer: .*ECONNREFUSED/);
    expect(notes).toEqual([logged[0]!.replace('[planning] ', '')]);
  }, 60_000);
});
