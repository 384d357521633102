import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../records';
import { writeCtFixture, type CtFixture } from '../../../tests/support/ctFixture';
import { dcentvfy, dciodvfy, pydicom, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { exportInputFor, FIXTURE_DEVICES, fixturePlan, type FixtureVoxel, type PlanFixtureOptions } from '../../../tests/support/planFixture';
import { SEGMENTATION_STORAGE, type ExportedSeg, type PlanExportInput } from '../exportTypes';
import { decodePart10 } from '../part10';
import { planDicomUids } from '../planUids';
import { LETHAL_ZONE_LABEL } from './planSegments';
import { SEG_DECODE_PY } from './segDecodePy';
import { writePlanSeg } from './writePlanSeg';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-seg-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The grid of the edge cases: 23 columns × 38 rows (874 pixels a frame, not a multiple of 8) × 6 slices. */
const GRID = { columns: 23, rows: 38, slices: 6, pixelSpacing: [1, 1] as const, sliceSpacingMm: 2, origin: [-11, -19, -5] as const };
/** Voxel (i, j, k) has its centre at (−11 + i, −19 + j, −5 + 2k) mm LPS (axial, ascending k is superior). */
const centre = (i: number, j: number, k: number): [number, number, number] => [-11 + i, -19 + j, -5 + 2 * k];

const box = (i0: number, i1: number, j0: number, j1: number, k0: number, k1: number): FixtureVoxel[] => {
  const out: FixtureVoxel[] = [];
  for (let k = k0; k <= k1; k++) for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) out.push([i, j, k]);
  return out;
};

// Lesion inside the cord mask, inside the zone; a one-slice lesion in the grid's last voxel
// (last column, row and slice: the very last bit of the stream); an empty lesion.
const LESION: FixtureVoxel[] = [...box(10, 12, 18, 20, 2, 2), [11, 19, 3]];
const ONE_SLICE: FixtureVoxel[] = [[22, 37, 5]];
const CORD: FixtureVoxel[] = box(9, 13, 17, 21, 1, 3);
// A tube of radius 0.6 mm along z through the centres of column i = 3, row j = 4: only those
// centres are within 0.6 mm (the next ones are 1 mm away), on every slice from z = −5 to z = 5.
const ROOT: FixtureVoxel[] = [0, 1, 2, 3, 4, 5].map((k) => [3, 4, k]);

/**
 * The lethal zone of the microwave antenna from (0, 60, 0) to the tip at (0, 0, 0), written
 * from catalogue.json's numbers by hand: one spheroid (no multi-probe model for microwave)
 * 31.2 mm across (semi 15.6) and 44.8 mm long (semi 22.4) along the shaft (−y), centred
 * 17.4 mm back from the tip, at (0, 17.4, 0). A voxel is in when its centre is.
 */
function zoneVoxels(): FixtureVoxel[] {
  const out: FixtureVoxel[] = [];
  for (let k = 0; k < GRID.slices; k++) {
    for (let j = 0; j < GRID.rows; j++) {
      for (let i = 0; i < GRID.columns; i++) {
        const [x, y, z] = centre(i, j, k);
        const q = ((y - 17.4) / 22.4) ** 2 + (x * x + z * z) / (15.6 * 15.6);
        // No centre sits on the surface, where rounding could go either way.
        if (Math.abs(q - 1) < 1e-9) throw new Error(`voxel ${i},${j},${k} is on the zone's surface`);
        if (q <= 1) out.push([i, j, k]);
      }
    }
  }
  return out;
}

const PLAN: PlanFixtureOptions = {
  title: 'Edge cases',
  lesions: [
    { id: 'lesion-a', label: 'L1 lesion', colour: '#ff0000', grown: true, voxels: LESION },
    { id: 'lesion-b', label: 'One-slice lesion', colour: '#00ff00', voxels: ONE_SLICE },
    { id: 'lesion-c', label: 'Empty lesion', voxels: [] },
  ],
  structures: [
    { id: 'cord', kind: 'spinal-cord', name: 'Spinal cord', colour: '#ffffff', voxels: CORD },
    { id: 'root', kind: 'nerve-root', name: 'L2 root', tube: { pointsLps: [centre(3, 4, 0), centre(3, 4, 5)], radiusMm: 0.6 } },
  ],
  trajectories: [
    { id: 'mwa', label: 'Antenna', deviceId: FIXTURE_DEVICES.microwave, entry: [0, 60, 0], target: [0, 0, 0], lesionId: 'lesion-a' },
    { id: 'needle', label: 'Access', deviceId: FIXTURE_DEVICES.boneAccess, entry: [5, 60, 0], target: [5, 0, 0] },
  ],
};

