import { restoreCase, restorePlan, type ChangeSummary } from '../../records';
import { caseColumns, isoOf, planColumns, UPSERT_CASE, UPSERT_PLAN } from './documentColumns';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, exportProblems, sameHistory, type RecordsExport, type VersionRow } from './recordsExport';
import type { ImportOutcome } from './recordsRepository';
import type { SqlClient, SqlExecutor } from './sqlClient';

interface VersionDbRow {
  owner: string;
  version: number;
  action: VersionRow['action'];
  changed_at: unknown;
  changed_by: string;
  changes: ChangeSummary;
  document: Record<string, unknown>;
}

const toRow = (r: VersionDbRow): VersionRow => ({
  version: r.version,
  action: r.action,
  at: isoOf(r.changed_at),
  by: r.changed_by,
  changes: r.changes,
  document: r.document,
});

const group = (rows: VersionDbRow[]): Map<string, VersionRow[]> => {
  const out = new Map<string, VersionRow[]>();
  for (const r of rows) {
    const list = out.get(r.owner) ?? [];
    list.push(toRow(r));
    out.set(r.owner, list);
  }
  return out;
};

async function readAll(tx: SqlExecutor, caseIds?: string[]): Promise<RecordsExport['cases']> {
  const filter = caseIds ? 'WHERE c.id = ANY($1::uuid[])' : '';
  const params = caseIds ? [caseIds] : [];
  const cases = await tx.query<{ id: string }>(`SELECT c.id FROM cases c ${filter} ORDER BY c.created_at, c.id`, params);
  const caseVersions = group(
    await tx.query<VersionDbRow>(
      `SELECT v.case_id AS owner, v.version, v.action, v.changed_at, v.changed_by, v.changes, v.document
       FROM case_versions v JOIN cases c ON c.id = v.case_id ${filter} ORDER BY v.case_id, v.version`,
      params,
    ),
  );
  const plans = await tx.query<{ id: string; case_id: string }>(
    `SELECT p.id, p.case_id FROM plans p JOIN cases c ON c.id = p.case_id ${filter} ORDER BY p.created_at, p.id`,
    params,
  );
  const planVersions = group(
    await tx.query<VersionDbRow>(
      `SELECT v.plan_id AS owner, v.version, v.action, v.changed_at, v.changed_by, v.changes, v.document
       FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN cases c ON c.id = p.case_id ${filter} ORDER BY v.plan_id, v.version`,
      params,
    ),
  );
  return cases.map((c) => ({
    id: c.id,
    versions: caseVersions.get(c.id) ?? [],
    plans: plans.filter((p) => p.case_id === c.id).map((p) => ({ id: p.id, versions: planVersions.get(p.id) ?? [] })),
  }));
}

/**
 * Reads every case and plan with its whole history, in one snapshot (REPEATABLE READ), so
 * an export taken while the server saves is still consistent.
 */
export async function exportAll(db: SqlClient): Promise<RecordsExport> {
  const cases = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    return readAll(tx);
  });
  return { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, exportedAt: new Date().toISOString(), cases };
}

async function insertHistory(tx: SqlExecutor, kind: 'case' | 'plan', id: string, versions: VersionRow[]): Promise<void> {
  const last = versions.at(-1) as VersionRow;
  if (kind === 'case') {
    const r = restoreCase(last.document);
    if (!r.ok) throw new Error(r.error);
    await tx.query(UPSERT_CASE, [...caseColumns(r.value.document).slice(0, -1), JSON.stringify(last.document)]);
  } else {
    const r = restorePlan(last.document);
    if (!r.ok) throw new Error(r.error);
    await tx.query(UPSERT_PLAN, [...planColumns(r.value.document).slice(0, -1), JSON.stringify(last.document)]);
  }
  const table = kind === 'case' ? 'case_versions (case_id' : 'plan_versions (plan_id';
  for (const v of versions) {
    await tx.query(
      `INSERT INTO ${table}, version, action, changed_at, changed_by, changes, document) VALUES ($1, $2, $3, $4, $5, $6::json, $7::json)`,
      [id, v.version, v.action, v.at, v.by, JSON.stringify(v.changes), JSON.stringify(v.document)],
    );
  }
}

/**
 * Adds the cases and plans of an export, with their histories exactly as exported (documents
 * are stored as they were written; reading migrates them). All or nothing, in one
 * transaction. A case or plan that is already here with the same history is skipped, so an
 * import can be repeated; one that is here with a different history refuses the whole import
 * rather than merging two histories silently.
 */
export async function importAll(db: SqlClient, data: RecordsExport): Promise<ImportOutcome> {
  const problems = exportProblems(data);
  if (problems.length) return { kind: 'refused', problems };
  return db.transaction(async (tx): Promise<ImportOutcome> => {
    const existing = new Map((await readAll(tx, data.cases.map((c) => c.id))).map((c) => [c.id, c]));
    const existingPlans = new Map(
      (await tx.query<{ id: string; case_id: string }>('SELECT id, case_id FROM plans WHERE id = ANY($1::uuid[])', [
        data.cases.flatMap((c) => c.plans.map((p) => p.id)),
      ])).map((p) => [p.id, p.case_id]),
    );
    const refused: string[] = [];
    const counts = { cases: 0, plans: 0, versions: 0, skipped: 0 };
    for (const c of data.cases) {
      const here = existing.get(c.id);
      if (here && !sameHistory(here.versions, c.versions)) {
        refused.push(`case ${c.id} exists here with a different history`);
        continue;
      }
      if (here) counts.skipped++;
      else {
        await insertHistory(tx, 'case', c.id, c.versions);
        counts.cases++;
        counts.versions += c.versions.length;
      }
      for (const p of c.plans) {
        const owner = existingPlans.get(p.id);
        const herePlan = here?.plans.find((x) => x.id === p.id);
        if (owner !== undefined && (owner !== c.id || !herePlan || !sameHistory(herePlan.versions, p.versions))) {
          refused.push(`plan ${p.id} exists here with a different history`);
          continue;
        }
        if (herePlan) counts.skipped++;
        else {
          await insertHistory(tx, 'plan', p.id, p.versions);
          counts.plans++;
          counts.versions += p.versions.length;
        }
      }
    }
    if (refused.length) throw new ImportRefused(refused);
    return { kind: 'imported', ...counts };
  }).catch((e: unknown) => {
    if (e instanceof ImportRefused) return { kind: 'refused', problems: e.problems } as const;
    throw e;
  });
}

/** Thrown inside the import transaction to roll it back with the reasons. */
class ImportRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}
