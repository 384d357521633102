import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCtFixture, type CtFixture } from '../../../tests/support/ctFixture';
import { dcentvfy, dciodvfy, dsrdump, pydicom, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { exportInputFor, FIXTURE_DEVICES, fixturePlan } from '../../../tests/support/planFixture';
import { lesionContentSchema } from '../../planning/records/lesionContent';
import { trajectoryContentSchema, type TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import type { PlanDocument } from '../../records';
import { COMPREHENSIVE_3D_SR_STORAGE, SEGMENTATION_STORAGE, type ExportedSeg, type PlanExportInput } from '../exportTypes';
import { planDicomUids } from '../planUids';
import { groupNums, groupText, groupUid, numByMethod, SR_WALK_SCRIPT, type WalkedGroup, type WalkedReport } from './testSupport/srWalk';
import { writePlanSr } from './writePlanSr';

const skip = validatorSkipReason();

/**
 * dcentvfy's findings less the one it reports for every CT + SR pair: dicom3tools files
 * AccessionNumber under the Series IE for a CT (the General Series module's Request Attributes
 * Sequence holds one) and under Study for an SR, and warns that the IEs differ whatever the
 * values are. highdicom's own SR and CT in ../shared/dicom/interop/highdicom get the same line.
 */
const dcentvfyFindings = (lines: readonly string[]): string[] =>
  lines.filter((l) => !/^Warning - Different information entities for attribute - Element=<AccessionNumber> IE <Series> versus <Study>/.test(l));

/**
 * dsrdump's error and warning lines less the one dcmtk prints for any UTF-8 file ("The VR
 * checker does not support this Specific Character Set: ISO_IR 192"): dcmjs writes text as
 * UTF-8, and the catalogue's device names have "×" in them.
 */
const dsrdumpComplaints = (output: string): string[] =>
  output
    .split('\n')
    .filter((l) => /^(E|W|F):/.test(l))
    .filter((l) => !/^W: The VR checker does not support this Specific Character Set: ISO_IR 192/.test(l));

let dir: string;
let ascending: CtFixture;
let descending: CtFixture;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-sr-'));
  // 20 × 20 × 10, 1 mm pixels, 2 mm slices: voxel (i, j, k) centre at (−10 + i, −10 + j, −10 + 2k).
  const geometry = { columns: 20, rows: 20, slices: 10, pixelSpacing: [1, 1] as const, sliceSpacingMm: 2, origin: [-10, -10, -10] as const };
  ascending = await writeCtFixture(path.join(dir, 'asc'), { ...geometry, order: 'ascending' });
  descending = await writeCtFixture(path.join(dir, 'desc'), { ...geometry, order: 'descending', seed: 'sr-desc' });
});
afterAll(async () => {
  if (dir && !process.env.KEEP_SR_TMP) await rm(dir, { recursive: true, force: true });
});

const PLAN_ID = '3f1c2a9e-6b7d-4e21-9c8a-5d4e3f2a1b0c';
const ITEM_IDS = ['cryo-a', 'cryo-b', 'bone', 'l1'];

/**
 * Two cryoprobes at a 2 × 2 × 2-voxel lesion (centre (−0.5, −0.5, −1)), one tilted out of the
 * axial plane and one angled in it, and a bone access needle whose entry and target both have
 * x = 0 and z = 0 exactly; a spinal cord voxel and a nerve-root tube as structures at risk.
 * The lesion is put at T10 (vertebral body, left) after the server's processing.
 */
