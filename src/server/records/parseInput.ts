import type { z } from 'zod';
import { issuesOf, migrateDocument, type DocumentMigration } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';

/**
 * Validates a request body against a document schema. A body written for an older schema
 * version (it says so in `schemaVersion`) is migrated first, like a stored document; one from
 * a newer version is refused. Failing fields come back with their paths.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  body: unknown,
  what: string,
  migrations: { list: readonly DocumentMigration[]; current: number },
): Result<z.infer<S>, Reply> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return err(problem(400, 'invalid-json', `The body must be a JSON object (a ${what})`));
  }
  let input: unknown = body;
  const declared = (body as { schemaVersion?: unknown }).schemaVersion;
  if (typeof declared === 'number' && declared !== migrations.current) {
    const m = migrateDocument(body, migrations.list, migrations.current);
    if (!m.ok) return err(problem(400, 'invalid-fields', m.error, { issues: [{ path: 'schemaVersion', message: m.error }] }));
    input = m.value.doc;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    return err(problem(400, 'invalid-fields', `Invalid ${what}: ${issues.length} field${issues.length === 1 ? '' : 's'} to correct`, { issues }));
  }
  return ok(parsed.data);
}

/** Keeps only the given keys of an object (the editable content, without the envelope). */
export function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}
