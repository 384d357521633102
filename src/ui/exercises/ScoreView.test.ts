import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScoreView } from './ScoreView';
import { ExerciseBrief } from './ExerciseBrief';
import type { SubmissionScore } from '../../planning/exercise/submissionScore';
import type { ExerciseView } from '../../api/exercises';
import { caseContentSchema } from '../../records';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const angles = { axialAngleDeg: 10, axialDirection: 'left', craniocaudalAngleDeg: 0, craniocaudalDirection: 'none' } as const;

// The hand-worked case: a needle parallel to the expert's, 5 mm off, through the spinal canal.
const score: SubmissionScore = {
  targetErrorMm: 5, entryErrorMm: 5, angleDeg: 0, axialDifferenceDeg: 0, craniocaudalDifferenceDeg: 0, safe: false, violations: 1,
  closest: { trajectoryId: 't1', structureId: 's1', label: 'Spinal canal', distanceMm: -1.2 }, zoneOverlaps: [],
  coveragePct: 87.5, minMarginMm: -2, expertCoveragePct: 100, expertMinMarginMm: 3.25, applicators: 1, expertApplicators: 2,
  needles: [{
    trajectoryId: 't1', label: 'Left pedicle', deviceId: 'd', expertTrajectoryId: 'x1', targetErrorMm: 5, entryErrorMm: 5, angleDeg: 0, axialDifferenceDeg: 0, craniocaudalDifferenceDeg: 0,
    angles, expertAngles: angles, closest: null, violations: [{ structureId: 's1', label: 'Spinal canal', distanceMm: -1.2, safetyDistanceMm: 5, crosses: true }], warnings: [],
  }],
  unmatchedExpertTrajectoryIds: ['x2'], planningTimeS: 245, edits: 7, notes: [],
};

describe('the score as shown', () => {
  const shown = text(renderToStaticMarkup(createElement(ScoreView, { score, attempt: 2 })));
  it('puts the unsafe verdict first with the violation, the structure, its distance and that the shaft crosses it', () => {
    expect(shown).toMatch(/^ ?UNSAFE Attempt 2 · 1 violation · closest -1\.2 mm \(Spinal canal\)/);
    expect(shown).toContain('Left pedicle: Spinal canal at -1.2 mm (safety 5.0 mm) — crosses it');
  });
  it('shows the needle 5 mm off at target and entry, parallel (0°)', () => {
    expect(shown).toContain('Left pedicle 5.0 mm 5.0 mm 0.0° 0.0° 0.0°');
    expect(shown).toContain('Expert needles you did not place: 1');
  });
  it('shows coverage, margin and applicators against the expert’s, and the effort', () => {
    expect(shown).toContain('Coverage 87.5% expert 100.0%');
    expect(shown).toContain('Min margin -2.0 mm expert 3.3 mm');
    expect(shown).toContain('Applicators 1 expert 2');
    expect(shown).toContain('Planning time 4 min 05 s Edits 7');
  });
});

describe('the brief', () => {
  const c = caseContentSchema.parse({ patient: { pseudonym: 'Teaching 1', sex: 'female', ageYears: 81 }, pain: { atRest: 3, onWeightBearing: 8 }, performance: { ecog: 2 }, functionAndGoals: { patientGoals: 'Walk to the shops' } });
  const view = (mode: 'known' | 'unknown'): ExerciseView => ({
    id: '00000000-0000-4000-8000-000000000001', mode, status: 'open', heading: 'Unknown case', presentation: 'Back pain after a fall', level: 'advanced',
    tags: mode === 'known' ? ['myeloma'] : [], diagnosis: mode === 'known' ? 'Myeloma of T10' : null, findings: null,
    studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4', frameOfReferenceUID: '1.2.3.5', case: c, givenContent: {}, submitted: false, attempts: 0,
  });
  it('gives age, sex, pain scores, ECOG and goals; the diagnosis only in known mode', () => {
    const unknown = text(renderToStaticMarkup(createElement(ExerciseBrief, { view: view('unknown') })));
    expect(unknown).toContain('Patient 81 years, Female');
    expect(unknown).toContain('Pain NRS 3/10 at rest, 8/10 weight-bearing');
    expect(unknown).toContain('ECOG 2');
    expect(unknown).toContain('Goals Walk to the shops');
    expect(unknown).not.toContain('Myeloma');
    expect(text(renderToStaticMarkup(createElement(ExerciseBrief, { view: view('known') })))).toContain('Diagnosis Myeloma of T10');
  });
});
