import type { CaseStatus } from './caseStatus';
import type { ChangeSummary } from './changedPaths';
import type { PlanStatus } from './plan';
import type { Procedure } from './procedures';
import type { TumourType } from './tumourTypes';

/** One entry of a document's history: one accepted change, which made one version. */
export interface HistoryEntry {
  version: number;
  action: 'create' | 'update' | 'archive' | 'unarchive';
  at: string;
  by: string;
  changes: ChangeSummary;
}

/** A case as listed: what the case list and the worklist show, without the full record. */
export interface CaseSummary {
  id: string;
  version: number;
  status: CaseStatus;
  title: string;
  patient: { pseudonym: string; pseudonymous: boolean; sex: string; ageYears: number | null };
  tumour: { primary: TumourType | null; histology: string };
  decision: { outcome: string; procedures: Procedure[]; date: string | null };
  maximalPainSite: string;
  painOnWeightBearing: number | null;
  lesionCount: number;
  followUpCount: number;
  lastFollowUpDate: string | null;
  studyInstanceUIDs: string[];
  plans: { id: string; version: number; status: PlanStatus; title: string; seriesInstanceUID: string; archivedAt: string | null }[];
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  archivedAt: string | null;
}
