import { describe, expect, it } from 'vitest';
import { groupByPlan, NO_PLAN_LABELS } from '../../../records/postProcedureView';
import { assessment, LABELS_A, PLAN_A, PLAN_B } from '../../../records/postProcedureView.fixture';
import { postProcedureLines } from './postProcedureLines';

const plan = (labels: typeof NO_PLAN_LABELS) => ({ labels, studyInstanceUID: null, problem: null });

describe('the board\'s post-procedure lines', () => {
  it('one plan: the latest version\'s sentence, with version, who, when and "manually adjusted" apart', () => {
    const groups = groupByPlan([assessment({ version: 1 }), assessment({ version: 2, acceptedAt: '2031-05-05T14:05:00Z', manuallyAdjusted: true, leaks: [] })]);
    const [l] = postProcedureLines({ groups, plans: new Map([[PLAN_A, plan(LABELS_A)]]), problems: [] });
    // Version 2 has no leak, so the line is version 2's, not version 1's two leaks.
    expect(l).toEqual({
      planId: PLAN_A,
      version: 2,
      text: 'Post-procedure: cement 12.3 mL, fill Right superior acetabulum 72 %, Right superior pubic ramus 44 %; no leak; needles max tip error 3.0 mm',
      body: 'cement 12.3 mL, fill Right superior acetabulum 72 %, Right superior pubic ramus 44 %; no leak; needles max tip error 3.0 mm',
      detail: 'version 2 of 2, accepted by dr.ir at 2031-05-05 14:05 UTC, manually adjusted',
    });
  });
  it('several plans: each line starts with its plan\'s title (or its id when the plan was not read)', () => {
    const groups = groupByPlan([assessment({ acceptedAt: '2031-05-04T09:30:00Z', leaks: [] }), assessment({ planId: PLAN_B, acceptedAt: '2031-05-06T09:30:00Z', leaks: [], needles: [] })]);
    const lines = postProcedureLines({ groups, plans: new Map([[PLAN_A, plan(LABELS_A)]]), problems: [] });
    expect(lines.map((l) => l.text)).toEqual([
      'Post-procedure: plan bbbbbbbb — cement 12.3 mL, fill lesion 1 72 %, lesion 2 44 %; no leak',
      'Post-procedure: Acetabulum and ramus cementoplasty — cement 12.3 mL, fill Right superior acetabulum 72 %, Right superior pubic ramus 44 %; no leak; needles max tip error 3.0 mm',
    ]);
  });
});
