import type {
  CaseContent,
  CaseDocument,
  CaseStatus,
  FieldIssue,
  PlanContent,
  PlanDocument,
  Procedure,
  Restored,
  TumourType,
} from '../../records';
import type { RecordsExport } from './recordsExport';
import type { CaseSummary, HistoryEntry } from '../../records';

export type { CaseSummary, HistoryEntry };

/** What a save or an archive came to. Only `saved` wrote a new version. */
export type Outcome<T> =
  | { kind: 'saved'; value: T }
  | { kind: 'unchanged'; value: T }
  | { kind: 'not-found'; message: string }
  | { kind: 'conflict'; message: string; current: T }
  | { kind: 'archived'; message: string }
  | { kind: 'invalid'; issues: FieldIssue[] };


/** Filters of the case list; every given filter must match. */
export interface CaseFilter {
  status?: CaseStatus[];
  procedure?: Procedure[];
  tumourType?: TumourType[];
  /** Cases linked to this StudyInstanceUID (for the worklist). */
  study?: string;
  /** Archived cases are left out unless asked for. */
  archived?: 'exclude' | 'include' | 'only';
  /** Text found in the pseudonym or the title, case-insensitively. */
  q?: string;
  limit?: number;
  offset?: number;
}

/**
 * A stored document that no longer restores (a corrupt or foreign row): a list names it, with
 * why, and goes on with the others; nothing ever rewrites it.
 */
export interface UnreadableRow {
  kind: 'case' | 'plan';
  id: string;
  error: string;
}

/** A plan as listed: everything but its content. */
export type PlanSummary = Omit<PlanDocument, 'content'>;


/** What an import did. */
export type ImportOutcome =
  | { kind: 'imported'; cases: number; plans: number; versions: number; skipped: number }
  | { kind: 'refused'; problems: string[] };

/**
 * Where case records and plans are kept. A case and its plans change in the same database
 * transactions; every accepted change makes a new version with a history entry; a save names
 * the version it was based on and is refused when that is not the current one; nothing is
 * ever deleted, only archived. Writes resolve only once committed durably.
 */
export interface RecordsRepository {
  readonly kind: 'pglite' | 'postgres';
  /**
   * One page of the matching cases (`limit`, default 200, from `offset`) that restore, the rows
   * of that page (cases, or plans of listed cases) that do not, and how many match in all.
   */
  listCases(filter: CaseFilter): Promise<{ cases: CaseSummary[]; problems: UnreadableRow[]; total: number }>;
  getCase(id: string): Promise<Restored<CaseDocument> | undefined>;
  createCase(content: CaseContent, actor: string): Promise<CaseDocument>;
  /**
   * Saves `content` over the case at `baseVersion`. `merge`, when given, turns the content into
   * what is stored from the row read (and locked) inside the save's transaction, so a caller
   * that needs the stored document does not read it a second time.
   */
  updateCase(id: string, baseVersion: number, content: CaseContent, actor: string, merge?: (current: CaseDocument) => CaseContent): Promise<Outcome<CaseDocument>>;
  /** Archives (or restores) a case, and its plans with it, in one transaction. */
  setCaseArchived(id: string, archived: boolean, baseVersion: number | undefined, actor: string): Promise<Outcome<CaseDocument>>;
  caseHistory(id: string): Promise<HistoryEntry[] | undefined>;
  caseVersion(id: string, version: number): Promise<Restored<CaseDocument> | undefined>;
  /** A case's plans that restore, and those that do not; undefined when there is no such case. */
  listPlans(caseId: string, withContent: boolean): Promise<{ plans: (PlanDocument | PlanSummary)[]; problems: UnreadableRow[] } | undefined>;
  getPlan(id: string): Promise<Restored<PlanDocument> | undefined>;
  createPlan(caseId: string, content: PlanContent, actor: string): Promise<Outcome<PlanDocument>>;
  updatePlan(id: string, baseVersion: number, content: PlanContent, actor: string): Promise<Outcome<PlanDocument>>;
  setPlanArchived(id: string, archived: boolean, baseVersion: number | undefined, actor: string): Promise<Outcome<PlanDocument>>;
  planHistory(id: string): Promise<HistoryEntry[] | undefined>;
  planVersion(id: string, version: number): Promise<Restored<PlanDocument> | undefined>;
  /** True when no case was ever stored. */
  isEmpty(): Promise<boolean>;
  /** Every case and plan with its whole history. */
  exportAll(): Promise<RecordsExport>;
  /** Adds an export's cases and plans, all or nothing (see importRecords). */
  importAll(data: RecordsExport): Promise<ImportOutcome>;
  close(): Promise<void>;
}
