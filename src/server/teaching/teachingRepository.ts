import { randomUUID } from 'node:crypto';
import { teachingCaseSchema, type TeachingCase } from '../../records';
import type { SqlClient, SqlExecutor } from '../records/sqlClient';
import type { NewTeachingCase, TeachingRepository, TeachingSecret } from './teachingParts';

interface Row {
  document: unknown;
}

const isoOf = (d: Date): string => d.toISOString();
// node-postgres gives json columns parsed; PGlite too, but a text value is tolerated as well.
const jsonOf = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** A stored row that no longer parses is a fault of the server, not of the request. */
function readDoc(id: string, r: Row): TeachingCase {
  const parsed = teachingCaseSchema.safeParse(jsonOf(r.document));
  if (!parsed.success) throw new Error(`stored teaching case ${id} does not restore`);
  return parsed.data;
}

async function writeCurrent(tx: SqlExecutor, doc: TeachingCase, changes: readonly string[]): Promise<void> {
  await tx.query(
    `UPDATE teaching_cases SET version = $2, status = $3, updated_at = $4, updated_by = $5, document = $6::json WHERE id = $1`,
    [doc.id, doc.version, doc.status, doc.updatedAt, doc.updatedBy, JSON.stringify(doc)],
  );
  await tx.query(
    'INSERT INTO teaching_case_versions (teaching_case_id, version, changed_at, changed_by, changes, document) VALUES ($1, $2, $3, $4, $5::json, $6::json)',
    [doc.id, doc.version, doc.updatedAt, doc.updatedBy, JSON.stringify(changes), JSON.stringify(doc)],
  );
}

/**
 * Teaching cases over the records database (PGlite or PostgreSQL), versioned like the other
 * documents: each accepted change raises the version and keeps a copy of the document in
 * `teaching_case_versions`. The salt and date shift live in their own columns, never in the
 * document, so nothing that answers a client can leak them.
 */
export function createTeachingRepository(db: SqlClient, newId: () => string = randomUUID, clock: () => Date = () => new Date()): TeachingRepository {
  const get = async (id: string): Promise<TeachingCase | undefined> => {
    const [row] = await db.query<Row>('SELECT document FROM teaching_cases WHERE id = $1', [id]);
    return row ? readDoc(id, row) : undefined;
  };
  return {
    get,

    async list() {
      const rows = await db.query<Row & { id: string }>('SELECT id::text AS id, document FROM teaching_cases ORDER BY created_at DESC, id');
      return rows.map((r) => readDoc(r.id, r));
    },

    async create(input: NewTeachingCase, secret: TeachingSecret, actor, id?: string) {
      const at = isoOf(clock());
      const doc = teachingCaseSchema.parse({ ...input, id: id ?? newId(), version: 1, createdAt: at, createdBy: actor.username, updatedAt: at, updatedBy: actor.username });
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO teaching_cases (id, version, status, source_case_id, salt, date_shift_days, created_at, created_by, updated_at, updated_by, document)
           VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $6, $7, $8::json)`,
          [doc.id, doc.status, doc.source?.caseId ?? null, secret.salt, secret.dateShiftDays, at, actor.username, JSON.stringify(doc)],
        );
        await tx.query(
          'INSERT INTO teaching_case_versions (teaching_case_id, version, changed_at, changed_by, changes, document) VALUES ($1, 1, $2, $3, $4::json, $5::json)',
          [doc.id, at, actor.username, JSON.stringify(['created']), JSON.stringify(doc)],
        );
      });
      return doc;
    },

    async patch(id, version, change, actor) {
      return db.transaction(async (tx) => {
        // FOR UPDATE: two saves on the same version cannot both pass the version check.
        const [row] = await tx.query<Row>('SELECT document FROM teaching_cases WHERE id = $1 FOR UPDATE', [id]);
        if (!row) return { ok: false, reason: 'not-found' } as const;
        const current = readDoc(id, row);
        if (current.version !== version) return { ok: false, reason: 'conflict', current } as const;
        const fieldKeys = Object.keys(change.fields ?? {});
        const next = teachingCaseSchema.parse({
          ...current,
          fields: { ...current.fields, ...change.fields },
          status: change.status ?? current.status,
          version: current.version + 1,
          updatedAt: isoOf(clock()),
          updatedBy: actor.username,
        });
        await writeCurrent(tx, next, [...fieldKeys.map((k) => `fields.${k}`), ...(change.status ? ['status'] : [])]);
        return { ok: true, value: next } as const;
      });
    },

    async setTeachingPacs(id, sent) {
      const current = await get(id);
      if (!current) return;
      const doc = { ...current, teachingPacs: sent };
      await db.query('UPDATE teaching_cases SET document = $2::json WHERE id = $1', [id, JSON.stringify(doc)]);
    },

    async secret(id) {
      const [row] = await db.query<{ salt: string; date_shift_days: number }>('SELECT salt, date_shift_days FROM teaching_cases WHERE id = $1', [id]);
      return row ? { salt: row.salt, dateShiftDays: row.date_shift_days } : undefined;
    },
  };
}
