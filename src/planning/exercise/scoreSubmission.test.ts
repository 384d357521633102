import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../devices/defaultCatalogue';
import type { VoxelMask } from '../mask/voxelMask';
import { contentFromDraft } from '../plan/planContentIO';
import type { PlanDraft, StructureDraft } from '../plan/planDraft';
import { planLesionSchema } from '../records/planLesion';
import type { BinaryVolume } from '../trajectory/gridGeometry';
import { axisGrid, sphereMask } from '../trajectory/syntheticGrids';
import type { Trajectory } from '../trajectory/trajectorySchema';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { scoreSubmission, type ScoreContext, type ScoredPlan } from './scoreSubmission';
import { submissionScoreSchema, type SubmissionScore } from './submissionScore';

const FOR = '1.2.826.0.3.1';
const SERIES = '1.2.826.0.3.2';
// 1 mm voxels centred on whole millimetres from −30 to 29 on each axis (LPS: +x left, +y posterior, +z superior).
const geometry: VolumeGeometry = axisGrid([60, 60, 60], [1, 1, 1], [-30, -30, -30]);
const series = { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, geometry };
const ctx: ScoreContext = { catalogue: defaultCatalogue(), geometry };
const rad = (d: number): number => (d * Math.PI) / 180;

const NEEDLE = 'spinal-needle-22g-150'; // 0.72 mm: radius 0.36 mm, no zones
const CRYO = 'generic-cryoprobe-13g'; // lethal zone 12 mm wide, 32 mm long, centred 12 mm back from the tip

const asMask = (b: BinaryVolume): VoxelMask => ({ dimensions: geometry.dimensions, box: b.box, data: b.data });
/** The lesion: voxel centres within 3 mm of (0, 12, 0). */
const lesionMask = asMask(sphereMask(geometry, [0, 12, 0], 3));
/**
 * A nerve: voxel centres within 3 mm of (10, 12, 0). Its voxel nearest the x = 0 side is
 * (7, 12, 0), whose box starts at x = 6.5; safety distance 2 mm.
 */
const nerve: StructureDraft = {
  record: { id: 'nerve', kind: 'nerve-root', name: 'L1 root', colour: '#ffff00', safetyDistanceMm: 2 },
  shape: { kind: 'mask', stored: null },
  mask: asMask(sphereMask(geometry, [10, 12, 0], 3)),
};

const track = (id: string, entry: [number, number, number], target: [number, number, number], deviceId = NEEDLE): Trajectory => ({
  id, label: id, deviceId, zoneSetId: null, entry, target, frameOfReferenceUID: FOR, accessRoute: null, lesionId: null, metrics: null,
});
/** Straight posterior approach (entry 25 mm posterior of the target), shifted by (dx, ·, dz). */
const straight = (id: string, dx: number, dz = 0, deviceId = NEEDLE): Trajectory => track(id, [dx, 25, dz], [dx, 0, dz], deviceId);

const plan = (parts: Partial<PlanDraft>): ScoredPlan => ({
  seriesInstanceUID: SERIES,
  frameOfReferenceUID: FOR,
  content: contentFromDraft({ lesions: [], structures: [], trajectories: [], extra: {}, ...parts }, series),
});
/** The expert's plan: the lesion, the nerve, and their needles. */
const expertPlan = (...trajectories: Trajectory[]): ScoredPlan =>
  plan({ lesions: [{ record: planLesionSchema.parse({ id: 'L1', label: 'L1' }), mask: lesionMask, stored: null }], structures: [nerve], trajectories });
/** A trainee's plan: needles only (their own anatomy is not what they are judged against). */
const traineePlan = (...trajectories: Trajectory[]): ScoredPlan => plan({ trajectories });

function score(trainee: ScoredPlan, expert: ScoredPlan, c: ScoreContext = ctx): SubmissionScore {
  const r = scoreSubmission(trainee, expert, c);
  if (!r.ok) throw new Error(r.error.join('; '));
  // What the API answers is exactly the schema (strict: no stray field).
  expect(submissionScoreSchema.safeParse(r.value).success).toBe(true);
  return r.value;
}

