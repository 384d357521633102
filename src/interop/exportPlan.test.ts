import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCtFixture, type CtFixture } from '../../tests/support/ctFixture';
import { dcentvfy, dciodvfy, pydicom, validatorSkipReason } from '../../tests/support/dicomValidate';
import { exportInputFor, FIXTURE_DEVICES, fixturePlan } from '../../tests/support/planFixture';
import type { PlanDocument } from '../records';
import { exportPlanDicom } from './exportPlan';
import { COMPREHENSIVE_3D_SR_STORAGE, SEGMENTATION_STORAGE, type ExportedObject, type PlanExportInput } from './exportTypes';
import { groupText, groupUid, SR_WALK_SCRIPT, type WalkedReport } from './sr/testSupport/srWalk';

const skip = validatorSkipReason();

let dir: string;
const cts: Record<'ascending' | 'descending', CtFixture | undefined> = { ascending: undefined, descending: undefined };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-export-'));
  // 20 × 20 × 10, 1 mm pixels, 2 mm slices: voxel (i, j, k) centre at (−10 + i, −10 + j, −10 + 2k).
  const geometry = { columns: 20, rows: 20, slices: 10, pixelSpacing: [1, 1] as const, sliceSpacingMm: 2, origin: [-10, -10, -10] as const };
  cts.ascending = await writeCtFixture(path.join(dir, 'asc'), { ...geometry, order: 'ascending', seed: 'export-asc' });
  cts.descending = await writeCtFixture(path.join(dir, 'desc'), { ...geometry, order: 'descending', seed: 'export-desc' });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ctOf = (order: 'ascending' | 'descending'): CtFixture => {
  const ct = cts[order];
  if (!ct) throw new Error('no CT fixture');
  return ct;
};

/**
 * A cryoablation plan: two cryoprobes at a 2 × 2 × 2-voxel lesion, a bone access needle at
 * x = 0, z = 0 exactly, a spinal cord voxel; plus, after the server's processing, a second
 * lesion without a mask (so without a SEG segment).
 */
async function cryoPlan(ct: CtFixture, version = 1): Promise<PlanDocument> {
  const cube: [number, number, number][] = [];
  for (const k of [4, 5]) for (const j of [9, 10]) for (const i of [9, 10]) cube.push([i, j, k]);
  const plan = await fixturePlan(ct, {
    version,
    title: 'Export',
    lesions: [{ id: 'l1', label: 'T10 lesion', voxels: cube }],
    structures: [{ id: 'cord', kind: 'spinal-cord', name: 'Cord', voxels: [[2, 2, 0]] }],
    trajectories: [
      { id: 'cryo-a', label: 'Probe A', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [-1.5, 8.5, 3], target: [-1.5, -0.5, -1], lesionId: 'l1' },
      { id: 'cryo-b', label: 'Probe B', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [4, 8.5, -1], target: [0.5, -0.5, -1], lesionId: 'l1' },
      { id: 'bone', deviceId: FIXTURE_DEVICES.boneAccess, entry: [0, 9, 0], target: [0, 0.5, 0] },
    ],
  });
  const content = structuredClone(plan.content) as { lesions: Record<string, unknown>[] };
  content.lesions.push({ ...content.lesions[0]!, id: 'l2', label: 'Unmasked lesion', segmentation: null, measurements: null, grow: null });
  return { ...plan, content };
}

const ITEM_IDS = ['l1', 'l2', 'cord', 'cryo-a', 'cryo-b', 'bone'];

const inputFor = (ct: CtFixture, plan: PlanDocument): Promise<PlanExportInput> => exportInputFor(ct, plan, ITEM_IDS);

function exported(input: PlanExportInput): ExportedObject[] {
  const r = exportPlanDicom(input);
  if (!r.ok) throw new Error(r.error.join('\n'));
  return r.value;
}

async function saved(sub: string, objects: readonly ExportedObject[]): Promise<string[]> {
  const files: string[] = [];
  for (const o of objects) {
    const file = path.join(dir, `${sub}-${o.fileName}`);
    await writeFile(file, o.bytes);
    files.push(file);
  }
  return files;
}

/** See sr/writePlanSr.test.ts: the one line dcentvfy prints for any CT + SR pair. */
const dcentvfyFindings = (lines: readonly string[]): string[] =>
  lines.filter((l) => !/^Warning - Different information entities for attribute - Element=<AccessionNumber> IE <Series> versus <Study>/.test(l));

const SEG_SEGMENTS_PY = String.raw`
import json, sys
import pydicom
ds = pydicom.dcmread(sys.argv[1])
print(json.dumps([{'number': int(s.SegmentNumber), 'label': str(s.SegmentLabel), 'trackingUid': str(s.get('TrackingUID', ''))} for s in ds.SegmentSequence]))
`;

