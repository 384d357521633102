import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCtFixture, type CtFixture } from '../../../tests/support/ctFixture';
import { FIXTURE_DEVICES, fixturePlan } from '../../../tests/support/planFixture';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { readDicomBytes } from '../../dicom/readDicomBytes';
import { exportPlanDicom } from '../../interop/exportPlan';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { planDocumentSchema, type PlanDocument } from '../../records';
import { exportStoredPlan } from '../../server/interop/planDicomExport';
import { planZip, zipFileName } from '../../server/interop/planDicomRoutes';
import { createReferencedCtLookup } from '../../server/interop/referencedCt';
import { buildPlanDicomZip } from './buildPlanDicomZip';

/*
 * A plan on local files is zipped in the browser; it must be the zip GET /api/plans/:id/dicom
 * gives when the server holds the same CT. The server side runs as the route does
 * (exportStoredPlan with the embedded-folder lookup, then planZip under zipFileName).
 */

let dir: string;
let ct: CtFixture | undefined;
let plan: PlanDocument | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-localzip-'));
  // 16 × 16 × 8, 1 mm pixels, 2 mm slices, files written highest slice first (as many scanners do).
  ct = await writeCtFixture(path.join(dir, 'ct'), { columns: 16, rows: 16, slices: 8, pixelSpacing: [1, 1], sliceSpacingMm: 2, origin: [-8, -8, -8], order: 'descending', seed: 'local-zip' });
  plan = await fixturePlan(ct, {
    version: 3,
    lesions: [{ id: 'l1', label: 'L1 lesion', voxels: [[7, 7, 3], [8, 7, 3], [7, 8, 4]] }],
    structures: [{ id: 'cord', kind: 'spinal-cord', name: 'Cord', voxels: [[1, 1, 0]] }],
    trajectories: [{ id: 'n1', label: 'Needle', deviceId: FIXTURE_DEVICES.boneAccess, entry: [0, 7.5, -2], target: [-0.5, 0, -2], lesionId: 'l1' }],
  });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const fixtures = (): { ct: CtFixture; plan: PlanDocument } => {
  if (!ct || !plan) throw new Error('no fixture');
  return { ct, plan };
};

/** What the server's route answers for `doc` when its embedded folder holds the fixture CT. */
async function serverZip(doc: PlanDocument): Promise<{ fileName: string; zip: Uint8Array }> {
  const { ct: c } = fixtures();
  const instances = c.files.map((file, i) => ({ file, header: c.headers[i]! }));
  const referencedCt = createReferencedCtLookup({ catalogue: { seriesFiles: (s) => (s === c.seriesInstanceUID ? instances : undefined) } });
  const written = await exportStoredPlan(doc, { referencedCt, exportPlan: exportPlanDicom, catalogue: defaultCatalogue(), softwareVersion: '1.2.3' });
  if (!written.ok) throw new Error(written.error.error);
  return { fileName: zipFileName(doc), zip: planZip(written.value, doc.updatedAt) };
}

/** The browser's inputs: headers read by the browser's reader, in another (drop) order; the plan as the API's JSON parses. */
async function browserInputs(): Promise<{ headers: InstanceHeader[]; bytes: Uint8Array[]; doc: PlanDocument }> {
  const { ct: c, plan: p } = fixtures();
  const bytes = await Promise.all([...c.files].reverse().map(async (f) => new Uint8Array(await readFile(f))));
  const headers = bytes.map((b, i) => {
    const outcome = readDicomBytes(`drop/CT_${i}.dcm`, b, (d) => new Uint8Array(inflateRawSync(d)));
    if (outcome.status !== 'read') throw new Error(`fixture file ${i} not read`);
    return outcome.header;
  });
  return { headers, bytes, doc: planDocumentSchema.parse(JSON.parse(JSON.stringify(p))) };
}

describe('buildPlanDicomZip (a plan on local files, zipped in the browser)', () => {
  it('gives byte for byte the zip and name the server gives for the same CT', async () => {
    const { plan: p } = fixtures();
    const server = await serverZip(p);
    const { headers, bytes, doc } = await browserInputs();
    const built = await buildPlanDicomZip({ plan: doc, headers, ctFile: { name: 'drop/CT_0.dcm', bytes: bytes[0]! }, catalogue: defaultCatalogue(), softwareVersion: '1.2.3' });
    if (!built.ok) throw new Error(built.error);
    // The name rule, by hand: first 8 characters of the id, the version.
    expect(built.value.fileName).toBe(`PercuPlan-plan-${p.id.slice(0, 8)}-v3-DICOM.zip`);
    expect(built.value.fileName).toBe(server.fileName);
    // A lesion with a mask gives a SEG, and every plan an SR.
    expect(Object.keys(unzipSync(built.value.zip)).map((n) => n.slice(0, 3)).sort()).toEqual(['SEG', 'SR_']);
    expect(built.value.zip.length).toBe(server.zip.length);
    expect(Buffer.from(built.value.zip).equals(Buffer.from(server.zip))).toBe(true);
  });

  it('leaves out what is not a single-frame slice, as the server does', async () => {
    const { plan: p } = fixtures();
    const server = await serverZip(p);
    const { headers, bytes, doc } = await browserInputs();
    // A report in the same series (no pixels) must not become a referenced CT instance.
    const report: InstanceHeader = { ...headers[0]!, sopInstanceUID: '2.25.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.88.34', hasPixelData: false };
    const built = await buildPlanDicomZip({ plan: doc, headers: [...headers, report], ctFile: { name: 'a.dcm', bytes: bytes[1]! }, catalogue: defaultCatalogue(), softwareVersion: '1.2.3' });
    if (!built.ok) throw new Error(built.error);
    expect(Buffer.from(built.value.zip).equals(Buffer.from(server.zip))).toBe(true);
  });

  it('names why when the series holds no slice, when the CT file is not DICOM, and when the exporter refuses', async () => {
    const { headers, bytes, doc } = await browserInputs();
    const base = { plan: doc, catalogue: defaultCatalogue(), softwareVersion: '1.2.3' };
    const none = await buildPlanDicomZip({ ...base, headers: headers.map((h) => ({ ...h, hasPixelData: false })), ctFile: { name: 'a.dcm', bytes: bytes[0]! } });
    expect(none.ok ? '' : none.error).toMatch(/holds no CT slice/);
    const junk = await buildPlanDicomZip({ ...base, headers, ctFile: { name: 'junk.dcm', bytes: new Uint8Array([1, 2, 3]) } });
    expect(junk.ok).toBe(false);
    // A plan drawn in another frame of reference than the CT's: the SR cannot reference the CT.
    const refused = await buildPlanDicomZip({ ...base, plan: { ...doc, frameOfReferenceUID: '2.25.4242' }, headers, ctFile: { name: 'a.dcm', bytes: bytes[0]! } });
    expect(refused.ok ? '' : refused.error).toMatch(new RegExp(`^Version 3 of plan ${doc.id} cannot be written as DICOM: .*frame of reference 2\\.25\\.4242`));
  });
});
