import { restoreCase, restorePlan, type CaseDocument, type PlanDocument, type Restored } from '../../records';
import type { Result } from '../../shared/result';
import { caseListEntry, planListEntry, type CaseListEntry, type PlanListEntry } from './caseSummary';
import type { CaseFilter, CaseSummary, UnreadableRow } from './recordsRepository';
import type { SqlExecutor } from './sqlClient';

/** The default page of the case list when no `limit` is given. */
export const DEFAULT_CASE_PAGE = 200;

/** One page of the case list. */
export interface CaseListing {
  /** The matching cases of the page that could be listed. */
  cases: CaseSummary[];
  /** Rows of the page (cases, or plans of listed cases) that do not restore. */
  problems: UnreadableRow[];
  /** How many cases match the filter across all pages (unreadable ones included). */
  total: number;
}

/** A row of the list: its stored summary, or (only when that is NULL) its document to restore. */
interface ListedRow {
  id: string;
  summary: unknown;
  document: unknown;
}

/**
 * The entry of each row: its summary column, or, for a row without one (written before the
 * summaries and not certain to match, or whose document was changed beside the repository), the
 * entry of its restored document, as the list always did; a row that does not restore becomes a
 * problem naming it and why. Read only: nothing is written back.
 */
function entriesOf<T, E>(rows: readonly ListedRow[], kind: UnreadableRow['kind'], restore: (raw: unknown) => Result<Restored<T>>, entry: (d: T) => E) {
  const good: E[] = [];
  const problems: UnreadableRow[] = [];
  for (const row of rows) {
    if (row.summary !== null && row.summary !== undefined) {
      good.push(row.summary as E);
      continue;
    }
    let r: Result<Restored<T>>;
    try {
      r = restore(row.document);
    } catch (e) {
      r = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (r.ok) good.push(entry(r.value.document));
    else problems.push({ kind, id: row.id, error: `stored ${kind} ${row.id} does not restore: ${r.error}` });
  }
  return { good, problems };
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the case list, newest change first, read from the summary columns: documents
 * (a plan's carries its encoded masks) are read only for rows that have no summary.
 */
export async function listCaseSummaries(db: SqlExecutor, f: CaseFilter): Promise<CaseListing> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.status?.length) where.push(`status = ANY(${param(f.status)}::text[])`);
  if (f.tumourType?.length) where.push(`tumour_type = ANY(${param(f.tumourType)}::text[])`);
  if (f.procedure?.length) where.push(`procedures && ${param(f.procedure)}::text[]`);
  if (f.study) where.push(`${param(f.study)} = ANY(study_uids)`);
  if ((f.archived ?? 'exclude') === 'exclude') where.push('archived_at IS NULL');
  if (f.archived === 'only') where.push('archived_at IS NOT NULL');
  if (f.q) {
    const p = param(`%${escapeLike(f.q)}%`);
    where.push(`(pseudonym ILIKE ${p} OR title ILIKE ${p})`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const offset = f.offset ?? 0;
  const countParams = [...params];
  // The page alone is read (the list index gives its LIMIT rows in order); the total is a
  // count of the filter, which reads no summary. (One query with count(*) OVER () would sort
  // every matching row's summary to keep 50.)
  const [rows, counted] = await Promise.all([
    db.query<ListedRow>(
      `SELECT id, summary, CASE WHEN summary IS NULL THEN document END AS document
         FROM cases ${filter} ORDER BY updated_at DESC, id LIMIT ${param(f.limit ?? DEFAULT_CASE_PAGE)} OFFSET ${param(offset)}`,
      params,
    ),
    db.query<{ n: string | number }>(`SELECT count(*) AS n FROM cases ${filter}`, countParams),
  ]);
  const total = Number(counted[0]?.n ?? 0);
  const listed = entriesOf<CaseDocument, CaseListEntry>(rows, 'case', restoreCase, caseListEntry);
  if (!listed.good.length) return { cases: [], problems: listed.problems, total };
  const planRows = await db.query<ListedRow & { case_id: string }>(
    `SELECT id, case_id, summary, CASE WHEN summary IS NULL THEN document END AS document
       FROM plans WHERE case_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [listed.good.map((c) => c.id)],
  );
  const byCase = new Map<string, PlanListEntry[]>();
  const problems = [...listed.problems];
  for (const row of planRows) {
    const plans = entriesOf<PlanDocument, PlanListEntry>([row], 'plan', restorePlan, planListEntry);
    problems.push(...plans.problems);
    for (const p of plans.good) {
      const list = byCase.get(row.case_id) ?? [];
      list.push(p);
      byCase.set(row.case_id, list);
    }
  }
  return { cases: listed.good.map((c) => ({ ...c, plans: byCase.get(c.id) ?? [] })), problems, total };
}