describe('exportPlanDicom', () => {
  it('gives the SEG first, then the SR, in the plan\'s series with its instance UIDs', async () => {
    const input = await inputFor(ctOf('ascending'), await cryoPlan(ctOf('ascending')));
    const objects = exported(input);
    expect(objects.map((o) => [o.kind, o.sopClassUID, o.sopInstanceUID, o.seriesInstanceUID])).toEqual([
      ['seg', SEGMENTATION_STORAGE, input.uids.segInstance, input.uids.segSeries],
      ['sr', COMPREHENSIVE_3D_SR_STORAGE, input.uids.srInstance, input.uids.srSeries],
    ]);
    expect(objects.map((o) => o.fileName)).toEqual([`SEG_${input.uids.segInstance}.dcm`, `SR_${input.uids.srInstance}.dcm`]);
  });

  it('gives only the SR for a plan with nothing to segment', async () => {
    const ct = ctOf('ascending');
    const plan = await fixturePlan(ct, { trajectories: [{ id: 'bone', deviceId: FIXTURE_DEVICES.boneAccess, entry: [0, 9, 0], target: [0, 0.5, 0] }] });
    const objects = exported(await inputFor(ct, plan));
    expect(objects.map((o) => o.kind)).toEqual(['sr']);
  });

  it('gives the same bytes when one version is exported twice', async () => {
    const input = await inputFor(ctOf('descending'), await cryoPlan(ctOf('descending')));
    const a = exported(input);
    const b = exported({ ...input, ct: { ...input.ct, slices: [...input.ct.slices].reverse() } });
    expect(b.map((o) => Buffer.from(o.bytes).toString('base64'))).toEqual(a.map((o) => Buffer.from(o.bytes).toString('base64')));
  });

  it('fails with the problems of the SEG and the SR together', async () => {
    const plan = await cryoPlan(ctOf('ascending'));
    const content = structuredClone(plan.content) as { trajectories: { frameOfReferenceUID: string }[] };
    content.trajectories[1]!.frameOfReferenceUID = '1.2.3.4';
    const r = exportPlanDicom(await inputFor(ctOf('ascending'), { ...plan, content }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.some((e) => e.startsWith('SEG: ') && e.includes('1.2.3.4'))).toBe(true);
    expect(r.error).toContain('SR: trajectory Probe B: drawn in frame of reference 1.2.3.4, not the plan\'s');
  });
});

describe.skipIf(skip !== undefined)('exportPlanDicom with the DICOM validators', () => {
  for (const order of ['ascending', 'descending'] as const) {
    it(`writes a SEG and an SR that dciodvfy passes and dcentvfy finds consistent with the CT (slices ${order})`, async () => {
      const ct = ctOf(order);
      const input = await inputFor(ct, await cryoPlan(ct));
      const [segFile, srFile] = await saved(order, exported(input));
      for (const file of [segFile!, srFile!]) {
        const iod = await dciodvfy(file);
        expect(iod.errors, iod.output).toEqual([]);
      }
      const ent = await dcentvfy([...ct.files, segFile!, srFile!]);
      expect(dcentvfyFindings(ent.errors), ent.output).toEqual([]);

      // The SR's lesion group names the SEG segment pydicom finds under the lesion's label;
      // the lesion without a mask keeps its group but references no segment.
      const segments = JSON.parse(await pydicom(SEG_SEGMENTS_PY, [segFile!])) as { number: number; label: string; trackingUid: string }[];
      const report = JSON.parse(await pydicom(SR_WALK_SCRIPT, [srFile!])) as WalkedReport;
      const l1 = report.groups.find((g) => groupUid(g, '112040') === input.uids.trackingUid('l1'))!;
      const segNumber = segments.find((s) => s.label === 'T10 lesion')?.number;
      expect(segNumber).toBeDefined();
      // One lesion, one Tracking Unique Identifier, in the SEG segment and the SR group alike.
      expect(segments.find((s) => s.number === segNumber)?.trackingUid).toBe(groupUid(l1, '112040'));
      expect(l1.images).toEqual([{ concept: ['121191', 'DCM', 'Referenced Segment'], sop: input.uids.segInstance, segment: segNumber! }]);
      const l2 = report.groups.find((g) => groupUid(g, '112040') === input.uids.trackingUid('l2'))!;
      expect(groupText(l2, '112039')).toBe('Unmasked lesion');
      expect(l2.images).toEqual([]);
      expect(report.evidence.map((e) => e.sop)).toContain(input.uids.segInstance);
      expect(report.groups).toHaveLength(5);
    });
  }
});
