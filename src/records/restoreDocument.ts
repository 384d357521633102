import { z } from 'zod';
import { err, ok, type Result } from '../shared/result';
import { formatPath } from './fieldPath';
import { migrateDocument, type DocumentMigration, type JsonObject } from './migrateDocument';
import { issuesOf, type FieldIssue } from './validationIssues';

/** A document restored for display and editing, with what had to be left out of it. */
export interface Restored<T> {
  document: T;
  /** Parts that failed validation and were replaced by their defaults or dropped. */
  problems: FieldIssue[];
  /** Migration steps applied on the way (empty for a document of the current schema). */
  migrations: string[];
}

/** How to restore one kind of document. */
export interface RestoreRecipe {
  schema: z.ZodObject;
  migrations: readonly DocumentMigration[];
  target: number;
  /** Envelope fields: a document whose envelope is invalid cannot be restored at all. */
  required: readonly string[];
  /** Array sections whose items are restored one by one, keeping the good ones. */
  itemSchemas: Readonly<Record<string, z.ZodType>>;
  /** Replacement values for sections that have no default (e.g. a patient needs a pseudonym). */
  fallbacks: Readonly<JsonObject>;
}

/**
 * Loads a stored document defensively: migrates it to the current schema, then validates it.
 * When a section is invalid (hand-edited data, an import from a faulty tool, a bug), the rest
 * is kept: bad array items are dropped one by one, and other bad sections fall back to their
 * defaults, each reported as a problem. The stored version is never changed by this, so
 * nothing is lost: the original stays in the document's history.
 */
export function restoreDocument<T>(raw: unknown, recipe: RestoreRecipe): Result<Restored<T>> {
  const migrated = migrateDocument(raw, recipe.migrations, recipe.target);
  if (!migrated.ok) return migrated;
  const { doc, applied } = migrated.value;
  const whole = recipe.schema.safeParse(doc);
  if (whole.success) return ok({ document: whole.data as T, problems: [], migrations: applied });

  const problems: FieldIssue[] = [];
  const shape = recipe.schema.shape as Record<string, z.ZodType>;
  const rebuilt: JsonObject = {};
  for (const key of Object.keys(doc)) {
    if (!(key in shape)) problems.push({ path: formatPath([key]), message: 'Unknown field, left out' });
  }
  for (const [key, fieldSchema] of Object.entries(shape)) {
    const value = doc[key];
    const parsed = fieldSchema.safeParse(value);
    if (parsed.success) {
      rebuilt[key] = value;
      continue;
    }
    if (recipe.required.includes(key)) {
      return err(`The stored document cannot be read: ${issuesOf(parsed.error, [key]).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    }
    const itemSchema = recipe.itemSchemas[key];
    if (itemSchema && Array.isArray(value)) {
      rebuilt[key] = value.filter((item, i) => {
        const r = itemSchema.safeParse(item);
        if (!r.success) problems.push(...issuesOf(r.error, [key, i]).map((p) => ({ ...p, message: `${p.message} (item left out)` })));
        return r.success;
      });
      continue;
    }
    problems.push(...issuesOf(parsed.error, [key]).map((p) => ({ ...p, message: `${p.message} (section reset)` })));
    rebuilt[key] = fieldSchema.safeParse(undefined).success ? undefined : recipe.fallbacks[key];
  }
  const again = recipe.schema.safeParse(rebuilt);
  if (!again.success) {
    return err(`The stored document cannot be read: ${issuesOf(again.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  return ok({ document: again.data as T, problems, migrations: applied });
}
