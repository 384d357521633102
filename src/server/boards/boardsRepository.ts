import { randomUUID } from 'node:crypto';
import {
  addDays,
  BOARD_SCHEMA_VERSION,
  boardDocumentSchema,
  changedPaths,
  META_FIELDS,
  summariseBoard,
  type BoardContent,
  type BoardDocument,
  type BoardItem,
  type BoardSummary,
  type ChangeSummary,
  type BoardHistoryEntry,
} from '../../records';
import type { Outcome } from '../records/recordsRepository';
import type { SqlClient, SqlExecutor } from '../records/sqlClient';
import { createBoardComments, type BoardCommentsStore } from './boardComments';
import { itemsAsStored, stopRunning, withoutMeetingRecord } from './itemRecord';

type Action = BoardHistoryEntry['action'];
const NO_CHANGES: ChangeSummary = { paths: [], truncated: false };

/** What closing a meeting did: the closed meeting, and the next one the undiscussed cases went to. */
export interface CloseResult {
  closed: BoardDocument;
  next: BoardDocument | null;
  /** The case ids carried over, in agenda order. */
  moved: string[];
}

/** What a change made by the server itself (a decision, a discussion start) sees: the time and a fresh id. */
export interface ChangeContext {
  at: string;
  newId(): string;
}

/** What {@link BoardsRepository.change} came to: the refusal the change gave is passed through. */
export type ChangeOutcome<R> =
  | { kind: 'saved' | 'unchanged'; value: BoardDocument }
  | { kind: 'not-found'; message: string }
  | { kind: 'refused'; refused: R };

/** A decision still waiting for its follow-through, with the meeting that made it. */
export interface OpenBoardDecision {
  board: Pick<BoardDocument, 'id' | 'title' | 'date'>;
  item: BoardItem;
}

/**
 * Tumour board meetings, versioned like cases (every accepted change is a new version row), and
 * the comments made on their cases.
 */
export interface BoardsRepository extends BoardCommentsStore {
  list(page: { limit: number; offset: number }): Promise<{ boards: BoardSummary[]; total: number }>;
  get(id: string): Promise<BoardDocument | undefined>;
  create(content: BoardContent, actor: string): Promise<BoardDocument>;
  update(id: string, baseVersion: number, content: BoardContent, actor: string): Promise<Outcome<BoardDocument>>;
  /** Closes a meeting and moves every item not discussed to the next meeting of the same board. */
  close(id: string, baseVersion: number | undefined, actor: string): Promise<Outcome<CloseResult>>;
  history(id: string): Promise<BoardHistoryEntry[] | undefined>;
  /** The ids among `ids` that name no case. */
  missingCases(ids: readonly string[]): Promise<string[]>;
  /**
   * A change the server makes on the stored meeting (no base version: it is applied to whatever
   * is current, under the row lock): `apply` answers the new content, the same content
   * (unchanged, no new version) or a refusal.
   */
  change<R>(id: string, actor: string, apply: (current: BoardDocument, ctx: ChangeContext) => { content: BoardContent } | { refused: R }): Promise<ChangeOutcome<R>>;
  /** Every recorded decision without a follow-through, oldest meeting first, in agenda order. */
  openDecisions(): Promise<OpenBoardDecision[]>;
}

/** A stored row that no longer parses is a fault of the server, not of the request. */
function readBoard(raw: unknown): BoardDocument {
  const parsed = boardDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`stored board does not restore: ${parsed.error.message}`);
  return parsed.data;
}

async function writeBoard(tx: SqlExecutor, doc: BoardDocument, action: Action, changes: ChangeSummary): Promise<void> {
  await tx.query(
    `INSERT INTO boards (id, version, title, meeting_date, status, created_at, created_by, updated_at, updated_by, document)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, title = EXCLUDED.title, meeting_date = EXCLUDED.meeting_date,
       status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, document = EXCLUDED.document`,
    [doc.id, doc.version, doc.title, doc.date, doc.status, doc.createdAt, doc.createdBy, doc.updatedAt, doc.updatedBy, JSON.stringify(doc)],
  );
  await tx.query(
    'INSERT INTO board_versions (board_id, version, action, changed_at, changed_by, changes, document) VALUES ($1, $2, $3, $4, $5, $6::json, $7::json)',
    [doc.id, doc.version, action, doc.updatedAt, doc.updatedBy, JSON.stringify(changes), JSON.stringify(doc)],
  );
}

