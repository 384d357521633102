import { afterEach, describe, expect, it, vi } from 'vitest';
import { lps } from '../../shared/vec3';
import { defaultCatalogue } from '../devices/defaultCatalogue';
import { boxFromCorners } from '../mask/voxelBox';
import { createMask, type VoxelMask } from '../mask/voxelMask';
import { lesionContentSchema } from '../records/lesionContent';
import { planLesionSchema } from '../records/planLesion';
import type { StructureKind } from '../records/structureAtRisk';
import { parseTrajectoryPart } from '../trajectory/recomputePlanMetrics';
import { trajectoryContentSchema } from '../trajectory/trajectoryContent';
import type { Trajectory } from '../trajectory/trajectorySchema';
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../volume/volumeGeometry';
import { metricsInputs } from './metricsInputs';
import type { LesionDraft, PlanDraft, StructureDraft } from './planDraft';
import { planMetrics, type PlanMetricsContext } from './planMetrics';

const FOR = '1.2.826.0.3.1';
const catalogue = defaultCatalogue();
// 1 mm voxels: voxel (i, j, k) is centred at (i − 20, j − 20, k − 20) mm.
const geometry: VolumeGeometry = { dimensions: [40, 40, 40], spacing: [1, 1, 1], origin: lps(-20, -20, -20), direction: IDENTITY_DIRECTION };
const ctx: PlanMetricsContext = { frameOfReferenceUID: FOR, catalogue, geometry };

/** A filled block of voxels from `lo` to `hi` (inclusive), or an empty mask over that box. */
function block(lo: [number, number, number], hi: [number, number, number], filled = true): VoxelMask {
  const m = createMask(geometry.dimensions, boxFromCorners(lo, hi));
  if (filled) m.data.fill(1);
  return m;
}
const lesion = (id: string, mask: VoxelMask | null): LesionDraft => ({ record: planLesionSchema.parse({ id, label: id }), mask, stored: null });
const structure = (id: string, kind: StructureKind, mask: VoxelMask | null): StructureDraft => ({
  record: { id, kind, name: id, colour: '#00ff00', safetyDistanceMm: 2 },
  shape: { kind: 'mask', stored: null },
  mask,
});
const track = (id: string, deviceId: string, over: Partial<Trajectory> = {}): Trajectory => ({
  id,
  label: id,
  deviceId,
  zoneSetId: null,
  entry: [0, -15, 0],
  target: [0, 0, 0],
  frameOfReferenceUID: FOR,
  accessRoute: null,
  lesionId: null,
  metrics: null,
  ...over,
});
const draft = (parts: Partial<PlanDraft>): PlanDraft => ({ lesions: [], structures: [], trajectories: [], extra: {}, ...parts });

/** 4 × 4 × 4 voxels of 1 mm³ around the target: 64 mm³ = 0.064 mL, shown as 0.06. */
const lesionBlock = () => block([18, 18, 18], [21, 21, 21]);
/** Voxels i, j, k ∈ [30, 33]: boxes from 9.5 to 13.5 mm on each axis. */
const bowelBlock = () => block([30, 30, 30], [33, 33, 33]);

function ok<T>(r: { ok: true; value: T } | { ok: false; error: string[] }): T {
  if (!r.ok) throw new Error(r.error.join('; '));
  return r.value;
}

afterEach(() => vi.restoreAllMocks());