async function demoPlan(ct: CtFixture, version = 1, status: PlanDocument['status'] = 'draft'): Promise<PlanDocument> {
  const cube: [number, number, number][] = [];
  for (const k of [4, 5]) for (const j of [9, 10]) for (const i of [9, 10]) cube.push([i, j, k]);
  const plan = await fixturePlan(ct, {
    id: PLAN_ID,
    version,
    title: 'T10 cryoablation',
    lesions: [{ id: 'l1', label: 'T10 lesion', voxels: cube }],
    structures: [
      { id: 'cord', kind: 'spinal-cord', name: 'Cord', voxels: [[2, 2, 0]] },
      { id: 'root', kind: 'nerve-root', name: 'Left L1 root', tube: { pointsLps: [[5, -5, -10], [5, -5, 8]], radiusMm: 1.5 } },
    ],
    trajectories: [
      { id: 'cryo-a', label: 'Probe A', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [-1.5, 8.5, 3], target: [-1.5, -0.5, -1], lesionId: 'l1' },
      { id: 'cryo-b', label: 'Probe B', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [4, 8.5, -1], target: [0.5, -0.5, -1], lesionId: 'l1' },
      { id: 'bone', deviceId: FIXTURE_DEVICES.boneAccess, entry: [0, 9, 0], target: [0, 0.5, 0] },
    ],
  });
  const content = structuredClone(plan.content) as { lesions: { site: unknown; side: unknown }[] };
  content.lesions[0]!.site = { kind: 'vertebra', level: 'T10', part: 'body' };
  content.lesions[0]!.side = 'left';
  const approved = status === 'approved' ? { approvedBy: 'Dr Approver', approvedAt: '2026-03-15T10:00:00.000Z' } : {};
  return { ...plan, ...approved, status, content };
}

const inputFor = (ct: CtFixture, plan: PlanDocument): Promise<PlanExportInput> => exportInputFor(ct, plan, ITEM_IDS);

const srOf = (input: PlanExportInput, seg: ExportedSeg | null = null) => {
  const r = writePlanSr(input, seg);
  if (!r.ok) throw new Error(r.error.join('\n'));
  return r.value;
};

