import { describe, expect, it } from 'vitest';
import { DEMO_CASES } from '../server/records/demoCases';
import { caseContentSchema } from './caseRecord';
import { exerciseListEntrySchema, exerciseRevealSchema, exerciseViewSchema, type Exercise, type ExerciseMode } from './exercise';
import { exerciseListEntry, exerciseReveal, exerciseTarget, exerciseView, EXERCISE_PSEUDONYM, expertPlanOf, givenContentOf, headingOf } from './exerciseView';
import { planContentSchema } from './plan';
import { teachingCaseSchema, type TeachingCase } from './teachingCase';

/*
 * The redaction of an exercise for a trainee, on a teaching case written by hand from reference
 * case 3 (T10 vertebra plana, prostate carcinoma). Every string the assertions look for is
 * written here, not read from the code under test.
 */

const TEACHING_ID = '7d1e3a52-1c44-4d0e-9a57-000000000003';
const SOURCE_CASE_ID = '2b9a8f10-5e6d-4c3b-8a21-0000000000c3';
const EXERCISE_ID = 'c0ffee00-0000-4000-8000-000000000001';
const PLAN_ID = 'a1a1a1a1-0000-4000-8000-000000000001';
const BOARD_ID = 'b0a4d000-0000-4000-8000-000000000001';
const STUDY = '2.25.1001';
const SERIES = '2.25.1002';
const FOR = '2.25.1003';
const SOURCE_STUDY = '1.2.826.0.1.3680043.99.1';
const TITLE = 'T10 vertebra plana from metastatic prostate carcinoma';
const EXPERT_TRAJECTORY = { id: 'expert-needle-T10', label: 'Left unipedicular 11 G' };

const case3 = caseContentSchema.parse({
  ...DEMO_CASES[2]!.record,
  patient: { pseudonym: 'Reference case 3', sex: 'male', ageYears: 81, identifiers: [{ system: 'MRN', value: 'H-12345' }], birthYear: 1943 },
  tumour: { primary: 'prostate', primaryDetail: 'Metastatic prostate carcinoma', histology: 'Acinar adenocarcinoma, Gleason 9' },
  linkedStudies: [
    { studyInstanceUID: STUDY, role: 'planning', description: 'Spine CT' },
    { studyInstanceUID: SOURCE_STUDY, role: 'diagnostic', description: 'Spine CT' },
  ],
  boardDecisions: [
    {
      id: 'd0000000-0000-4000-8000-000000000001', boardId: BOARD_ID, boardTitle: 'Spine board', meetingDate: '2024-09-01',
      recommendations: ['vertebroplasty'], rationale: 'Vertebroplasty of T10.', consensus: 'consensus', trial: { eligible: 'no' },
      actionBy: 'IR', recordedBy: 'att', recordedAt: '2024-09-01T10:00:00.000Z',
    },
  ],
});

const expertContent = {
  lesionContentVersion: 1,
  lesions: [{ id: 'L1', label: 'T10 body' }],
  structuresAtRisk: [{ id: 'canal', name: 'Spinal canal' }],
  trajectoryContentVersion: 2,
  trajectories: [{ ...EXPERT_TRAJECTORY, entry: [30, 80, 0], target: [0, 20, 0] }],
  zoneMetrics: { lesions: [{ lesionId: 'L1', coveragePercent: 88 }] },
  aLaterKey: { trajectoryId: EXPERT_TRAJECTORY.id },
};

