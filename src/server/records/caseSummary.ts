import type { CaseDocument, PlanDocument } from '../../records';
import type { CaseSummary } from './recordsRepository';

/** A case's list entry without its plans: what `cases.summary` stores, written with every version. */
export type CaseListEntry = Omit<CaseSummary, 'plans'>;

/** A plan's entry in its case's list entry: what `plans.summary` stores. */
export type PlanListEntry = CaseSummary['plans'][number];

/** The list entry of a case, without its plans. */
export function caseListEntry(d: CaseDocument): CaseListEntry {
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
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    archivedAt: d.archivedAt,
  };
}

/** The entry of a plan in its case's list entry. */
export const planListEntry = (p: PlanDocument): PlanListEntry => ({
  id: p.id,
  version: p.version,
  status: p.status,
  title: p.title,
  seriesInstanceUID: p.seriesInstanceUID,
  archivedAt: p.archivedAt,
});

/** The list entry of a case, from its document and its plans' entries. */
export function summariseCase(d: CaseDocument, plans: CaseSummary['plans']): CaseSummary {
  return { ...caseListEntry(d), plans };
}