describe('planMetrics: the rules, decided once', () => {
  it('leaves a lesion with an empty mask out of the zone coverage and says so; a painted one counts', () => {
    const m = ok(planMetrics(draft({ lesions: [lesion('L1', lesionBlock()), lesion('L2', block([2, 2, 2], [4, 4, 4], false))], trajectories: [track('T1', 'generic-cryoprobe-13g')] }), ctx));
    expect(m.zoneMetrics?.lesions.map((l) => l.lesionId)).toEqual(['L1']);
    expect(m.zoneMetrics?.lesions[0]!.lesionVolumeMl).toBe(0.06);
    expect(m.notes).toEqual(['lesion L2 has no voxels: left out of the metrics']);
  });

  it('leaves a structure with an empty mask out of the distances and the zones; a painted one is measured', () => {
    const m = ok(planMetrics(draft({ structures: [structure('bowel', 'bowel', bowelBlock()), structure('vessel', 'major-vessel', block([0, 0, 0], [3, 3, 3], false))], trajectories: [track('T1', 'generic-cryoprobe-13g')] }), ctx));
    const d = m.trajectories[0]!.metrics!.structures;
    expect(d.map((s) => s.structureId)).toEqual(['bowel']);
    // Axis (0, y ≤ 0, 0) to the box corner (9.5, 9.5, 9.5): 9.5·√3 = 16.454 mm, less the 13 G radius 1.205 mm: 15.25 mm.
    expect(d[0]!.distanceMm).toBeCloseTo(15.25, 1);
    expect(m.zoneMetrics?.structures.map((s) => s.structureId)).toEqual(['bowel']);
    expect(m.notes).toEqual(['structure vessel has no voxels: left out of the metrics']);
  });

  it('takes the canal from spinal-canal structures, else the cord; an empty canal is no canal; other kinds never', () => {
    const cord = structure('cord', 'spinal-cord', block([25, 20, 20], [25, 20, 20])); // one voxel at (5, 0, 0)
    const canal = structure('canal', 'spinal-canal', block([20, 25, 20], [20, 25, 20])); // one voxel at (0, 5, 0)
    const t = track('T1', 'bone-access-11g-100');
    expect(metricsInputs(draft({ structures: [cord, canal] }), geometry).canalPoint!(t)).toEqual([0, 5, 0]);
    const emptyCanal = structure('canal', 'spinal-canal', block([20, 25, 20], [20, 25, 20], false));
    expect(metricsInputs(draft({ structures: [emptyCanal, cord] }), geometry).canalPoint!(t)).toEqual([5, 0, 0]);
    expect(metricsInputs(draft({ structures: [structure('b', 'bowel', bowelBlock()), structure('n', 'nerve-root', bowelBlock())] }), geometry).canalPoint!(t)).toBeNull();
  });

  it('ablates only with a device whose catalogue entry has zones: a needle beside a cryoprobe is measured but has no zone', () => {
    const both = ok(planMetrics(draft({ lesions: [lesion('L1', lesionBlock())], trajectories: [track('cryo', 'generic-cryoprobe-13g'), track('needle', 'bone-access-11g-100', { entry: [0, 15, 0] })] }), ctx));
    expect(both.zoneMetrics?.clusters.flatMap((c) => c.probeIds)).toEqual(['cryo']);
    expect(both.trajectories.map((t) => t.metrics?.depthMm)).toEqual([15, 15]);
    // An RF electrode whose zones the site has not entered does not ablate either.
    const noZones = ok(planMetrics(draft({ lesions: [lesion('L1', block([2, 2, 2], [3, 3, 3], false))], trajectories: [track('n', 'bone-access-11g-100'), track('rf', 'generic-rf-electrode-17g')] }), ctx));
    expect(noZones.zoneMetrics).toBeNull();
    // Lesions are not even looked at then: no note about the empty one.
    expect(noZones.notes).toEqual([]);
  });

  it('names a trajectory in another frame or with an unknown device', () => {
    const r = planMetrics(draft({ trajectories: [track('a', 'nope'), track('b', 'bone-access-11g-100', { frameOfReferenceUID: '9.9' })] }), ctx);
    expect(r).toEqual({ ok: false, error: ['trajectories[0].deviceId: no device "nope" in the catalogue', "trajectories[1].frameOfReferenceUID: 9.9 is not the plan's frame of reference 1.2.826.0.3.1"] });
  });

  it('parses nothing on the live path: no schema is run on a drag frame', () => {
    const spies = [vi.spyOn(trajectoryContentSchema, 'safeParse'), vi.spyOn(trajectoryContentSchema, 'parse'), vi.spyOn(lesionContentSchema, 'safeParse'), vi.spyOn(lesionContentSchema, 'parse')];
    ok(planMetrics(draft({ lesions: [lesion('L1', lesionBlock())], structures: [structure('bowel', 'bowel', bowelBlock())], trajectories: [track('T1', 'generic-cryoprobe-13g')] }), ctx));
    for (const s of spies) expect(s).not.toHaveBeenCalled();
    // The spies do see a parse where there is one (the untrusted content's path).
    parseTrajectoryPart({ trajectories: [] });
    expect(spies[0]).toHaveBeenCalledTimes(1);
  });
});