const teaching: TeachingCase = teachingCaseSchema.parse({
  id: TEACHING_ID,
  version: 1,
  status: 'published',
  fields: {
    title: TITLE,
    presentation: 'Man, 81: central back pain 10/10, compression fractures at several levels',
    findings: 'Vertebra plana of T10 with osteolysis; prostate primary.',
    discussion: 'Unipedicular access through the left pedicle.',
    learningPoints: ['Aim for the anterior third of the body'],
    level: 'intermediate',
    tags: ['prostate', 'vertebroplasty'],
  },
  case: case3,
  plans: [
    { id: 'f0000000-0000-4000-8000-000000000009', plan: planContentSchema.parse({ seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content: { lesions: [] } }) },
    { id: PLAN_ID, plan: planContentSchema.parse({ title: 'Expert', studyInstanceUID: STUDY, seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content: expertContent }) },
  ],
  studies: [{ studyInstanceUID: STUDY, description: 'Spine CT', series: [{ seriesInstanceUID: SERIES, modality: 'CT', description: 'Axial', frameOfReferenceUID: FOR, instances: 120 }] }],
  deidentification: { methods: [], files: 120, refused: [] },
  source: { caseId: SOURCE_CASE_ID, caseVersion: 4 },
  teachingPacs: null,
  createdAt: '2026-12-07T00:00:00.000Z',
  createdBy: 'att',
  updatedAt: '2026-12-07T00:00:00.000Z',
  updatedBy: 'att',
});

const exercise = (mode: ExerciseMode, heading: string | null = null): Exercise => ({
  id: EXERCISE_ID, teachingCaseId: TEACHING_ID, mode, expertPlanId: PLAN_ID, heading: headingOf(mode, heading, teaching.fields), status: 'open',
  createdAt: '2026-12-07T00:00:00.000Z', createdBy: 'att', submissions: 0, trainees: 0,
});

function viewOf(mode: ExerciseMode) {
  const plan = expertPlanOf(teaching, PLAN_ID)!.plan;
  const target = exerciseTarget(teaching, plan)!;
  const v = exerciseView(exercise(mode), teaching, plan, target, { submitted: false, attempts: 0 });
  expect(exerciseViewSchema.safeParse(v).success).toBe(true);
  return v;
}

