import { z } from 'zod';
import { documentId, documentVersion, isoDateTime, jsonEqual, restoreCase, restorePlan } from '../../records';

/** The identifier and version of the export file format. */
export const EXPORT_FORMAT = 'percuplan-records';
export const EXPORT_FORMAT_VERSION = 1;

const versionRowSchema = z.strictObject({
  version: documentVersion,
  action: z.enum(['create', 'update', 'archive', 'unarchive']),
  at: isoDateTime,
  by: z.string().min(1).max(200),
  changes: z.strictObject({ paths: z.array(z.string()), truncated: z.boolean() }),
  document: z.record(z.string(), z.unknown()),
});

/** One stored version with its history entry, as exported. */
export type VersionRow = z.infer<typeof versionRowSchema>;

const planExportSchema = z.strictObject({ id: documentId, versions: z.array(versionRowSchema).min(1) });

/**
 * The export file: every case with every version of itself and of its plans, so that an
 * import elsewhere reproduces the history, not just the current state.
 */
export const recordsExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: isoDateTime,
  cases: z.array(
    z.strictObject({
      id: documentId,
      versions: z.array(versionRowSchema).min(1),
      plans: z.array(planExportSchema),
    }),
  ),
});

/** An export file's content. */
export type RecordsExport = z.infer<typeof recordsExportSchema>;

const checkVersions = (
  label: string,
  id: string,
  versions: VersionRow[],
  restore: (raw: unknown) => { ok: boolean; error?: string; value?: { problems: { path: string; message: string }[] } },
  extra: (doc: Record<string, unknown>) => string | undefined,
): string[] => {
  const problems: string[] = [];
  versions.forEach((v, i) => {
    const where = `${label} ${id} version ${v.version}`;
    if (v.version !== i + 1) problems.push(`${where}: versions must run 1, 2, 3 … without gaps (found ${v.version} at position ${i + 1})`);
    if (v.document.id !== id) problems.push(`${where}: the document's id is ${JSON.stringify(v.document.id)}`);
    if (v.document.version !== v.version) problems.push(`${where}: the document says version ${JSON.stringify(v.document.version)}`);
    const extraProblem = extra(v.document);
    if (extraProblem) problems.push(`${where}: ${extraProblem}`);
    const r = restore(v.document);
    if (!r.ok) problems.push(`${where}: ${r.error}`);
    else for (const p of r.value?.problems ?? []) problems.push(`${where}: ${p.path}: ${p.message}`);
  });
  return problems;
};

/**
 * Checks an export for what would make the import lose or invent information: versions out
 * of sequence, documents that disagree with their row, duplicate ids, and documents that do
 * not pass the schemas (after migration). An empty list means it can be imported as is.
 */
export function exportProblems(data: RecordsExport): string[] {
  const problems: string[] = [];
  const caseIds = new Set<string>();
  const planIds = new Set<string>();
  for (const c of data.cases) {
    if (caseIds.has(c.id)) problems.push(`case ${c.id} appears twice`);
    caseIds.add(c.id);
    problems.push(...checkVersions('case', c.id, c.versions, restoreCase, () => undefined));
    for (const p of c.plans) {
      if (planIds.has(p.id)) problems.push(`plan ${p.id} appears twice`);
      planIds.add(p.id);
      problems.push(...checkVersions('plan', p.id, p.versions, restorePlan, (d) => (d.caseId === c.id ? undefined : `its caseId is not ${c.id}`)));
    }
  }
  return problems;
}

/** True when two exported histories are the same (an import of something already there). */
export const sameHistory = (a: VersionRow[], b: VersionRow[]): boolean => jsonEqual(a, b);
