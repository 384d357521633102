import { describe, expect, it } from 'vitest';
import { postProcedureResultSchema } from '../../records/postProcedure';
import { defaultRegion, runAssessment } from './assess';
import { CASE, cbct, plan, planningCt, SHIFT_MATRIX } from './testSupport';

const ct = planningCt();
const cb = cbct();
const identity = { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.1', frameOfReferenceUID: null };

describe('runAssessment on a hand-built case', () => {
  it('defaultRegion: the lesion mask box (voxel centres within 8 mm of the origin) grown by the margin, clipped to the CT', () => {
    const r = defaultRegion(ct, plan(ct, { kind: 'pubic-ramus' }), 10)!;
    // Voxel centres are at integers (origin −40, −40, −22, 1 mm): the mask spans −8…8 on each axis.
    expect(r.minLps).toEqual([-18, -18, -18]);
    expect(r.maxLps).toEqual([18, 18, 18]);
    const clipped = defaultRegion(ct, plan(ct, { kind: 'pubic-ramus' }))!;
    expect(clipped.minLps).toEqual([-40, -40, -22]);
    expect(clipped.maxLps).toEqual([48, 39, 21]);
  });

  it('finds the needle, the cement, the fill and the two leaks with their classes (pelvis)', async () => {
    const r = await runAssessment({ ct, cbct: cb, plan: plan(ct, { kind: 'acetabulum', part: 'superior' }), planningSeriesInstanceUID: '1.2.9', cbctIdentity: identity, matrix: SHIFT_MATRIX });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(postProcedureResultSchema.safeParse(r.value).success).toBe(true);
    const [n] = r.value.needles;
    // Planned target (0, 2, −3), actual tip (0, 0, −3): 2 mm; same axis; entry: the body has no skin in the box.
    expect(n!.found).toBe('detected');
    expect(n!.tipErrorMm).toBeCloseTo(2, 0);
    expect(Math.abs(n!.tipErrorMm - 2)).toBeLessThan(0.4);
    expect(n!.angleDeg).toBeLessThan(0.5);
    // Cement: the lesion below z = −0.5 (a cap of height 7.5: π·7.5²·(3·8 − 7.5)/3 = 972 mm³) less the rod in it (π·1.6²·√(8² − 3²) ≈ 60 mm³);
    // the strand's channel from the hemisphere (x = √(8² − 3²) = 7.4) to its end (x = 35): π·1.5²·27.6 ≈ 195 mm³;
    // the blob's channel from the hemisphere (|y| = √(8² − 5² − 4²) = 4.8) to the blob (y = −15): π·1.5²·10.2 ≈ 72 mm³;
    // the blob (4/3·π·4³ ≈ 268 mm³). The stray blob is connected to nothing.
    const expected = 972 - 60 + Math.PI * 2.25 * 27.6 + Math.PI * 2.25 * 10.2 + 268;
    expect(Math.abs(r.value.cement.volumeMl * 1000 - expected) / expected).toBeLessThan(0.08);
    expect(r.value.cement.thresholdHu).toBeGreaterThanOrEqual(1500);
    // Fill: (972 − 60) / (4/3·π·8³ = 2145) = 42.5 %.
    const [f] = r.value.cement.lesions;
    expect(Math.abs(f!.fillPct - 42.5)).toBeLessThan(3);
    // Leaks: the strand (beyond the 1 mm margin: x from 16 to 35, centre ≈ (25.5, 0, −3)) and the blob (≈ (−5, −19, −4)).
    const leaks = [...r.value.cement.leaks].sort((a, b) => b.centreLps[0] - a.centreLps[0]);
    expect(leaks.map((l) => l.location)).toEqual(['venous', 'soft-tissue']);
    expect(Math.hypot(leaks[0]!.centreLps[0] - 25.5, leaks[0]!.centreLps[1], leaks[0]!.centreLps[2] + 3)).toBeLessThan(1.5);
    expect(Math.hypot(leaks[1]!.centreLps[0] + 5, leaks[1]!.centreLps[1] + 19, leaks[1]!.centreLps[2] + 4)).toBeLessThan(1.5);
    // The strand passes the vein (radius 2 at y = 5) at |y| ≤ 1.5: 5 − 1.5 − 2 = 1.5 mm, flagged.
    expect(leaks[0]!.nearestStructureId).toBe('S-vein');
    expect(Math.abs(leaks[0]!.distanceMm! - 1.5)).toBeLessThan(0.6);
    expect(leaks[0]!.flagged).toBe(true);
    expect(leaks[1]!.flagged).toBe(false);
    expect(r.value.registration.source).toBe('given');
    expect(r.value.registration.translationMm.map((t) => Math.round(t * 1000) / 1000)).toEqual([...CASE.shift]);
  });

  it('calls a thin leak from a vertebral body segmental, and reports no needle where none is', async () => {
    const p = plan(ct, { kind: 'vertebra', level: 'T10', part: 'body' });
    // The planned path comes in from the side (+x) to a point of the cement: the rod crosses it at 90°, no needle of this path.
    const noNeedle = { ...p, trajectories: p.trajectories.map((t) => ({ ...t, entry: [40, 0, -5] as [number, number, number], target: [0, 0, -5] as [number, number, number] })) };
    const r = await runAssessment({ ct, cbct: cb, plan: noNeedle, planningSeriesInstanceUID: '1.2.9', cbctIdentity: identity, matrix: SHIFT_MATRIX });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.needles).toEqual([]);
    expect(r.value.warnings.some((w) => /T1.*no needle found/.test(w))).toBe(true);
    // Without a needle found, the metal is still left out (it reads far above the cement): the volume is as before.
    expect(r.value.cement.volumeMl).toBeGreaterThan(1.3);
    expect(r.value.cement.volumeMl).toBeLessThan(1.7);
    // The strand leaves the body laterally: segmental; the blob is compact, in front (−y): a cortical defect.
    const leaks = [...r.value.cement.leaks].sort((a, b) => b.centreLps[0] - a.centreLps[0]);
    expect(leaks.map((l) => l.location)).toEqual(['segmental-venous', 'cortical-defect']);
  });

  it('answers an error for a plan without lesion masks and for a region the CBCT misses', async () => {
    const p = plan(ct, { kind: 'pubic-ramus' });
    const none = await runAssessment({ ct, cbct: cb, plan: { ...p, lesions: [] }, planningSeriesInstanceUID: '1.2.9', cbctIdentity: identity, matrix: SHIFT_MATRIX });
    expect(none).toEqual({ ok: false, error: expect.stringMatching(/no lesion mask/) });
    const far = [1, 0, 0, 500, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const missed = await runAssessment({ ct, cbct: cb, plan: p, planningSeriesInstanceUID: '1.2.9', cbctIdentity: identity, matrix: far });
    expect(missed).toEqual({ ok: false, error: expect.stringMatching(/does not cover/) });
  });

  it('takes a needle placed by hand (CBCT LPS) as given, reports a nudged transform as manual, and stops when cancelled', async () => {
    const p = plan(ct, { kind: 'pubic-ramus' });
    // Placed 1 mm to the left of the planned path in planning LPS, shifted into the CBCT: entry error 1 mm, tip error 1 mm, 0°.
    const [a, b, c] = CASE.shift;
    const placedNeedles = { T1: { entryLps: [1 + a, -38 + b, -3 + c] as const, tipLps: [1 + a, 2 + b, -3 + c] as const } };
    const r = await runAssessment({ ct, cbct: cb, plan: p, planningSeriesInstanceUID: '1.2.9', cbctIdentity: identity, matrix: SHIFT_MATRIX, matrixSource: 'manual', placedNeedles });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [n] = r.value.needles;
    expect(n!.found).toBe('placed');
    expect(n!.entryErrorMm).toBeCloseTo(1, 6);
    expect(n!.tipErrorMm).toBeCloseTo(1, 6);
    expect(n!.angleDeg).toBeCloseTo(0, 6);
    expect(n!.depthMm).toBeCloseTo(40, 6);
    expect(r.value.registration.source).toBe('manual');
    const cancelled = await runAssessment({ ct, cbct: cb, plan: p, planningSeriesInstanceUID: '1.2.9', cbctIdentity: identity, matrix: SHIFT_MATRIX, cancelled: () => true });
    expect(cancelled).toEqual({ ok: false, error: 'cancelled' });
  });
});
