import { err, ok, type Result } from '../shared/result';

/** A plain JSON object, as documents are stored. */
export type JsonObject = Record<string, unknown>;

/**
 * One numbered step that lifts a stored document from schema version `from` to `from + 1`.
 * Steps never delete information the newer schema cannot express: they move it into `notes`
 * or a field of the new version.
 */
export interface DocumentMigration {
  from: number;
  describe: string;
  up(doc: JsonObject): JsonObject;
}

/** A document lifted to the current schema, with the steps that were applied. */
export interface Migrated {
  doc: JsonObject;
  fromVersion: number;
  applied: string[];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Applies the numbered migrations from a document's `schemaVersion` (0 when absent: a
 * hand-written or pre-versioning document) up to `target`. Refuses a document from a newer
 * schema rather than guessing, and never modifies its input.
 */
export function migrateDocument(raw: unknown, migrations: readonly DocumentMigration[], target: number): Result<Migrated> {
  if (!isObject(raw)) return err('The document is not a JSON object');
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return err(`schemaVersion must be a whole number, got ${JSON.stringify(version)}`);
  }
  if (version > target) {
    return err(`The document has schema version ${version}, newer than this PercuPlan reads (${target}); update PercuPlan`);
  }
  let doc = structuredClone(raw);
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return err(`No migration from schema version ${v}`);
    doc = { ...step.up(doc), schemaVersion: v + 1 };
    applied.push(`${v}→${v + 1}: ${step.describe}`);
  }
  return ok({ doc, fromVersion: version, applied });
}