const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** The repository over the records database (PGlite or PostgreSQL). */
export function createBoardsRepository(db: SqlClient, newId: () => string = randomUUID, clock: () => Date = () => new Date()): BoardsRepository {
  const now = (): string => clock().toISOString();
  const fresh = (content: BoardContent, actor: string, at: string): BoardDocument => ({
    ...content,
    id: newId(),
    version: 1,
    schemaVersion: BOARD_SCHEMA_VERSION,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
    archivedAt: null,
    archivedBy: null,
  });
  const next = (current: BoardDocument, content: BoardContent, actor: string, at: string): BoardDocument => ({
    ...current,
    ...content,
    schemaVersion: BOARD_SCHEMA_VERSION,
    version: current.version + 1,
    updatedAt: at,
    updatedBy: actor,
  });
  const lock = async (tx: SqlExecutor, id: string): Promise<BoardDocument | undefined> => {
    const [row] = await tx.query<{ document: unknown }>('SELECT document FROM boards WHERE id = $1 FOR UPDATE', [id]);
    return row ? readBoard(row.document) : undefined;
  };
  const conflictMessage = (id: string, current: BoardDocument, base: number): string =>
    `Board meeting ${id} is at version ${current.version}; this save was based on version ${base}`;

  return {
    ...createBoardComments(db, newId, clock),

    async list({ limit, offset }) {
      const rows = await db.query<{ document: unknown }>('SELECT document FROM boards ORDER BY meeting_date DESC, created_at DESC, id LIMIT $1 OFFSET $2', [
        limit,
        offset,
      ]);
      const [count] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM boards');
      return { boards: rows.map((r) => summariseBoard(readBoard(r.document))), total: Number(count?.n ?? 0) };
    },

    async get(id) {
      const [row] = await db.query<{ document: unknown }>('SELECT document FROM boards WHERE id = $1', [id]);
      return row ? readBoard(row.document) : undefined;
    },

    async create(content, actor) {
      const doc = fresh({ ...content, items: content.items.map(withoutMeetingRecord) }, actor, now());
      await db.transaction((tx) => writeBoard(tx, doc, 'create', NO_CHANGES));
      return doc;
    },

    update(id, baseVersion, content, actor) {
      return db.transaction(async (tx): Promise<Outcome<BoardDocument>> => {
        const current = await lock(tx, id);
        if (!current) return { kind: 'not-found', message: `No board meeting ${id}` };
        if (current.version !== baseVersion) return { kind: 'conflict', message: conflictMessage(id, current, baseVersion), current };
        // Decisions and discussion times are written by their own routes only: a save keeps the stored ones.
        const kept = { ...content, items: itemsAsStored(content.items, current.items) };
        const candidate = { ...current, ...kept };
        const changes = changedPaths(current, candidate, { ignore: META_FIELDS });
        if (!changes.paths.length) return { kind: 'unchanged', value: current };
        const doc = next(current, kept, actor, now());
        await writeBoard(tx, doc, 'update', changes);
        return { kind: 'saved', value: doc };
      });
    },

    close(id, baseVersion, actor) {
      return db.transaction(async (tx): Promise<Outcome<CloseResult>> => {
        const current = await lock(tx, id);
        if (!current) return { kind: 'not-found', message: `No board meeting ${id}` };
        if (baseVersion !== undefined && current.version !== baseVersion) {
          return { kind: 'conflict', message: conflictMessage(id, current, baseVersion), current: { closed: current, next: null, moved: [] } };
        }
        if (current.status === 'closed') return { kind: 'unchanged', value: { closed: current, next: null, moved: [] } };
        const at = now();
        const moving = current.items.filter((i) => i.status !== 'discussed');
        // The closed meeting keeps its whole agenda as it was held (deferred items stay visible there);
        // a discussion still running ends with the meeting.
        const closed = next(current, { ...boardContentOf(current), status: 'closed', items: current.items.map((i) => stopRunning(i, at)) }, actor, at);
        await writeBoard(tx, closed, 'close', { paths: ['status'], truncated: false });
        if (!moving.length) return { kind: 'saved', value: { closed, next: null, moved: [] } };
        // The next meeting of the same board: the first one with the same title after this date.
        const [row] = await tx.query<{ document: unknown }>(
          'SELECT document FROM boards WHERE title = $1 AND meeting_date > $2 AND id <> $3 ORDER BY meeting_date, created_at, id LIMIT 1 FOR UPDATE',
          [current.title, current.date, id],
        );
        // A carried case is discussed afresh: no discussion times, no decision (those stay with this meeting).
        const carried: BoardItem[] = moving.map((i) => ({ ...withoutMeetingRecord(i), status: 'pending' }));
        let target: BoardDocument;
        if (row) {
          const found = readBoard(row.document);
          const already = new Set(found.items.map((i) => i.caseId));
          const added = carried.filter((i) => !already.has(i.caseId));
          target = next(found, { ...boardContentOf(found), items: [...found.items, ...added] }, actor, at);
          await writeBoard(tx, target, 'carry-over', { paths: ['items'], truncated: false });
        } else {
          target = fresh({ title: current.title, date: addDays(current.date, 7), status: 'open', attendees: current.attendees.map((a) => ({ ...a, present: false })), items: carried }, actor, at);
          await writeBoard(tx, target, 'carry-over', NO_CHANGES);
        }
        return { kind: 'saved', value: { closed, next: target, moved: moving.map((i) => i.caseId) } };
      });
    },

    async history(id) {
      const rows = await db.query<{ version: number; action: Action; changed_at: unknown; changed_by: string; changes: ChangeSummary }>(
        'SELECT version, action, changed_at, changed_by, changes FROM board_versions WHERE board_id = $1 ORDER BY version',
        [id],
      );
      return rows.length ? rows.map((r) => ({ version: r.version, action: r.action, at: isoOf(r.changed_at), by: r.changed_by, changes: r.changes })) : undefined;
    },

    change(id, actor, apply) {
      return db.transaction(async (tx) => {
        const current = await lock(tx, id);
        if (!current) return { kind: 'not-found', message: `No board meeting ${id}` };
        const at = now();
        const result = apply(current, { at, newId });
        if ('refused' in result) return { kind: 'refused', refused: result.refused };
        const changes = changedPaths(current, { ...current, ...result.content }, { ignore: META_FIELDS });
        if (!changes.paths.length) return { kind: 'unchanged', value: current };
        const doc = next(current, result.content, actor, at);
        await writeBoard(tx, doc, 'update', changes);
        return { kind: 'saved', value: doc };
      });
    },

    async openDecisions() {
      // Few meetings hold open decisions; the text test only narrows the rows read, the parse decides.
      const rows = await db.query<{ document: unknown }>(
        `SELECT document FROM boards WHERE document::text LIKE '%"followThrough":null%' ORDER BY meeting_date, created_at, id`,
      );
      return rows.flatMap((r) => {
        const board = readBoard(r.document);
        return board.items.filter((i) => i.decision && i.decision.followThrough === null).map((item) => ({ board: { id: board.id, title: board.title, date: board.date }, item }));
      });
    },

    async missingCases(ids) {
      if (!ids.length) return [];
      const rows = await db.query<{ id: string }>('SELECT id::text AS id FROM cases WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
      const found = new Set(rows.map((r) => r.id.toLowerCase()));
      return ids.filter((i) => !found.has(i.toLowerCase()));
    },
  };
}

/** The content of a stored meeting, without its envelope. */
export function boardContentOf(d: BoardDocument): BoardContent {
  return { title: d.title, date: d.date, status: d.status, attendees: d.attendees, items: d.items };
}
