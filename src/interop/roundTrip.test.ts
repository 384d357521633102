import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCtFixture, type CtFixture } from '../../tests/support/ctFixture';
import { FIXTURE_DEVICES, fixturePlan } from '../../tests/support/planFixture';
import { defaultCatalogue } from '../planning/devices/defaultCatalogue';
import { decodeMask } from '../planning/encoding/encodeMask';
import type { StoredMask } from '../planning/encoding/storedMask';
import { countMask, maskValue, type VoxelMask } from '../planning/mask/voxelMask';
import type { PlanLesion } from '../planning/records/planLesion';
import type { StructureAtRisk } from '../planning/records/structureAtRisk';
import type { Trajectory } from '../planning/trajectory/trajectorySchema';
import type { PlanDocument } from '../records';
import { adoptPolylineAsTrajectory, adoptSegmentAsLesion, adoptSegmentAsStructure, planItemsFromReport } from './adopt';
import { ctGridOf, type CtGrid } from './ctGrid';
import { exportPlanDicom } from './exportPlan';
import type { ImportedReport, ImportedSegmentation } from './importTypes';
import { planDicomUids, type PlanDicomUids } from './planUids';
import { segmentMaskOnGrid } from './read/placeSegment';
import { readDicomObject } from './read/readDicomObject';

/*
 * Export → import → adopt: a plan written as SEG + SR by PercuPlan's writers, read back by its
 * reader, placed on the CT grid and adopted, gives back the same masks voxel for voxel and the
 * same trajectory points to 0.01 mm, whichever order the CT's slices came in. The grid is
 * 23 columns × 38 rows (874-bit frames that straddle bytes), with a one-slice lesion, a lesion
 * overlapping a structure, an empty structure, a needle with coordinates of exactly 0, and
 * non-ASCII text (a lesion label, a device name with '×') that dcmjs mis-decodes in sequences.
 */

let dir: string;
const cts: Partial<Record<'ascending' | 'descending', CtFixture>> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-roundtrip-'));
  // Voxel (i, j, k) centre at (−8 + 0.7 i, −15 + 0.8 j, −6 + 2.5 k): x −8..7.4, y −15..14.6, z −6..6.5.
  const geometry = { columns: 23, rows: 38, slices: 6, pixelSpacing: [0.8, 0.7] as const, sliceSpacingMm: 2.5, origin: [-8, -15, -6] as const };
  cts.ascending = await writeCtFixture(path.join(dir, 'asc'), { ...geometry, order: 'ascending', seed: 'roundtrip-asc' });
  cts.descending = await writeCtFixture(path.join(dir, 'desc'), { ...geometry, order: 'descending', seed: 'roundtrip-desc' });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ITEM_IDS = ['l1', 'l2', 'cord', 'bowel', 'bone', 'cryo'];

async function planOn(ct: CtFixture): Promise<PlanDocument> {
  const cube: [number, number, number][] = [];
  for (let k = 1; k <= 3; k++) for (let j = 17; j <= 21; j++) for (let i = 9; i <= 12; i++) cube.push([i, j, k]);
  return fixturePlan(ct, {
    title: 'Round trip',
    lesions: [
      { id: 'l1', label: 'T10 lésion × 2', voxels: cube },
      // One slice, touching the last column and row of the grid.
      { id: 'l2', label: 'One-slice lesion', colour: '#12ab34', voxels: [[22, 37, 5], [21, 37, 5], [22, 36, 5]] },
    ],
    structures: [
      // Overlaps the lesion at (12, 21, 3).
      { id: 'cord', kind: 'spinal-cord', name: 'Cord', voxels: [[12, 21, 3], [12, 22, 3], [12, 23, 3], [12, 23, 4]] },
      { id: 'bowel', kind: 'bowel', name: 'Empty bowel', voxels: [] },
    ],
    trajectories: [
      { id: 'bone', label: 'Access', deviceId: FIXTURE_DEVICES.boneAccess, entry: [0, 14, 0], target: [0, 0, 0], lesionId: 'l1' },
      { id: 'cryo', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [-5.25, 12.5, 4.75], target: [-0.35, 1.2, 1.5], lesionId: 'l1' },
    ],
  });
}

interface Imported {
  readonly seg: ImportedSegmentation;
  readonly sr: ImportedReport;
  readonly grid: CtGrid;
  readonly plan: PlanDocument;
  readonly uids: PlanDicomUids;
}

async function exportAndImport(order: 'ascending' | 'descending'): Promise<Imported> {
  const ct = cts[order]!;
  const plan = await planOn(ct);
  const uids = await planDicomUids(plan.id, plan.version, ITEM_IDS);
  const out = exportPlanDicom({ plan, ct: { slices: ct.headers, patientStudy: ct.patientStudy }, catalogue: defaultCatalogue(), uids, softwareVersion: 'roundtrip' });
  if (!out.ok) throw new Error(out.error.join('\n'));
  let seg: ImportedSegmentation | undefined, sr: ImportedReport | undefined;
  for (const o of out.value) {
    const r = readDicomObject(o.bytes, o.fileName);
    if (!r.ok) throw new Error(r.error);
    if (r.value.kind === 'seg') seg = r.value;
    else sr = r.value;
  }
  const grid = ctGridOf(ct.headers);
  if (!grid.ok) throw new Error(grid.error);
  if (!seg || !sr) throw new Error('the export lacks a SEG or an SR');
  return { seg, sr, grid: grid.value, plan, uids };
}

