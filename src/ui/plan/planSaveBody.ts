import type { CaseContent, PlanContent, PlanDocument } from '../../records';
import type { StudyListing } from '../../dicom/studyListing';
import type { PlanSeries } from '../../planning/plan/planContentIO';

/**
 * The plan as sent to the server. An approved or performed plan keeps its status and approval
 * while unchanged; an edit takes it back to draft (the server refuses to change what the board
 * approved under its approval).
 */
export function planSaveBody(current: PlanDocument | undefined, study: StudyListing, series: PlanSeries, content: PlanContent['content'], edited: boolean, today: string): PlanContent {
  const locked = current?.status === 'approved' || current?.status === 'performed';
  return {
    title: current?.title || `Plan ${today}`,
    studyInstanceUID: study.studyInstanceUID,
    seriesInstanceUID: series.seriesInstanceUID,
    frameOfReferenceUID: series.frameOfReferenceUID,
    status: edited && locked ? 'draft' : (current?.status ?? 'draft'),
    approvedBy: edited ? null : (current?.approvedBy ?? null),
    approvedAt: edited ? null : (current?.approvedAt ?? null),
    content,
  };
}

/** The case a first plan on a study creates when no case is linked to it. */
export function newCaseFor(study: StudyListing): Partial<CaseContent> {
  const source = study.source === 'dicomweb' ? 'dicomweb' : study.source === 'embedded' ? 'embedded' : 'other';
  return {
    title: `Plan on ${study.studyDescription ?? 'study'}`,
    patient: { pseudonym: 'Untitled case', pseudonymous: true, sex: 'unknown', ageYears: null, birthYear: null, identifiers: [] },
    linkedStudies: [{ studyInstanceUID: study.studyInstanceUID, source, role: 'planning', sourceDetail: '', description: study.studyDescription ?? '' }],
  };
}