describe('scoreSubmission: accuracy', () => {
  it('a needle parallel to the expert\'s but 5 mm to the side scores 5.00 mm target and entry error and 0°', () => {
    const s = score(traineePlan(straight('T1', -5)), expertPlan(straight('E1', 0)));
    expect([s.targetErrorMm, s.entryErrorMm, s.angleDeg, s.axialDifferenceDeg, s.craniocaudalDifferenceDeg]).toEqual([5, 5, 0, 0, 0]);
    expect(s.needles[0]).toMatchObject({ trajectoryId: 'T1', expertTrajectoryId: 'E1', targetErrorMm: 5, entryErrorMm: 5, angleDeg: 0 });
    expect(s.safe).toBe(true);
    expect(s.violations).toBe(0);
    // Axis x = −5 to the nerve's nearest voxel box face x = 6.5: 11.5 mm, less the 0.36 mm radius.
    expect(s.closest).toEqual({ trajectoryId: 'T1', structureId: 'nerve', label: 'L1 root', distanceMm: 11.14 });
  });

  it('a 3-4-5 offset (3 mm right, 4 mm cranial) scores 5.00 mm', () => {
    const s = score(traineePlan(straight('T1', -3, 4)), expertPlan(straight('E1', 0)));
    expect([s.targetErrorMm, s.entryErrorMm, s.angleDeg]).toEqual([5, 5, 0]);
  });

  it('a needle turned 10° about its target in the axial plane: target error 0, angle 10°, axial 10°, craniocaudal 0°', () => {
    const entry: [number, number, number] = [-25 * Math.sin(rad(10)), 25 * Math.cos(rad(10)), 0];
    const s = score(traineePlan(track('T1', entry, [0, 0, 0])), expertPlan(straight('E1', 0)));
    expect(s.targetErrorMm).toBe(0);
    // 2 · 25 · sin 5° = 4.3578 mm between the entries.
    expect(s.entryErrorMm).toBe(4.36);
    expect([s.angleDeg, s.axialDifferenceDeg, s.craniocaudalDifferenceDeg]).toEqual([10, 10, 0]);
    // The page's own readings: the trainee's needle points 10° toward patient left, the expert's straight AP.
    expect(s.needles[0]!.angles).toEqual({ axialAngleDeg: 10, axialDirection: 'left', craniocaudalAngleDeg: 0, craniocaudalDirection: 'none' });
    expect(s.needles[0]!.expertAngles).toEqual({ axialAngleDeg: 0, axialDirection: 'none', craniocaudalAngleDeg: 0, craniocaudalDirection: 'none' });
  });

  it('averages over the paired needles and lists each: errors 2 and 4 mm give 3 mm', () => {
    const s = score(traineePlan(straight('T1', -2), straight('T2', -24)), expertPlan(straight('E1', 0), straight('E2', -20)));
    expect(s.needles.map((n) => [n.expertTrajectoryId, n.targetErrorMm])).toEqual([['E1', 2], ['E2', 4]]);
    expect(s.targetErrorMm).toBe(3);
    expect(s.entryErrorMm).toBe(3);
  });
});

describe('scoreSubmission: applicators and pairing', () => {
  it('two needles against the expert\'s one: 2 vs 1, the extra needle unpaired and left out of the means', () => {
    const s = score(traineePlan(straight('T1', -5), straight('T2', -25)), expertPlan(straight('E1', 0)));
    expect([s.applicators, s.expertApplicators]).toEqual([2, 1]);
    expect(s.needles.map((n) => n.expertTrajectoryId)).toEqual(['E1', null]);
    expect(s.needles[1]).toMatchObject({ targetErrorMm: null, entryErrorMm: null, angleDeg: null, expertAngles: null });
    expect(s.targetErrorMm).toBe(5);
    expect(s.unmatchedExpertTrajectoryIds).toEqual([]);
  });

  it('one needle against two: the expert needle not aimed at is named; no needle at all scores nothing', () => {
    const s = score(traineePlan(straight('T1', -19)), expertPlan(straight('E1', 0), straight('E2', -20)));
    expect([s.applicators, s.expertApplicators]).toEqual([1, 2]);
    expect(s.unmatchedExpertTrajectoryIds).toEqual(['E1']);
    const none = score(traineePlan(), expertPlan(straight('E1', 0)));
    expect([none.targetErrorMm, none.angleDeg, none.applicators, none.safe, none.closest]).toEqual([null, null, 0, true, null]);
  });
});

