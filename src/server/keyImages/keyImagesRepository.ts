import { randomUUID } from 'node:crypto';
import {
  keyImageViewStateSchema,
  referencedInstanceSchema,
  type KeyImage,
  type KeyImagePurpose,
  type KeyImageViewState,
  type ReferencedInstance,
} from '../../records';
import type { SqlClient } from '../records/sqlClient';

/** What the server stores for a new key image (already checked: the PNG decodes, its size is known). */
export interface NewKeyImage {
  caseId: string;
  caption: string;
  purpose: KeyImagePurpose;
  view: KeyImageViewState;
  references: ReferencedInstance[];
  png: Uint8Array;
  width: number;
  height: number;
}

/** Key images of cases: saved views with their PNG; removing one only marks it. */
export interface KeyImagesRepository {
  /** Whether the case exists. */
  caseExists(caseId: string): Promise<boolean>;
  create(input: NewKeyImage, actor: string): Promise<KeyImage>;
  /** The case's key images not removed, oldest first. */
  list(caseId: string): Promise<KeyImage[]>;
  /** One key image not removed, or undefined. */
  get(id: string): Promise<KeyImage | undefined>;
  /** Its PNG exactly as uploaded, or undefined (unknown or removed). */
  png(id: string): Promise<Uint8Array | undefined>;
  /** Changes caption or purpose; undefined when unknown or removed. */
  patch(id: string, patch: { caption?: string; purpose?: KeyImagePurpose }): Promise<KeyImage | undefined>;
  /** Marks it removed; false when unknown or already removed. */
  remove(id: string, actor: string): Promise<boolean>;
}

interface Row {
  id: string;
  case_id: string;
  caption: string;
  purpose: KeyImagePurpose;
  view: unknown;
  refs: unknown;
  width: number;
  height: number;
  created_at: unknown;
  created_by: string;
}

const COLUMNS = 'id::text AS id, case_id::text AS case_id, caption, purpose, view, refs, width, height, created_at, created_by';
const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
// node-postgres gives json columns parsed; PGlite too, but a text value is tolerated as well.
const jsonOf = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** A stored row that no longer parses is a fault of the server, not of the request. */
function readRow(r: Row): KeyImage {
  const view = keyImageViewStateSchema.safeParse(jsonOf(r.view));
  const refs = referencedInstanceSchema.array().safeParse(jsonOf(r.refs));
  if (!view.success || !refs.success) throw new Error(`stored key image ${r.id} does not restore`);
  return {
    id: r.id,
    caseId: r.case_id,
    caption: r.caption,
    purpose: r.purpose,
    view: view.data,
    references: refs.data,
    width: r.width,
    height: r.height,
    createdAt: isoOf(r.created_at),
    createdBy: r.created_by,
    pngUrl: `/api/key-images/${r.id}/png`,
  };
}

/** The repository over the records database (PGlite or PostgreSQL). */
export function createKeyImagesRepository(db: SqlClient, newId: () => string = randomUUID, clock: () => Date = () => new Date()): KeyImagesRepository {
  const get = async (id: string): Promise<KeyImage | undefined> => {
    const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM key_images WHERE id = $1 AND removed_at IS NULL`, [id]);
    return row ? readRow(row) : undefined;
  };
  return {
    async caseExists(caseId) {
      return (await db.query('SELECT 1 FROM cases WHERE id = $1', [caseId])).length > 0;
    },

    async create(input, actor) {
      const id = newId();
      await db.query(
        `INSERT INTO key_images (id, case_id, caption, purpose, view, refs, png, width, height, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5::json, $6::json, $7, $8, $9, $10, $11)`,
        [id, input.caseId, input.caption, input.purpose, JSON.stringify(input.view), JSON.stringify(input.references), Buffer.from(input.png), input.width, input.height, clock().toISOString(), actor],
      );
      const stored = await get(id);
      if (!stored) throw new Error(`key image ${id} was not stored`);
      return stored;
    },

    async list(caseId) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM key_images WHERE case_id = $1 AND removed_at IS NULL ORDER BY created_at, id`, [caseId]);
      return rows.map(readRow);
    },

    get,

    async png(id) {
      const [row] = await db.query<{ png: Uint8Array }>('SELECT png FROM key_images WHERE id = $1 AND removed_at IS NULL', [id]);
      return row ? new Uint8Array(row.png) : undefined;
    },

    async patch(id, patch) {
      // COALESCE keeps what the patch leaves out; a removed key image is not changed.
      const rows = await db.query<{ id: string }>(
        'UPDATE key_images SET caption = COALESCE($2, caption), purpose = COALESCE($3, purpose) WHERE id = $1 AND removed_at IS NULL RETURNING id::text AS id',
        [id, patch.caption ?? null, patch.purpose ?? null],
      );
      return rows.length ? get(id) : undefined;
    },

    async remove(id, actor) {
      const rows = await db.query<{ id: string }>('UPDATE key_images SET removed_at = $2, removed_by = $3 WHERE id = $1 AND removed_at IS NULL RETURNING id::text AS id', [
        id,
        clock().toISOString(),
        actor,
      ]);
      return rows.length > 0;
    },
  };
}
