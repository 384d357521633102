import { randomUUID } from 'node:crypto';
import {
  applyPlanRules,
  CASE_SCHEMA_VERSION,
  changedPaths,
  META_FIELDS,
  PLAN_SCHEMA_VERSION,
  restoreCase,
  restorePlan,
  type CaseContent,
  type CaseDocument,
  type ChangeSummary,
  type PlanContent,
  type PlanDocument,
  type Restored,
} from '../../records';
import type { Result } from '../../shared/result';
import { listCaseSummaries } from './caseListing';
import { caseColumns, isoOf, planColumns, UPSERT_CASE, UPSERT_PLAN } from './documentColumns';
import { exportAll, importAll } from './recordsTransfer';
import type { CaseFilter, HistoryEntry, Outcome, PlanSummary, RecordsRepository, UnreadableRow } from './recordsRepository';
import type { SqlClient, SqlExecutor } from './sqlClient';

type Action = HistoryEntry['action'];
const NO_CHANGES: ChangeSummary = { paths: [], truncated: false };

/** A stored document that fails even the defensive restore is a server-side fault, not bad input. */
function mustRestore<T>(r: Result<Restored<T>>, what: string): Restored<T> {
  if (!r.ok) throw new Error(`${what}: ${r.error}`);
  return r.value;
}

const readCase = (raw: unknown): CaseDocument => mustRestore(restoreCase(raw), 'stored case').document;
const readPlan = (raw: unknown): PlanDocument => mustRestore(restorePlan(raw), 'stored plan').document;

/**
 * Restores the rows of a list one by one: a row that does not restore (or whose restore throws)
 * becomes a problem naming its id and why, and the others are listed regardless. Read only.
 */