describe('scoreSubmission: safety', () => {
  it('a shaft through a structure at risk is unsafe, against the expert\'s anatomy even when the trainee drew none', () => {
    const s = score(traineePlan(straight('T1', 10)), expertPlan(straight('E1', 0)));
    expect(s.safe).toBe(false);
    expect(s.violations).toBe(1);
    // The axis runs through the nerve: −radius, as the plan metrics define it.
    expect(s.needles[0]!.violations).toEqual([{ structureId: 'nerve', label: 'L1 root', distanceMm: -0.36, safetyDistanceMm: 2, crosses: true }]);
    expect(s.closest?.distanceMm).toBe(-0.36);
    // Accuracy does not redeem it: the target is 10 mm off, but "unsafe" stands on its own.
    expect(s.targetErrorMm).toBe(10);
  });

  it('closer than the safety distance without touching is unsafe too', () => {
    // Axis x = 5 to the box face x = 6.5: 1.5 mm, less 0.36 mm = 1.14 mm < 2 mm.
    const s = score(traineePlan(straight('T1', 5)), expertPlan(straight('E1', 0)));
    expect(s.safe).toBe(false);
    expect(s.needles[0]!.violations).toEqual([{ structureId: 'nerve', label: 'L1 root', distanceMm: 1.14, safetyDistanceMm: 2, crosses: false }]);
  });

  it('counts violations per needle and structure, and ignores metrics the client sent', () => {
    // T2 arrives claiming a clean path: no structure near, no warning.
    const lying: Trajectory = {
      ...straight('T2', 10),
      metrics: {
        depthMm: 25, needleMarginMm: 125, craniocaudalAngleDeg: 0, craniocaudalDirection: 'none', axialAngleDeg: 0, axialDirection: 'none',
        inPlane: true, tableVerticalAngleDeg: null, tableVerticalDirection: null, structures: [], path: null, transpedicular: null, warnings: [],
      },
    };
    const s = score(traineePlan(straight('T1', 5), lying), expertPlan(straight('E1', 0)));
    expect(s.violations).toBe(2);
    expect(s.closest).toMatchObject({ trajectoryId: 'T2', distanceMm: -0.36 });
  });

  it('takes the grid from the expert\'s stored masks when the context gives none', () => {
    const s = score(traineePlan(straight('T1', 10)), expertPlan(straight('E1', 0)), { catalogue: ctx.catalogue });
    expect(s.safe).toBe(false);
    expect(s.notes).toEqual([]);
  });
});

describe('scoreSubmission: structures drawn as tubes', () => {
  // A vessel along x, 10 mm above the lesion's level: voxel centres within 2 mm of y = 12, z = 10.
  const vessel = { id: 'ivc', kind: 'major-vessel', name: 'IVC', colour: '#0000ff', safetyDistanceMm: 3,
    shape: { kind: 'tube', frameOfReferenceUID: FOR, pointsLps: [[-20, 12, 10], [20, 12, 10]], radiusMm: 2 } };
  const withTube = (e: Trajectory): ScoredPlan => ({ ...expertPlan(e), content: { ...expertPlan(e).content, structuresAtRisk: [vessel] } });

  it('a shaft through a tube structure is unsafe; one 10 mm below it is not', () => {
    const through = score(traineePlan(straight('T1', 0, 10)), withTube(straight('E1', 0)));
    expect(through.safe).toBe(false);
    expect(through.needles[0]!.violations).toMatchObject([{ structureId: 'ivc', crosses: true }]);
    // Axis z = 0 to the tube's lowest voxel boxes (centres at z = 8, boxes from 7.5): 7.5 − 0.36 = 7.14 mm.
    const below = score(traineePlan(straight('T1', 0)), withTube(straight('E1', 0)));
    expect(below.safe).toBe(true);
    expect(below.closest).toMatchObject({ structureId: 'ivc', distanceMm: 7.14 });
  });

  it('says so when a tube cannot be measured for want of a grid, rather than calling the plan safe in silence', () => {
    const tubeOnly: ScoredPlan = { ...traineePlan(straight('E1', 0)), content: { ...traineePlan(straight('E1', 0)).content, structuresAtRisk: [vessel] } };
    const s = score(traineePlan(straight('T1', 0, 10)), tubeOnly, { catalogue: ctx.catalogue });
    expect(s.notes).toEqual(['structure IVC: no image grid to measure it on; needles not checked against it']);
    const elsewhere = { ...vessel, shape: { ...vessel.shape, frameOfReferenceUID: '1.2.9' } };
    const other: ScoredPlan = { ...tubeOnly, content: { ...tubeOnly.content, structuresAtRisk: [elsewhere] } };
    expect(score(traineePlan(straight('T1', 0, 10)), other).notes).toEqual(['structure IVC: not in the frame of reference of the images; needles not checked against it']);
  });
});