const itemIds = (plan: PlanDocument): string[] =>
  ['lesions', 'structuresAtRisk', 'trajectories'].flatMap((key) => {
    const list = plan.content[key];
    return Array.isArray(list) ? list.map((item: { id: string }) => item.id) : [];
  });

const exportInput = (ct: CtFixture, plan: PlanDocument, slices = ct.headers): Promise<PlanExportInput> =>
  exportInputFor(ct, plan, itemIds(plan), { softwareVersion: 'test-1.0', slices });

function written(r: ReturnType<typeof writePlanSeg>): ExportedSeg {
  if (!r.ok) throw new Error(`writePlanSeg failed:\n${r.error.join('\n')}`);
  if (!r.value) throw new Error('writePlanSeg wrote nothing');
  return r.value;
}

interface Decoded {
  rows: number;
  columns: number;
  frames: number;
  perFrameItems: number;
  pixelBytes: number;
  segments: { number: number; label: string; algorithmType: string; algorithmName: string; category: string; type: string; typeScheme: string; lab: number[]; trackingId: string; trackingUid: string }[];
  voxels: Record<string, [number, number, number][]>;
  problems: string[];
  referencedInstances: string[];
  ctInstances: string[];
}

const sorted = (v: readonly (readonly number[])[]): string[] => v.map((x) => x.join(',')).sort();

