import { describe, expect, it } from 'vitest';
import { leakClassSchema } from './postProcedure';
import { assessment, LABELS_A, leak, needle, PLAN_A, PLAN_B } from './postProcedureView.fixture';
import {
  boardSummaryLine, errorGrade, fillRows, groupByPlan, LEAK_CLASS_LABEL, leakRows, matrixRotationDeg, mlText, needleRows, NO_PLAN_LABELS, registrationView, versionText,
} from './postProcedureView';

describe('the post-procedure view', () => {
  it('writes the board line of the issue: cement, fill per lesion, leaks with the flagged structure, the worst tip error', () => {
    expect(boardSummaryLine(assessment(), LABELS_A)).toBe(
      'Post-procedure: cement 12.3 mL, fill Right superior acetabulum 72 %, Right superior pubic ramus 44 %; leaks 2 (venous 0.25 mL, soft tissue 0.3 mL — 3.1 mm from Femoral vein); needles max tip error 3.0 mm',
    );
  });
  it('names lesions by their order without the plan, counts needles not found, says "no leak", and a failed registration', () => {
    const a = assessment({ leaks: [], needles: [needle(), needle({ trajectoryId: 'T2', found: 'missing', tipErrorMm: 9 })] });
    // The missing needle's 9 mm is not a measured error: the worst found is T1's 2.04 mm.
    expect(boardSummaryLine(a, NO_PLAN_LABELS)).toBe('Post-procedure: cement 12.3 mL, fill lesion 1 72 %, lesion 2 44 %; no leak; needles max tip error 2.0 mm (1 not found)');
    expect(boardSummaryLine(assessment({ status: 'failed' }), LABELS_A)).toBe('Post-procedure: registration failed (no overlap between the scans)');
    expect(boardSummaryLine(assessment({ needles: [], leaks: [leak({ flagged: true, distanceMm: 0 })] }), NO_PLAN_LABELS)).toBe(
      'Post-procedure: cement 12.3 mL, fill lesion 1 72 %, lesion 2 44 %; leaks 1 (venous 0.25 mL — touching Bladder)',
    );
  });
  it('words every leak class', () => {
    expect(leakClassSchema.options.map((k) => LEAK_CLASS_LABEL[k])).toEqual([
      'basivertebral vein', 'segmental vein', 'through a cortical defect', 'into the disc', 'into the canal', 'into the joint', 'venous', 'soft tissue',
    ]);
    expect(leakRows(assessment().result)).toEqual([
      { id: 'K1', location: 'venous', volume: '0.25 mL', near: '14.2 mm from Bladder', flagged: false },
      { id: 'K2', location: 'soft tissue', volume: '0.3 mL', near: '3.1 mm from Femoral vein', flagged: true },
    ]);
  });
  it('writes volumes with one decimal from 1 mL and two below, trailing zeros dropped', () => {
    expect([12.34, 1, 0.25, 0.3, 0.1, 0, NaN].map(mlText)).toEqual(['12.3', '1.0', '0.25', '0.3', '0.1', '0', '—']);
  });
  it('grades needle errors against 2.7 mm, and leaves a missing entry ungraded', () => {
    expect([0, 2.7, 2.71, null].map(errorGrade)).toEqual(['within', 'within', 'beyond', null]);
    const [t1, t2] = needleRows(assessment().result, LABELS_A);
    expect(t1).toMatchObject({ name: 'Bone access needle, right superior acetabulum', found: 'found in the CBCT', entryErrorMm: '1.2', entryGrade: 'within', tipErrorMm: '2.0', tipGrade: 'within', angleDeg: '0.8', depth: '61.5 of 62.0 mm' });
    expect(t2).toMatchObject({ entryErrorMm: '—', entryGrade: null, tipErrorMm: '3.0', tipGrade: 'beyond', angleDeg: '1.5', depth: '48.2 of 50.0 mm' });
    const [m] = needleRows(assessment({ needles: [needle({ found: 'missing' })] }).result, NO_PLAN_LABELS);
    expect(m).toMatchObject({ name: 'needle 1', found: 'not found', missing: true, tipErrorMm: '—', tipGrade: null, depth: '— of 62.0 mm' });
  });
  it('gives each lesion its fill with the volumes', () => {
    expect(fillRows(assessment().result, LABELS_A).map((f) => [f.name, f.fillPct, f.text])).toEqual([
      ['Right superior acetabulum', 72.4, '72 % (10.3 of 14.2 mL)'],
      ['Right superior pubic ramus', 44, '44 % (1.5 of 3.5 mL)'],
    ]);
  });
  it('reads the registration: rotations and translation with their totals, the residual', () => {
    // 10° about z; translation (5, -3, 2) mm: |t| = √38 = 6.16 mm.
    expect(matrixRotationDeg(assessment().result.registration.matrix)).toBeCloseTo(10, 9);
    expect(registrationView(assessment().result.registration)).toEqual({
      ok: true,
      status: 'succeeded',
      rotation: 'x 0.0°, y 0.0°, z +10.0° (10.0° in all)',
      translation: 'x +5.0, y -3.0, z +2.0 mm (6.2 mm in all)',
      residual: 'NCC 0.93 · bone edges 0.6 mm apart · 41230 points',
      source: 'automatic',
    });
  });
  it('groups by plan: the latest version first within a plan, the plan accepted most recently first', () => {
    const a1 = assessment({ version: 1, acceptedAt: '2031-05-04T09:30:00Z' });
    const a2 = assessment({ version: 2, acceptedAt: '2031-05-04T10:00:00Z' });
    const b1 = assessment({ planId: PLAN_B, version: 1, acceptedAt: '2031-05-04T11:00:00Z' });
    const groups = groupByPlan([a1, b1, a2]);
    expect(groups.map((g) => [g.planId, g.latest.version, g.older.map((o) => o.version), g.count])).toEqual([[PLAN_B, 1, [], 1], [PLAN_A, 2, [1], 2]]);
    expect(versionText(a2, groups[1]!)).toBe('version 2 of 2');
    expect(versionText(a1, groups[1]!)).toBe('version 1 of 2');
  });
});