const content = (plan: PlanDocument) =>
  plan.content as unknown as { lesions: PlanLesion[]; structuresAtRisk: StructureAtRisk[]; trajectories: Trajectory[] };

function decoded(m: StoredMask | null | undefined): VoxelMask {
  if (!m) throw new Error('no mask');
  const r = decodeMask(m);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Every voxel of the grid where the two masks differ, as "i,j,k". */
function differences(a: VoxelMask, b: VoxelMask): string[] {
  const [nx, ny, nz] = a.dimensions;
  const out: string[] = [];
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (maskValue(a, i, j, k) !== maskValue(b, i, j, k)) out.push(`${i},${j},${k}`);
  return out;
}

describe('plan → SEG + SR → read → place → adopt', () => {
  for (const order of ['ascending', 'descending'] as const) {
    it(`gives back every lesion and structure voxel for voxel (CT slices ${order})`, async () => {
      const { seg, grid, plan, uids } = await exportAndImport(order);
      const series = { seriesInstanceUID: grid.seriesInstanceUID, frameOfReferenceUID: grid.frameOfReferenceUID, geometry: grid.geometry };
      const segmentOf = (itemId: string) => {
        const s = seg.segments.find((x) => x.trackingUid === uids.trackingUid(itemId));
        if (!s) throw new Error(`no segment for ${itemId}`);
        return s;
      };
      const placed = (itemId: string): VoxelMask => {
        const r = segmentMaskOnGrid(seg, segmentOf(itemId).number, grid);
        if (!r.ok) throw new Error(r.error);
        return r.value;
      };
      for (const lesion of content(plan).lesions) {
        const adopted = adoptSegmentAsLesion(placed(lesion.id), series, segmentOf(lesion.id), `${lesion.id}-copy`);
        const want = decoded(lesion.segmentation), got = decoded(adopted.segmentation);
        expect(differences(got, want)).toEqual([]);
        expect(adopted.segmentation).toEqual(lesion.segmentation);
        expect([adopted.label, adopted.colour]).toEqual([lesion.label, lesion.colour]);
      }
      // Hand count: the lesion cube is 4 × 5 × 3 = 60 voxels, the one-slice lesion 3.
      expect(content(plan).lesions.map((l) => countMask(decoded(l.segmentation)))).toEqual([60, 3]);
      for (const s of content(plan).structuresAtRisk) {
        if (s.shape.kind !== 'mask') continue;
        const adopted = adoptSegmentAsStructure(placed(s.id), series, segmentOf(s.id), s.kind, `${s.id}-copy`);
        expect(differences(decoded(adopted.shape.kind === 'mask' ? adopted.shape.mask : null), decoded(s.shape.mask))).toEqual([]);
        expect(adopted.shape).toEqual(s.shape);
        expect([adopted.name, adopted.colour, adopted.kind]).toEqual([s.name, s.colour, s.kind]);
      }
      expect(countMask(placed('cord'))).toBe(4);
      expect(countMask(placed('bowel'))).toBe(0);
      // The one segment that is no plan item, the composite lethal zone of the cryoprobe, is placed too.
      const itemUids = new Set(ITEM_IDS.map((id) => uids.trackingUid(id)));
      const zones = seg.segments.filter((s) => !itemUids.has(s.trackingUid ?? ''));
      expect(zones).toHaveLength(1);
      const zone = segmentMaskOnGrid(seg, zones[0]!.number, grid);
      expect(zone.ok && countMask(zone.value)).toBeGreaterThan(0);
    });

    it(`gives back every trajectory's points to 0.01 mm, its label and device (CT slices ${order})`, async () => {
      const { sr, grid, plan, uids } = await exportAndImport(order);
      const candidates = planItemsFromReport(sr, defaultCatalogue());
      const trajectories = content(plan).trajectories;
      expect(candidates).toHaveLength(trajectories.length);
      for (const t of trajectories) {
        const c = candidates.find((x) => x.trackingUid === uids.trackingUid(t.id));
        expect(c).toBeDefined();
        if (!c) continue;
        expect(c.frameOfReferenceUID).toBe(grid.frameOfReferenceUID);
        expect(c.deviceId).toBe(t.deviceId);
        const adopted = adoptPolylineAsTrajectory(c.points, c.frameOfReferenceUID!, c.deviceId!, c.label, `${t.id}-copy`);
        for (let a = 0; a < 3; a++) {
          expect(Math.abs(adopted.entry[a]! - t.entry[a]!)).toBeLessThanOrEqual(0.01);
          expect(Math.abs(adopted.target[a]! - t.target[a]!)).toBeLessThanOrEqual(0.01);
        }
        expect(adopted.label).toBe(t.label || t.id);
        expect([adopted.deviceId, adopted.frameOfReferenceUID]).toEqual([t.deviceId, t.frameOfReferenceUID]);
      }
      // The needle written with coordinates of exactly 0 reads back as 0, not null.
      const bone = candidates.find((x) => x.trackingUid === uids.trackingUid('bone'))!;
      expect(bone.points).toEqual([[0, 14, 0], [0, 0, 0]]);
    });
  }
});