async function saved(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

const walk = async (file: string): Promise<WalkedReport> => JSON.parse(await pydicom(SR_WALK_SCRIPT, [file])) as WalkedReport;
const byTracking = (r: WalkedReport, uid: string): WalkedGroup => {
  const g = r.groups.find((x) => groupUid(x, '112040') === uid);
  if (!g) throw new Error(`no group with tracking UID ${uid}`);
  return g;
};
const trajectoriesOf = (plan: PlanDocument): TrajectoryContent['trajectories'] => trajectoryContentSchema.parse(plan.content).trajectories;

describe.skipIf(skip !== undefined)('writePlanSr with the DICOM validators', () => {
  for (const order of ['ascending', 'descending'] as const) {
    it(`passes dciodvfy, dsrdump and dcentvfy with the CT (slices ${order})`, async () => {
      const ct = order === 'ascending' ? ascending : descending;
      const sr = srOf(await inputFor(ct, await demoPlan(ct)));
      const file = await saved(`sr-${order}.dcm`, sr.bytes);
      const iod = await dciodvfy(file);
      expect(iod.errors, iod.output).toEqual([]);
      const dump = await dsrdump(file);
      expect(dsrdumpComplaints(dump.output), dump.output).toEqual([]);
      expect(dump.output).toContain('Comprehensive 3D SR Document');
      const ent = await dcentvfy([...ct.files, file]);
      expect(dcentvfyFindings(ent.errors), ent.output).toEqual([]);
    });
  }

  it('holds each trajectory as two SCOORD3D points (entry, target) and its stored metrics, read by pydicom', async () => {
    const plan = await demoPlan(ascending);
    const input = await inputFor(ascending, plan);
    const report = await walk(await saved('sr-walk.dcm', srOf(input).bytes));
    expect(report.sopClass).toBe(COMPREHENSIVE_3D_SR_STORAGE);
    expect(report.modality).toBe('SR');
    expect(report.rootType).toBe('CONTAINER');
    expect(report.root).toEqual(['126000', 'DCM', 'Imaging Measurement Report']);
    expect(report.templates).toEqual([['DCMR', '1500']]);
    expect(report.schemes.map((s) => s.designator)).toContain('99PERCUPLAN');
    expect(report.seriesDescription).toBe('PercuPlan plan: T10 cryoablation (SR)');
    expect(report.instanceNumber).toBe(1);
    // Stored updatedAt 2026-03-14T09:30:15.250Z, in UTC.
    expect([report.contentDate, report.contentTime]).toEqual(['20260314', '093015.250']);
    expect([report.completion, report.verification]).toEqual(['PARTIAL', 'UNVERIFIED']);
    expect(report.patientName).toBe(String((ascending.patientStudy.PatientName as { Alphabetic: string }[])[0]!.Alphabetic));
    // Every CT slice is evidence.
    expect(new Set(report.evidence.map((e) => e.sop))).toEqual(new Set(ascending.headers.map((h) => h.sopInstanceUID)));

    const trajectories = trajectoriesOf(plan);
    expect(trajectories).toHaveLength(3);
    for (const t of trajectories) {
      const g = byTracking(report, input.uids.trackingUid(t.id));
      const m = t.metrics!;
      expect(groupText(g, '112039')).toBe(t.label || t.id);
      expect(g.codes.find((c) => c.concept?.[0] === '121071')?.value?.[0]).toBe('79068005');
      expect(g.points).toHaveLength(1);
      const p = g.points[0]!;
      expect(p.type).toBe('POLYLINE');
      expect(p.frame).toBe(plan.frameOfReferenceUID);
      expect(p.data).toHaveLength(6);
      [...t.entry, ...t.target].forEach((c, i) => expect(Math.abs(p.data[i]! - c)).toBeLessThan(0.01));
      expect(groupNums(g, '131197000')[0]!.value).toBeCloseTo(m.depthMm, 9);
      expect(groupNums(g, 'PP011')[0]!.value).toBeCloseTo(m.needleMarginMm, 9);
      expect(numByMethod(g, '1483009', 'PP012')?.value).toBeCloseTo(m.craniocaudalAngleDeg!, 9);
      expect(numByMethod(g, '1483009', 'PP013')?.value).toBeCloseTo(m.axialAngleDeg!, 9);
      expect(groupNums(g, 'PP015').map((n) => n.value)).toHaveLength(m.structures.length);
      m.structures.forEach((s, i) => {
        const n = groupNums(g, 'PP015')[i]!;
        expect(n.value).toBeCloseTo(s.distanceMm, 9);
        expect(n.mods.find((x) => x.concept?.[0] === 'PP016')?.value).toBe(s.label);
      });
      for (const n of g.nums) expect(n.text.length).toBeLessThanOrEqual(16);
    }

    // Hand values. Bone needle: (0, 9, 0) → (0, 0.5, 0): length and depth 8.5 mm, no tilt; the
    // zero coordinates are written as 0, not dropped.
    const bone = byTracking(report, input.uids.trackingUid('bone'));
    expect(bone.points[0]!.data).toEqual([0, 9, 0, 0, 0.5, 0]);
    expect(groupNums(bone, '410668003')[0]!.value).toBeCloseTo(8.5, 5);
    expect(groupNums(bone, '111465')[0]).toMatchObject({ value: 11, unit: ['{G}', 'UCUM', 'Gauge'] });
    expect(groupText(bone, '113877')).toBe('Bone access needle 11 G × 100 mm');
    expect(bone.codes.find((c) => c.concept?.[0] === 'PP018')?.value).toEqual(['PP023', '99PERCUPLAN', 'Bone access needle']);
    // Probe A: d = (0, −9, −4): craniocaudal asin(4/√97) = 23.962°, caudal.
    const a = byTracking(report, input.uids.trackingUid('cryo-a'));
    const cc = numByMethod(a, '1483009', 'PP012')!;
    expect(cc.value).toBeCloseTo(23.962, 2);
    expect(cc.unit).toEqual(['deg', 'UCUM', 'degree']);
    expect(cc.mods.map((x) => x.value)).toContainEqual(['3583002', 'SCT', 'Caudal']);
    expect(a.codes.find((c) => c.concept?.[0] === '363698007')).toMatchObject({ value: ['122495006', 'SCT', 'Thoracic spine'], mods: [['7771000', 'SCT', 'Left']] });
    // Probe B: d = (−3.5, −9, 0): axial atan(3.5/9) = 21.251°, toward the patient's right (−x).
    const b = byTracking(report, input.uids.trackingUid('cryo-b'));
    const ax = numByMethod(b, '1483009', 'PP013')!;
    expect(ax.value).toBeCloseTo(21.251, 2);
    expect(ax.mods.map((x) => x.value)).toContainEqual(['24028007', 'SCT', 'Right']);
    expect(groupText(b, '113877')).toBe('Generic cryoprobe 13 G (2.4 mm)');

    // The lesion: 8 voxels of 1 × 1 × 2 mm = 0.016 mL; coverage and margin as the plan stores them.
    const lesion = lesionContentSchema.parse(plan.content).lesions[0]!;
    const zone = trajectoryContentSchema.parse(plan.content).zoneMetrics!.lesions.find((z) => z.lesionId === 'l1')!;
    const lg = byTracking(report, input.uids.trackingUid('l1'));
    expect(groupText(lg, '112039')).toBe('T10 lesion');
    expect(lg.codes.find((c) => c.concept?.[0] === '121071')?.value?.[0]).toBe('14799000');
    expect(groupNums(lg, '118565006')[0]).toMatchObject({ unit: ['ml', 'UCUM', 'milliliter'] });
    expect(groupNums(lg, '118565006')[0]!.value).toBeCloseTo(0.016, 9);
    expect(groupNums(lg, '118565006')[0]!.value).toBeCloseTo(lesion.measurements!.volumeMl, 12);
    expect(numByMethod(lg, '81827009', 'PP032')?.value).toBeCloseTo(lesion.measurements!.longestAxialDiameterMm, 9);
    expect(groupNums(lg, 'PP030')[0]!.value).toBeCloseTo(zone.coveragePercent, 9);
    expect(groupNums(lg, 'PP031')[0]!.value).toBeCloseTo(zone.minMarginMm, 9);
    // No SEG given: no Referenced Segment.
    expect(lg.images).toEqual([]);
  });

  it('references the lesion\'s SEG segment and lists the SEG as evidence', async () => {
    const input = await inputFor(ascending, await demoPlan(ascending));
    const seg: ExportedSeg = {
      object: { kind: 'seg', fileName: 'SEG_x.dcm', sopClassUID: SEGMENTATION_STORAGE, sopInstanceUID: input.uids.segInstance, seriesInstanceUID: input.uids.segSeries, bytes: new Uint8Array() },
      segments: [
        { itemId: 'cord', kind: 'structure', segmentNumber: 1, label: 'Cord', voxelCount: 1 },
        { itemId: 'l1', kind: 'lesion', segmentNumber: 2, label: 'T10 lesion', voxelCount: 8 },
      ],
    };
    const file = await saved('sr-seg.dcm', srOf(input, seg).bytes);
    const report = await walk(file);
    const lg = byTracking(report, input.uids.trackingUid('l1'));
    expect(lg.images).toEqual([{ concept: ['121191', 'DCM', 'Referenced Segment'], sop: input.uids.segInstance, segment: 2 }]);
    expect(groupUid(lg, '121232')).toBe(ascending.seriesInstanceUID);
    expect(report.evidence).toContainEqual({ study: ascending.studyInstanceUID, series: input.uids.segSeries, sop: input.uids.segInstance, cls: SEGMENTATION_STORAGE });
    const iod = await dciodvfy(file);
    expect(iod.errors, iod.output).toEqual([]);
  });

  it('gives version 2 a new instance in the same series naming version 1, with the same tracking UIDs', async () => {
    const v1 = await inputFor(ascending, await demoPlan(ascending, 1));
    const v2 = await inputFor(ascending, await demoPlan(ascending, 2));
    const r1 = await walk(await saved('sr-v1.dcm', srOf(v1).bytes));
    const file2 = await saved('sr-v2.dcm', srOf(v2).bytes);
    const r2 = await walk(file2);
    expect(r2.sop).not.toBe(r1.sop);
    expect(r2.series).toBe(r1.series);
    expect(r2.instanceNumber).toBe(2);
    expect(r1.predecessors).toEqual([]);
    expect(r2.predecessors).toEqual([{ study: ascending.studyInstanceUID, series: r1.series, sop: r1.sop, cls: COMPREHENSIVE_3D_SR_STORAGE }]);
    const tracking = (r: WalkedReport) => r.groups.map((g) => [groupText(g, '112039'), groupUid(g, '112040')]);
    expect(tracking(r2)).toEqual(tracking(r1));
    expect(tracking(r1)).toHaveLength(4);
    const iod = await dciodvfy(file2);
    expect(iod.errors, iod.output).toEqual([]);
  });

  it('writes the table-vertical angle when the metrics have one (a patient on their side)', async () => {
    const plan = await demoPlan(ascending);
    const content = structuredClone(plan.content) as { trajectories: { id: string; metrics: Record<string, unknown> }[] };
    const bone = content.trajectories.find((t) => t.id === 'bone')!;
    bone.metrics.tableVerticalAngleDeg = 12.5;
    bone.metrics.tableVerticalDirection = 'anterior';
    const input = await inputFor(ascending, { ...plan, content });
    const report = await walk(await saved('sr-decubitus.dcm', srOf(input).bytes));
    const tv = numByMethod(byTracking(report, input.uids.trackingUid('bone')), '1483009', 'PP014')!;
    expect(tv.value).toBe(12.5);
    expect(tv.mods.map((x) => x.value)).toContainEqual(['255549009', 'SCT', 'Anterior']);
    // The supine probe has none.
    expect(numByMethod(byTracking(report, input.uids.trackingUid('cryo-a')), '1483009', 'PP014')).toBeUndefined();
  });

  it('marks an approved plan COMPLETE and VERIFIED by its approver', async () => {
    const input = await inputFor(ascending, await demoPlan(ascending, 1, 'approved'));
    const file = await saved('sr-approved.dcm', srOf(input).bytes);
    const report = await walk(file);
    expect([report.completion, report.verification, report.verifier]).toEqual(['COMPLETE', 'VERIFIED', ['Dr Approver']]);
    const iod = await dciodvfy(file);
    expect(iod.errors, iod.output).toEqual([]);
  });
});

describe('writePlanSr without validators', () => {
  it('gives the same bytes for the same version, whatever order the slices come in', async () => {
    const input = await inputFor(descending, await demoPlan(descending));
    const once = srOf(input).bytes;
    const again = srOf({ ...input, ct: { ...input.ct, slices: [...input.ct.slices].reverse() } }).bytes;
    expect(Buffer.from(again).equals(Buffer.from(once))).toBe(true);
    expect(Buffer.from(srOf(input).bytes).equals(Buffer.from(once))).toBe(true);
  });

  it('refuses a trajectory drawn in another frame of reference, naming it', async () => {
    const plan = await demoPlan(ascending);
    const content = structuredClone(plan.content) as { trajectories: { frameOfReferenceUID: string }[] };
    content.trajectories[1]!.frameOfReferenceUID = '1.2.3.4';
    const r = writePlanSr(await inputFor(ascending, { ...plan, content }), null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.join('\n')).toMatch(/trajectory Probe B: drawn in frame of reference 1\.2\.3\.4/);
  });

  it('refuses an item without a prepared tracking UID', async () => {
    const plan = await demoPlan(ascending);
    const r = writePlanSr({ ...(await inputFor(ascending, plan)), uids: await planDicomUids(plan.id, 1, ['cryo-a', 'cryo-b', 'l1']) }, null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual(['trajectory bone: no tracking UID was prepared for it']);
  });
});