describe('exerciseView: unknown mode', () => {
  it('holds none of the diagnosis, the source case, the teaching case id or the expert needles', () => {
    const text = JSON.stringify(viewOf('unknown'));
    for (const secret of [TITLE, 'prostate', 'Prostate', 'Metastatic prostate carcinoma', 'Acinar adenocarcinoma', 'Gleason', TEACHING_ID, SOURCE_CASE_ID,
      BOARD_ID, SOURCE_STUDY, 'Reference case 3', 'H-12345', EXPERT_TRAJECTORY.id, EXPERT_TRAJECTORY.label, 'vertebroplasty', 'unipedicular', 'Gleason 9', 'coveragePercent']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('is neutral: heading, no diagnosis or findings, no tags, no outcome, no notes, no linked studies', () => {
    const v = viewOf('unknown');
    expect(v.heading).toBe('Unknown case · intermediate');
    expect([v.diagnosis, v.findings, v.tags]).toEqual([null, null, []]);
    expect(v.case.title).toBe('');
    expect(v.case.tumour).toEqual({ primary: null, primaryDetail: '', histology: '', diagnosisDate: null });
    expect(v.case.decision).toEqual({ outcome: 'pending', procedures: [], accessRoute: '', rationale: '', date: null, decidedBy: '' });
    expect([v.case.followUps, v.case.boardDecisions, v.case.linkedStudies, v.case.notes]).toEqual([[], [], [], '']);
    expect(v.case.status).toBe('referred');
    // What the trainee needs to decide is still there: age, sex, pain, the lesion.
    expect([v.case.patient.ageYears, v.case.patient.sex, v.case.pain.onWeightBearing, v.case.lesions[0]?.spinalLevel]).toEqual([81, 'male', 10, 'T10']);
    expect(v.presentation).toContain('81');
  });

  it('names the images to plan on and gives the lesions and structures, not the needles or zones', () => {
    const v = viewOf('unknown');
    expect([v.studyInstanceUID, v.seriesInstanceUID, v.frameOfReferenceUID]).toEqual([STUDY, SERIES, FOR]);
    expect(v.givenContent).toEqual({ lesionContentVersion: 1, lesions: [{ id: 'L1', label: 'T10 body' }], structuresAtRisk: [{ id: 'canal', name: 'Spinal canal' }] });
  });
});

describe('exerciseView: known mode', () => {
  it('shows the diagnosis, findings, tags and the outcome, but still no source case and no expert needle', () => {
    const v = viewOf('known');
    expect(v.heading).toBe(TITLE);
    expect([v.diagnosis, v.tags]).toEqual([TITLE, ['prostate', 'vertebroplasty']]);
    expect(v.findings).toContain('Vertebra plana');
    expect(v.case.tumour.primaryDetail).toBe('Metastatic prostate carcinoma');
    expect(v.case.followUps).toHaveLength(1);
    expect(v.case.linkedStudies.map((s) => s.studyInstanceUID)).toEqual([STUDY]);
    expect(v.case.patient).toMatchObject({ pseudonym: EXERCISE_PSEUDONYM, identifiers: [], birthYear: null });
    const text = JSON.stringify(v);
    for (const secret of [TEACHING_ID, SOURCE_CASE_ID, BOARD_ID, SOURCE_STUDY, 'Reference case 3', 'H-12345', EXPERT_TRAJECTORY.id, EXPERT_TRAJECTORY.label]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it("keeps a teacher's own heading", () => {
    const plan = expertPlanOf(teaching, PLAN_ID)!.plan;
    const v = exerciseView(exercise('unknown', 'Back pain at 81'), teaching, plan, exerciseTarget(teaching, plan)!, { submitted: true, attempts: 2 });
    expect([v.heading, v.submitted, v.attempts]).toEqual(['Back pain at 81', true, 2]);
  });
});

describe('exercise list, target, expert plan and reveal', () => {
  it('a list row hides the tags of an unknown exercise', () => {
    const row = exerciseListEntry(exercise('unknown'), teaching.fields, { submitted: false, attempts: 0 });
    expect(exerciseListEntrySchema.safeParse(row).success).toBe(true);
    expect(JSON.stringify(row)).not.toContain('prostate');
    expect(exerciseListEntry(exercise('known'), teaching.fields, { submitted: true, attempts: 1 }).tags).toEqual(['prostate', 'vertebroplasty']);
  });

  it('the expert plan defaults to the first plan with a needle; the target needs the series kept as CT', () => {
    expect(expertPlanOf(teaching)?.id).toBe(PLAN_ID);
    expect(expertPlanOf(teaching, 'f0000000-0000-4000-8000-000000000009')?.plan.content).toEqual({ lesions: [] });
    expect(expertPlanOf({ ...teaching, plans: [teaching.plans[0]!] })).toBeUndefined();
    const plan = teaching.plans[1]!.plan;
    expect(exerciseTarget({ ...teaching, studies: [] }, plan)).toBeNull();
    const mr = { ...teaching, studies: [{ ...teaching.studies[0]!, series: [{ ...teaching.studies[0]!.series[0]!, modality: 'SEG' }] }] };
    expect(exerciseTarget(mr, plan)).toBeNull();
  });

  it('givenContentOf keeps only the lesion part, whatever else the content holds', () => {
    expect(givenContentOf({ trajectories: [1], zoneMetrics: {}, other: 1 })).toEqual({});
    expect(givenContentOf({ lesions: [], structuresAtRisk: [] })).toEqual({ lesions: [], structuresAtRisk: [] });
  });

  it('the reveal gives the teaching text, the whole expert plan and the outcome, but not the source case', () => {
    const r = exerciseReveal(exercise('unknown'), teaching, teaching.plans[1]!.plan);
    expect(exerciseRevealSchema.safeParse(r).success).toBe(true);
    expect([r.diagnosis, r.learningPoints]).toEqual([TITLE, ['Aim for the anterior third of the body']]);
    expect((r.plan.content.trajectories as { id: string }[])[0]?.id).toBe(EXPERT_TRAJECTORY.id);
    expect(r.case.followUps[0]?.notes).toContain('Pain 2/10');
    expect(JSON.stringify(r)).not.toContain(SOURCE_CASE_ID);
    expect(JSON.stringify(r)).not.toContain(TEACHING_ID);
  });
});