describe('scoreSubmission: efficacy and effort', () => {
  it('the same cryoprobe as the expert covers as much; one 5 mm to the side covers part of the lesion, with a negative margin', () => {
    // The lethal zone (6 mm radius about the shaft, ±16 mm along it) centred at (0, 12, 0) holds
    // every lesion voxel (centres ≤ 3 mm away, corners ≤ 3.9 mm): 100 %.
    const expert = expertPlan(straight('E1', 0, 0, CRYO));
    const same = score(traineePlan(straight('T1', 0, 0, CRYO)), expert);
    expect(same.expertCoveragePct).toBe(100);
    expect(same.coveragePct).toBe(100);
    expect(same.minMarginMm).toBe(same.expertMinMarginMm);
    expect(same.minMarginMm).toBeGreaterThan(0);
    // Zone axis at x = −5: lesion voxel (−3, 12, 0) lies 2 mm from it (in), (3, 12, 0) 8 mm (out).
    const off = score(traineePlan(straight('T1', -5, 0, CRYO)), expert);
    expect(off.coveragePct).toBeGreaterThan(0);
    expect(off.coveragePct).toBeLessThan(100);
    expect(off.minMarginMm).toBeLessThan(0);
    expect(off.expertCoveragePct).toBe(100);
    // The nerve (10 mm from the shaft) is inside the visible ice (16 mm radius) but not the lethal zone (6 mm).
    expect(same.zoneOverlaps).toEqual([expect.objectContaining({ structureId: 'nerve', volumeInLethalMl: 0 })]);
    expect(same.zoneOverlaps[0]!.volumeInAnyZoneMl).toBeGreaterThan(0);
  });

  it('no ablating device where the expert ablates covers 0 %; a biopsy exercise has no coverage at all', () => {
    const s = score(traineePlan(straight('T1', 0)), expertPlan(straight('E1', 0, 0, CRYO)));
    expect([s.coveragePct, s.minMarginMm, s.expertCoveragePct]).toEqual([0, null, 100]);
    const biopsy = score(traineePlan(straight('T1', 0)), expertPlan(straight('E1', 0)));
    expect([biopsy.coveragePct, biopsy.minMarginMm, biopsy.expertCoveragePct, biopsy.expertMinMarginMm]).toEqual([null, null, null, null]);
  });

  it('passes the effort through: planning time and edits, null when not reported', () => {
    const s = score(traineePlan(straight('T1', 0)), expertPlan(straight('E1', 0)), { ...ctx, effort: { planningTimeS: 277, edits: 3 } });
    expect([s.planningTimeS, s.edits]).toEqual([277, 3]);
    const quiet = score(traineePlan(straight('T1', 0)), expertPlan(straight('E1', 0)));
    expect([quiet.planningTimeS, quiet.edits]).toEqual([null, null]);
    const silly = score(traineePlan(straight('T1', 0)), expertPlan(straight('E1', 0)), { ...ctx, effort: { planningTimeS: -1, edits: 2.5 } });
    expect([silly.planningTimeS, silly.edits]).toEqual([null, null]);
  });
});

describe('scoreSubmission: refusals', () => {
  it('names the field: another frame of reference, a malformed point, an unknown device', () => {
    const expert = expertPlan(straight('E1', 0));
    const elsewhere = { ...traineePlan(straight('T1', 0)), frameOfReferenceUID: '1.2.3' };
    expect(scoreSubmission(elsewhere, expert, ctx)).toEqual({ ok: false, error: ["trainee.frameOfReferenceUID: 1.2.3 is not the exercise's frame of reference 1.2.826.0.3.1"] });
    const bad = scoreSubmission({ ...traineePlan(), content: { trajectories: [{ ...straight('T1', 0), entry: [0, 'x', 0] }] } }, expert, ctx);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.some((e) => e.startsWith('trainee.content.trajectories[0].entry'))).toBe(true);
    const unknown = scoreSubmission(traineePlan(straight('T1', 0, 0, 'nope')), expert, ctx);
    expect(unknown).toEqual({ ok: false, error: ['trainee.content.trajectories[0].deviceId: no device "nope" in the catalogue'] });
  });
});