describe('writePlanSeg on hand-built edge cases', () => {
  for (const order of ['ascending', 'descending'] as const) {
    it(`CT slices written ${order}: valid for dciodvfy and dcentvfy, and pydicom finds exactly the plan's voxels`, async (context) => {
      const skip = validatorSkipReason();
      if (skip) return context.skip(skip);
      const ct = await writeCtFixture(path.join(dir, `ct-${order}`), { ...GRID, order, seed: `seg-${order}` });
      const plan = await fixturePlan(ct, PLAN);
      // The CT handed over in reverse file order: the writer must order by position, not input.
      const seg = written(writePlanSeg(await exportInput(ct, plan, [...ct.headers].reverse())));
      const file = path.join(dir, `${order}-${seg.object.fileName}`);
      await writeFile(file, seg.object.bytes);

      const iod = await dciodvfy(file);
      expect(iod.errors, iod.output).toEqual([]);
      const ent = await dcentvfy([...ct.files, file]);
      expect(ent.errors, ent.output).toEqual([]);

      const decoded = JSON.parse(await pydicom(SEG_DECODE_PY, [file, ...ct.files])) as Decoded;
      expect(decoded.problems).toEqual([]);
      expect([decoded.rows, decoded.columns]).toEqual([38, 23]);
      const zone = zoneVoxels();
      expect(sorted(decoded.voxels['L1 lesion']!)).toEqual(sorted(LESION));
      expect(sorted(decoded.voxels['One-slice lesion']!)).toEqual(sorted(ONE_SLICE));
      expect(decoded.voxels['Empty lesion']).toEqual([]);
      expect(sorted(decoded.voxels['Spinal cord']!)).toEqual(sorted(CORD));
      expect(sorted(decoded.voxels['L2 root']!)).toEqual(sorted(ROOT));
      expect(sorted(decoded.voxels[LETHAL_ZONE_LABEL]!)).toEqual(sorted(zone));
      // One frame per segment and occupied slice: lesion 2, one-slice 1, empty 0, cord 3, root 6, zone 6.
      expect(decoded.frames).toBe(18);
      expect(decoded.perFrameItems).toBe(18);
      // 18 frames × 874 bits = 15732 bits = 1966.5 bytes → 1967, padded to an even 1968.
      expect(decoded.pixelBytes).toBe(1968);
      expect(decoded.referencedInstances).toEqual(decoded.ctInstances);

      expect(decoded.segments.map((s) => [s.number, s.label, s.algorithmType, s.category, s.type])).toEqual([
        [1, 'L1 lesion', 'SEMIAUTOMATIC', '49755003', '14799000'],
        [2, 'One-slice lesion', 'MANUAL', '49755003', '14799000'],
        [3, 'Empty lesion', 'MANUAL', '49755003', '14799000'],
        [4, 'Spinal cord', 'MANUAL', '91723000', '2748008'],
        [5, 'L2 root', 'MANUAL', '91723000', '119410002'],
        [6, LETHAL_ZONE_LABEL, 'AUTOMATIC', '309825002', 'PP060'],
      ]);
      expect(decoded.segments[5]!.typeScheme).toBe('99PERCUPLAN');
      expect(decoded.segments[0]!.algorithmName).not.toBe('');
      const uids = await planDicomUids(plan.id, plan.version, itemIds(plan));
      expect(decoded.segments.slice(0, 5).map((s) => s.trackingUid)).toEqual(['lesion-a', 'lesion-b', 'lesion-c', 'cord', 'root'].map((id) => uids.trackingUid(id)));
      // Pure red, green and white as written (hand values below in cieLab.test.ts).
      expect(decoded.segments[0]!.lab.map((v, a) => Math.abs(v - [34891, 53480, 50167][a]!) <= 3)).toEqual([true, true, true]);
      expect(decoded.segments[3]!.lab).toEqual([65535, 32896, 32896]);

      expect(seg.segments.map((s) => [s.itemId, s.kind, s.segmentNumber, s.voxelCount])).toEqual([
        ['lesion-a', 'lesion', 1, 10],
        ['lesion-b', 'lesion', 2, 1],
        ['lesion-c', 'lesion', 3, 0],
        ['cord', 'structure', 4, 75],
        ['root', 'structure', 5, 6],
        ['lethal-ablation-zone', 'ablation-zone', 6, zone.length],
      ]);
    });
  }

  it('writes what the header says: SOP class, series, content identification, dates from updatedAt in UTC', async () => {
    const ct = await writeCtFixture(path.join(dir, 'ct-header'), { ...GRID, order: 'ascending', seed: 'seg-header' });
    const plan = await fixturePlan(ct, { ...PLAN, version: 3, author: 'Dr Who', updatedAt: '2026-03-14T23:59:58.125-02:00' });
    const seg = written(writePlanSeg(await exportInput(ct, plan)));
    const read = decodePart10(seg.object.bytes, 'seg');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const d = read.value.dataset;
    expect(d.SOPClassUID).toBe(SEGMENTATION_STORAGE);
    expect(seg.object.sopClassUID).toBe(SEGMENTATION_STORAGE);
    expect(d.SOPInstanceUID).toBe(seg.object.sopInstanceUID);
    expect(seg.object.fileName).toBe(`SEG_${seg.object.sopInstanceUID}.dcm`);
    expect(d.Modality).toBe('SEG');
    expect(d.SegmentationType).toBe('BINARY');
    expect(d.InstanceNumber).toBe(3);
    expect(d.ContentLabel).toBe('PLAN_V3');
    expect(d.SeriesDescription).toBe('PercuPlan plan: Edge cases (SEG)');
    // 23:59:58.125 at −02:00 is 01:59:58.125 UTC the next day.
    expect([d.ContentDate, d.ContentTime]).toEqual(['20260315', '015958.125']);
    expect(d.FrameOfReferenceUID).toBe(ct.frameOfReferenceUID);
    expect(d.StudyInstanceUID).toBe(ct.studyInstanceUID);
    expect(d.PatientID).toBe('FIX-0001');
    expect(d.SoftwareVersions).toBe('test-1.0');
    expect(d.Manufacturer).toBe('PercuPlan');
    expect(d.ImageType).toEqual(['DERIVED', 'PRIMARY']);
    // The zone's private type code is declared, as in the SR.
    expect((d.CodingSchemeIdentificationSequence as { CodingSchemeDesignator: string }[]).map((c) => c.CodingSchemeDesignator)).toEqual(['99PERCUPLAN']);
  });

  it('gives the same bytes for the same version; version 2 has a new instance, the same series and tracking UIDs', async () => {
    const ct = await writeCtFixture(path.join(dir, 'ct-versions'), { ...GRID, order: 'descending', seed: 'seg-versions' });
    const v1 = await fixturePlan(ct, { ...PLAN, version: 1 });
    const a = written(writePlanSeg(await exportInput(ct, v1)));
    const b = written(writePlanSeg(await exportInput(ct, v1)));
    expect(Buffer.from(a.object.bytes).equals(Buffer.from(b.object.bytes))).toBe(true);
    const v2 = await fixturePlan(ct, { ...PLAN, version: 2, updatedAt: '2026-03-15T10:00:00.000Z' });
    const c = written(writePlanSeg(await exportInput(ct, v2)));
    expect(c.object.sopInstanceUID).not.toBe(a.object.sopInstanceUID);
    expect(c.object.seriesInstanceUID).toBe(a.object.seriesInstanceUID);
    const tracking = (s: ExportedSeg): unknown[] => {
      const r = decodePart10(s.object.bytes, 'seg');
      if (!r.ok) throw new Error(r.error);
      return (r.value.dataset.SegmentSequence as { TrackingUID: string }[]).map((x) => x.TrackingUID);
    };
    expect(tracking(c)).toEqual(tracking(a));
    expect(new Set(tracking(a)).size).toBe(6);
  });

  it('returns null when there is nothing to segment', async () => {
    const ct = await writeCtFixture(path.join(dir, 'ct-empty'), { ...GRID, order: 'ascending', seed: 'seg-empty' });
    const nothing = await fixturePlan(ct, {});
    expect(writePlanSeg(await exportInput(ct, nothing))).toEqual({ ok: true, value: null });
    // A needle without zones makes no zone segment.
    const needleOnly = await fixturePlan(ct, { trajectories: [PLAN.trajectories![1]!] });
    expect(writePlanSeg(await exportInput(ct, needleOnly))).toEqual({ ok: true, value: null });
  });

  it('names the plan field of a mask that is not on the CT grid', async () => {
    const ct = await writeCtFixture(path.join(dir, 'ct-grid'), { ...GRID, order: 'ascending', seed: 'seg-grid' });
    const plan = await fixturePlan(ct, { lesions: [{ id: 'l', label: 'L', voxels: LESION }] });
    const lesions = plan.content.lesions as { segmentation: { geometry: { spacing: number[] } } }[];
    lesions[0]!.segmentation.geometry.spacing = [1, 1, 2.5];
    const r = writePlanSeg(await exportInput(ct, plan));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(r.error[0]).toMatch(/^content\.lesions\[0\]\.segmentation\.geometry: not the grid of the CT series/);
  });

  it('names each field drawn in another series or frame of reference, and an item without a tracking UID', async () => {
    const ct = await writeCtFixture(path.join(dir, 'ct-frames'), { ...GRID, order: 'ascending', seed: 'seg-frames' });
    const plan = await fixturePlan(ct, PLAN);
    const content = structuredClone(plan.content) as {
      lesions: { segmentation: { seriesInstanceUID: string } }[];
      structuresAtRisk: { shape: { frameOfReferenceUID?: string } }[];
      trajectories: { frameOfReferenceUID: string }[];
    };
    content.lesions[1]!.segmentation.seriesInstanceUID = '1.2.3.4';
    content.structuresAtRisk[1]!.shape.frameOfReferenceUID = '1.2.3.5';
    content.trajectories[0]!.frameOfReferenceUID = '1.2.3.6';
    const moved = writePlanSeg(await exportInput(ct, { ...plan, content }));
    expect(moved).toEqual({
      ok: false,
      error: [
        `content.lesions[1].segmentation.seriesInstanceUID: 1.2.3.4 is not the CT series ${ct.seriesInstanceUID}`,
        `content.structuresAtRisk[1].shape.frameOfReferenceUID: 1.2.3.5 is not the CT's frame of reference ${ct.frameOfReferenceUID}`,
        `content.trajectories[0].frameOfReferenceUID: 1.2.3.6 is not the CT's frame of reference ${ct.frameOfReferenceUID}`,
      ],
    });
    const otherPlanFrame = writePlanSeg(await exportInput(ct, { ...plan, frameOfReferenceUID: '1.2.3.7' }));
    expect(otherPlanFrame.ok ? [] : otherPlanFrame.error).toContain(`frameOfReferenceUID: 1.2.3.7 is not the CT's frame of reference ${ct.frameOfReferenceUID}`);
    const input = await exportInput(ct, plan);
    const unprepared = writePlanSeg({ ...input, uids: await planDicomUids(plan.id, plan.version, ['lesion-a', 'lesion-b', 'lesion-c', 'cord']) });
    expect(unprepared).toEqual({ ok: false, error: ['structure root: no tracking UID was prepared for it'] });
  });

  it('names the CT instance when the CT is not one grid', async () => {
    const ct = await writeCtFixture(path.join(dir, 'ct-broken'), { ...GRID, order: 'ascending', seed: 'seg-broken' });
    const plan = await fixturePlan(ct, { lesions: [{ id: 'l', label: 'L', voxels: LESION }] });
    const broken = ct.headers.map((h, n) => (n === 2 ? { ...h, imagePositionPatient: undefined } : h));
    const r = writePlanSeg(await exportInput(ct, plan, broken));
    expect(r).toEqual({ ok: false, error: [expect.stringMatching(/^the CT: ImagePositionPatient \(0020,0032\) missing on instance 3 /)] });
  });
});