function restoreRows<T>(rows: readonly { id: string; document: unknown }[], kind: UnreadableRow['kind'], restore: (raw: unknown) => Result<Restored<T>>) {
  const good: T[] = [];
  const problems: UnreadableRow[] = [];
  for (const row of rows) {
    let r: Result<Restored<T>>;
    try {
      r = restore(row.document);
    } catch (e) {
      r = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (r.ok) good.push(r.value.document);
    else problems.push({ kind, id: row.id, error: `stored ${kind} ${row.id} does not restore: ${r.error}` });
  }
  return { good, problems };
}

// The current row and the version row hold the same text: the document is serialised once, and
// sent once, as both rows are written by one statement (one round trip less per save): the
// version row reuses the current row's parameters ($1 id, $2 version, $11 updated_at,
// $12 updated_by, $15 document).
const WRITE_CASE = `WITH current_row AS (${UPSERT_CASE})
  INSERT INTO case_versions (case_id, version, action, changed_at, changed_by, changes, document)
  VALUES ($1, $2, $16, $11, $12, $17::json, $15::json)`;

async function writeCase(tx: SqlExecutor, doc: CaseDocument, action: Action, changes: ChangeSummary): Promise<void> {
  await tx.query(WRITE_CASE, [...caseColumns(doc), action, JSON.stringify(changes)]);
}

async function writePlan(tx: SqlExecutor, doc: PlanDocument, action: Action, changes: ChangeSummary): Promise<void> {
  const columns = planColumns(doc);
  await tx.query(UPSERT_PLAN, columns);
  await tx.query(
    'INSERT INTO plan_versions (plan_id, version, action, changed_at, changed_by, changes, document) VALUES ($1, $2, $3, $4, $5, $6::json, $7::json)',
    [doc.id, doc.version, action, doc.updatedAt, doc.updatedBy, JSON.stringify(changes), columns.at(-1)],
  );
}

async function history(db: SqlExecutor, table: 'case_versions' | 'plan_versions', key: 'case_id' | 'plan_id', id: string): Promise<HistoryEntry[]> {
  const rows = await db.query<{ version: number; action: Action; changed_at: unknown; changed_by: string; changes: ChangeSummary }>(
    `SELECT version, action, changed_at, changed_by, changes FROM ${table} WHERE ${key} = $1 ORDER BY version`,
    [id],
  );
  return rows.map((r) => ({ version: r.version, action: r.action, at: isoOf(r.changed_at), by: r.changed_by, changes: r.changes }));
}

/** The next version of a document: the envelope moved on, the content replaced. */
function nextVersion<T extends { version: number }>(current: T, content: object, actor: string, now: string, extra: object = {}): T {
  return { ...current, ...content, ...extra, version: current.version + 1, updatedAt: now, updatedBy: actor };
}

/**
 * The repository over SQL shared by PGlite and PostgreSQL. Each write runs in one transaction
 * that locks the rows it reads (`FOR UPDATE`, case before plan everywhere, so two writers
 * cannot deadlock), compares the base version, and writes the new current row and its version
 * row together.
 */
export function createSqlRecordsRepository(db: SqlClient, newId: () => string = randomUUID): RecordsRepository {
  const now = (): string => new Date().toISOString();

  const lockCase = async (tx: SqlExecutor, id: string, mode: 'UPDATE' | 'SHARE'): Promise<CaseDocument | undefined> => {
    const [row] = await tx.query<{ document: unknown }>(`SELECT document FROM cases WHERE id = $1 FOR ${mode}`, [id]);
    return row ? readCase(row.document) : undefined;
  };
  const lockPlan = async (tx: SqlExecutor, id: string): Promise<PlanDocument | undefined> => {
    const [row] = await tx.query<{ document: unknown }>('SELECT document FROM plans WHERE id = $1 FOR UPDATE', [id]);
    return row ? readPlan(row.document) : undefined;
  };
  const caseIdOfPlan = async (id: string): Promise<string | undefined> =>
    (await db.query<{ case_id: string }>('SELECT case_id FROM plans WHERE id = $1', [id]))[0]?.case_id;

  /** Runs `fn` in a transaction holding the plan's case (shared) and the plan (for update), in that order; not-found when either is gone. */
  const withLockedPlan = async (
    id: string,
    fn: (tx: SqlExecutor, current: PlanDocument, owner: CaseDocument, caseId: string) => Promise<Outcome<PlanDocument>>,
  ): Promise<Outcome<PlanDocument>> => {
    const caseId = await caseIdOfPlan(id);
    if (!caseId) return { kind: 'not-found', message: `No plan ${id}` };
    return db.transaction(async (tx): Promise<Outcome<PlanDocument>> => {
      const owner = await lockCase(tx, caseId, 'SHARE');
      const current = await lockPlan(tx, id);
      if (!owner || !current) return { kind: 'not-found', message: `No plan ${id}` };
      return fn(tx, current, owner, caseId);
    });
  };

  const setPlanArchivedIn = async (tx: SqlExecutor, plan: PlanDocument, archivedAt: string | null, actor: string, at: string): Promise<PlanDocument> => {
    const next = nextVersion(plan, {}, actor, at, { archivedAt, archivedBy: archivedAt ? actor : null });
    await writePlan(tx, next, archivedAt ? 'archive' : 'unarchive', { paths: ['archivedAt', 'archivedBy'], truncated: false });
    return next;
  };

  const repo: RecordsRepository = {
    kind: db.kind,

    listCases: (f: CaseFilter) => listCaseSummaries(db, f),

    async getCase(id) {
      const [row] = await db.query<{ document: unknown }>('SELECT document FROM cases WHERE id = $1', [id]);
      return row ? mustRestore(restoreCase(row.document), `case ${id}`) : undefined;
    },

    async createCase(content: CaseContent, actor: string) {
      const at = now();
      const doc: CaseDocument = {
        ...content,
        id: newId(),
        version: 1,
        schemaVersion: CASE_SCHEMA_VERSION,
        createdAt: at,
        createdBy: actor,
        updatedAt: at,
        updatedBy: actor,
        archivedAt: null,
        archivedBy: null,
      };
      await db.transaction((tx) => writeCase(tx, doc, 'create', NO_CHANGES));
      return doc;
    },

    updateCase(id, baseVersion, content, actor, merge) {
      return db.transaction(async (tx): Promise<Outcome<CaseDocument>> => {
        const current = await lockCase(tx, id, 'UPDATE');
        if (!current) return { kind: 'not-found', message: `No case ${id}` };
        if (current.version !== baseVersion) {
          return { kind: 'conflict', message: `Case ${id} is at version ${current.version}; this save was based on version ${baseVersion}`, current };
        }
        if (current.archivedAt) return { kind: 'archived', message: `Case ${id} is archived; restore it before editing` };
        const candidate = { ...current, ...(merge ? merge(current) : content), schemaVersion: CASE_SCHEMA_VERSION };
        const changes = changedPaths(current, candidate, { ignore: META_FIELDS });
        if (!changes.paths.length) return { kind: 'unchanged', value: current };
        const next = nextVersion(candidate, {}, actor, now());
        await writeCase(tx, next, 'update', changes);
        return { kind: 'saved', value: next };
      });
    },

    setCaseArchived(id, archived, baseVersion, actor) {
      return db.transaction(async (tx): Promise<Outcome<CaseDocument>> => {
        const current = await lockCase(tx, id, 'UPDATE');
        if (!current) return { kind: 'not-found', message: `No case ${id}` };
        if (baseVersion !== undefined && current.version !== baseVersion) {
          return { kind: 'conflict', message: `Case ${id} is at version ${current.version}; this request was based on version ${baseVersion}`, current };
        }
        if ((current.archivedAt !== null) === archived) return { kind: 'unchanged', value: current };
        const at = now();
        const next = nextVersion(current, {}, actor, at, { archivedAt: archived ? at : null, archivedBy: archived ? actor : null });
        await writeCase(tx, next, archived ? 'archive' : 'unarchive', { paths: ['archivedAt', 'archivedBy'], truncated: false });
        // Plans go with their case; restoring the case restores only the plans archived with it.
        const rows = await tx.query<{ document: unknown }>('SELECT document FROM plans WHERE case_id = $1 ORDER BY id FOR UPDATE', [id]);
        for (const plan of rows.map((r) => readPlan(r.document))) {
          if (archived && plan.archivedAt === null) await setPlanArchivedIn(tx, plan, at, actor, at);
          if (!archived && plan.archivedAt !== null && plan.archivedAt === current.archivedAt) await setPlanArchivedIn(tx, plan, null, actor, at);
        }
        return { kind: 'saved', value: next };
      });
    },

    async caseHistory(id) {
      const entries = await history(db, 'case_versions', 'case_id', id);
      return entries.length ? entries : undefined;
    },

    async caseVersion(id, version) {
      const [row] = await db.query<{ document: unknown }>('SELECT document FROM case_versions WHERE case_id = $1 AND version = $2', [id, version]);
      return row ? mustRestore(restoreCase(row.document), `case ${id} version ${version}`) : undefined;
    },

    async listPlans(caseId, withContent) {
      const exists = await db.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
      if (!exists.length) return undefined;
      const rows = await db.query<{ id: string; document: unknown }>('SELECT id, document FROM plans WHERE case_id = $1 ORDER BY created_at, id', [caseId]);
      const { good, problems } = restoreRows(rows, 'plan', restorePlan);
      const plans = good.map((plan) => {
        if (withContent) return plan;
        const { content: _content, ...summary } = plan;
        return summary satisfies PlanSummary;
      });
      return { plans, problems };
    },

    async getPlan(id) {
      const [row] = await db.query<{ document: unknown }>('SELECT document FROM plans WHERE id = $1', [id]);
      return row ? mustRestore(restorePlan(row.document), `plan ${id}`) : undefined;
    },

    createPlan(caseId, content: PlanContent, actor) {
      return db.transaction(async (tx): Promise<Outcome<PlanDocument>> => {
        const owner = await lockCase(tx, caseId, 'SHARE');
        if (!owner) return { kind: 'not-found', message: `No case ${caseId}` };
        if (owner.archivedAt) return { kind: 'archived', message: `Case ${caseId} is archived; restore it before adding plans` };
        const at = now();
        const ruled = applyPlanRules(undefined, content, actor, at);
        if (!ruled.ok) return { kind: 'invalid', issues: ruled.error };
        const doc: PlanDocument = {
          ...ruled.value,
          id: newId(),
          caseId,
          version: 1,
          schemaVersion: PLAN_SCHEMA_VERSION,
          createdAt: at,
          createdBy: actor,
          updatedAt: at,
          updatedBy: actor,
          archivedAt: null,
          archivedBy: null,
        };
        await writePlan(tx, doc, 'create', NO_CHANGES);
        return { kind: 'saved', value: doc };
      });
    },

    async updatePlan(id, baseVersion, content, actor) {
      return withLockedPlan(id, async (tx, current) => {
        if (current.version !== baseVersion) {
          return { kind: 'conflict', message: `Plan ${id} is at version ${current.version}; this save was based on version ${baseVersion}`, current };
        }
        if (current.archivedAt) return { kind: 'archived', message: `Plan ${id} is archived; restore it before editing` };
        const at = now();
        const ruled = applyPlanRules(current, content, actor, at);
        if (!ruled.ok) return { kind: 'invalid', issues: ruled.error };
        const candidate = { ...current, ...ruled.value, schemaVersion: PLAN_SCHEMA_VERSION };
        const changes = changedPaths(current, candidate, { ignore: [...META_FIELDS, 'caseId'] });
        if (!changes.paths.length) return { kind: 'unchanged', value: current };
        const next = nextVersion(candidate, {}, actor, at);
        await writePlan(tx, next, 'update', changes);
        return { kind: 'saved', value: next };
      });
    },

    async setPlanArchived(id, archived, baseVersion, actor) {
      return withLockedPlan(id, async (tx, current, owner, caseId) => {
        if (baseVersion !== undefined && current.version !== baseVersion) {
          return { kind: 'conflict', message: `Plan ${id} is at version ${current.version}; this request was based on version ${baseVersion}`, current };
        }
        if (!archived && owner.archivedAt) return { kind: 'archived', message: `Case ${caseId} is archived; restore the case first` };
        if ((current.archivedAt !== null) === archived) return { kind: 'unchanged', value: current };
        const at = now();
        return { kind: 'saved', value: await setPlanArchivedIn(tx, current, archived ? at : null, actor, at) };
      });
    },

    async planHistory(id) {
      const entries = await history(db, 'plan_versions', 'plan_id', id);
      return entries.length ? entries : undefined;
    },

    async planVersion(id, version) {
      const [row] = await db.query<{ document: unknown }>('SELECT document FROM plan_versions WHERE plan_id = $1 AND version = $2', [id, version]);
      return row ? mustRestore(restorePlan(row.document), `plan ${id} version ${version}`) : undefined;
    },

    async isEmpty() {
      return (await db.query('SELECT 1 FROM cases LIMIT 1')).length === 0;
    },

    exportAll: () => exportAll(db),
    importAll: (data) => importAll(db, data),
    close: () => db.close(),
  };
  return repo;
}
