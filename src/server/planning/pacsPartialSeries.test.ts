import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCtFixture, type CtFixture } from '../../../tests/support/ctFixture';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { planContentSchema } from '../../records';
import { createCatalogue } from '../catalogue';
import { createPacsClient } from '../dicomweb/pacsClient';
import { pacsSeriesVolume } from './pacsSeriesVolume';
import { processPlanContent } from './processPlanContent';
import { createSeriesVolumes } from './seriesVolumes';
import { volumeFromPart10, type Part10Bytes } from './volumeFromPart10';

// A synthetic axial CT: 40 × 40 pixels of 2 mm, 8 slices 2.5 mm apart from z = −10 (to +7.5).
const GRID = { columns: 40, rows: 40, slices: 8, pixelSpacing: [2, 2] as const, sliceSpacingMm: 2.5, origin: [-40, -40, -10] as const, order: 'ascending' as const, seed: 'pacs-partial' };
/** Slice 3 of 8 (z = −2.5), the one the partial answers leave out. */
const LEFT_OUT = 3;

let dir: string;
let ct: CtFixture;
let instances: Part10Bytes[];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-partial-'));
  ct = await writeCtFixture(dir, GRID);
  instances = await Promise.all(ct.files.map(async (f, i) => ({ name: `instance ${ct.headers[i]!.sopInstanceUID}`, bytes: new Uint8Array(await readFile(f)) })));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('volumeFromPart10 with a slice missing', () => {
  it('reads all 8 slices 2.5 mm apart, and fails naming the gap when slice 3 is missing (not a 7-slice volume 17.5 / 6 = 2.92 mm apart)', () => {
    const whole = volumeFromPart10(instances);
    if (!whole.ok) throw new Error(whole.error);
    expect(whole.value.volume.dimensions).toEqual([40, 40, 8]);
    expect(whole.value.volume.spacing[2]).toBeCloseTo(2.5, 9);
    // Without slice 3 the steps are 2.5 … 5 (z −5 to 0) … 2.5: the rule of the series browser and the export calls 5 mm a gap.
    const partial = volumeFromPart10(instances.filter((_, i) => i !== LEFT_OUT));
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.error).toMatch(/^the slices do not form one grid: ImagePositionPatient \(0020,0032\): Gap of 5 mm .*about 1 slice missing/);
  });
});

describe('a PACS that answers a partial instance list', () => {
  let server: Server;
  let base = '';
  /** Whether the stand-in PACS lists (and serves) every instance or leaves slice 3 out. */
  let partial = false;
  beforeAll(async () => {
    const prefix = `/studies/${ct.studyInstanceUID}/series/${ct.seriesInstanceUID}/instances`;
    server = createServer((req, res) => {
      const route = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/dw/, '');
      const listed = ct.headers.map((h) => h.sopInstanceUID).filter((_, i) => !partial || i !== LEFT_OUT);
      if (route === prefix) return void res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(JSON.stringify(listed.map((uid) => ({ '00080018': { vr: 'UI', Value: [uid] } }))));
      const i = ct.headers.findIndex((h) => route === `${prefix}/${h.sopInstanceUID}` && listed.includes(h.sopInstanceUID));
      if (i < 0) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'multipart/related; type="application/dicom"; boundary=b0' });
      res.end(Buffer.concat([Buffer.from('--b0\r\nContent-Type: application/dicom\r\n\r\n'), Buffer.from(instances[i]!.bytes), Buffer.from('\r\n--b0--')]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/dw`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  const save = async (): Promise<{ metrics: { depthMm: number; path: unknown }; notes: string[]; logged: string[] }> => {
    const remote = pacsSeriesVolume(createPacsClient({ baseUrl: new URL(base), label: 'Stand-in', authorization: () => undefined }));
    const logged: string[] = [];
    const notes: string[] = [];
    const volumeFor = createSeriesVolumes(createCatalogue([], studyListings), { remote, warn: (m) => logged.push(m) });
    const plan = planContentSchema.parse({
      studyInstanceUID: ct.studyInstanceUID,
      seriesInstanceUID: ct.seriesInstanceUID,
      frameOfReferenceUID: ct.frameOfReferenceUID,
      content: { trajectories: [{ id: 'n', deviceId: 'bone-access-11g-150', entry: [30, 0, 0], target: [0, 0, 0], frameOfReferenceUID: ct.frameOfReferenceUID }] },
    });
    const saved = await processPlanContent(plan, { catalogue: defaultCatalogue(), volumeFor }, (m) => notes.push(m));
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const metrics = (saved.value.content.trajectories as { metrics: { depthMm: number; path: unknown } }[])[0]!.metrics;
    return { metrics, notes, logged };
  };

  it('the whole series gives the volume-based metrics', async () => {
    partial = false;
    const { metrics, notes } = await save();
    expect(notes).toEqual([]);
    expect(metrics.depthMm).toBeCloseTo(30, 6);
    expect(metrics.path).not.toBeNull();
  });

  it('with slice 3 left out, the save keeps the geometric metrics only and names the PACS and the gap', async () => {
    partial = true;
    const { metrics, notes, logged } = await save();
    expect(metrics.depthMm).toBeCloseTo(30, 6);
    expect(metrics.path).toBeNull();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`series ${ct.seriesInstanceUID} could not be read from the PACS at ${base}`);
    expect(notes[0]).toMatch(/Gap of 5 mm .*about 1 slice missing/);
    expect(logged).toEqual([`[planning] ${notes[0]}`]);
  });
});
