import type { CaseDocument } from '../../records';
import type { CaseSummary } from './recordsRepository';

/** The list entry of a case, from its document and its plans' listing. */
export function summariseCase(d: CaseDocument, plans: CaseSummary['plans']): CaseSummary {
  const dates = d.followUps.map((f) => f.date).sort();
  return {
    id: d.id,
    version: d.version,
    status: d.status,
    title: d.title,
    patient: { pseudonym: d.patient.pseudonym, pseudonymous: d.patient.pseudonymous, sex: d.patient.sex, ageYears: d.patient.ageYears },
    tumour: { primary: d.tumour.primary, histology: d.tumour.histology },
    decision: { outcome: d.decision.outcome, procedures: d.decision.procedures, date: d.decision.date },
    maximalPainSite: d.pain.maximalPainSite,
    painOnWeightBearing: d.pain.onWeightBearing,
    lesionCount: d.lesions.length,
    followUpCount: d.followUps.length,
    lastFollowUpDate: dates.at(-1) ?? null,
    studyInstanceUIDs: d.linkedStudies.map((s) => s.studyInstanceUID),
    plans,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    archivedAt: d.archivedAt,
  };
}
