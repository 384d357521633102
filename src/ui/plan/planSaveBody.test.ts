import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../records';
import type { StudyListing } from '../../dicom/studyListing';
import { newCaseFor, planSaveBody } from './planSaveBody';
import { mayDiscard } from './unsavedChanges';

const study: StudyListing = { studyInstanceUID: '1.2.9', source: 'embedded', modalities: ['CT'], series: [], imageCount: 0, studyDescription: 'Pelvis' };
const series = { seriesInstanceUID: '1.2.9.1', frameOfReferenceUID: '1.2.9.2', geometry: null };
const approved = { title: 'Board plan', status: 'approved', approvedBy: 'Dr A', approvedAt: '2026-01-01T00:00:00.000Z' } as PlanDocument;

describe('the body of a plan save', () => {
  it('an unedited approved plan keeps its status and approval', () => {
    expect(planSaveBody(approved, study, series, {}, false, '2026-12-06')).toMatchObject({ title: 'Board plan', status: 'approved', approvedBy: 'Dr A', approvedAt: '2026-01-01T00:00:00.000Z' });
  });
  it('an edit takes an approved plan back to draft and clears the approval', () => {
    expect(planSaveBody(approved, study, series, {}, true, '2026-12-06')).toMatchObject({ status: 'draft', approvedBy: null, approvedAt: null });
  });
  it('a new plan is a draft titled by the day, on the study and series', () => {
    expect(planSaveBody(undefined, study, series, { a: 1 }, true, '2026-12-06')).toEqual({
      title: 'Plan 2026-12-06',
      studyInstanceUID: '1.2.9',
      seriesInstanceUID: '1.2.9.1',
      frameOfReferenceUID: '1.2.9.2',
      status: 'draft',
      approvedBy: null,
      approvedAt: null,
      content: { a: 1 },
    });
  });
  it('the case a first plan creates links the study as its planning study', () => {
    expect(newCaseFor(study).linkedStudies).toEqual([{ studyInstanceUID: '1.2.9', source: 'embedded', role: 'planning', sourceDetail: '', description: 'Pelvis' }]);
  });
});

describe('leaving unsaved edits', () => {
  it('asks only when there are unsaved edits, and keeps them when the user says no', () => {
    const asked: string[] = [];
    const no = (q: string) => (asked.push(q), false);
    expect(mayDiscard({ revision: 3, savedRevision: 3 }, 'Open another series', no)).toBe(true);
    expect(asked).toEqual([]);
    expect(mayDiscard({ revision: 4, savedRevision: 3 }, 'Open another series', no)).toBe(false);
    expect(asked).toEqual(['The plan has unsaved changes. Open another series anyway and lose them?']);
    expect(mayDiscard({ revision: 4, savedRevision: 3 }, 'Leave this page', () => true)).toBe(true);
  });
});
