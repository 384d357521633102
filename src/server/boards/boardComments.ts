import { randomUUID } from 'node:crypto';
import type { BoardComment } from '../../records';
import type { SqlClient } from '../records/sqlClient';

/** The comments board members make on a meeting's cases: append-only (migration 0007). */
export interface BoardCommentsStore {
  /** Stores a comment on a case of a meeting, signed by `by`, at the store's clock. */
  addComment(boardId: string, caseId: string, text: string, by: string): Promise<BoardComment>;
  /** Every comment of a meeting, oldest first (in the order they were made when two share a time). */
  comments(boardId: string): Promise<BoardComment[]>;
}

const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** The comments over the records database (PGlite or PostgreSQL). */
export function createBoardComments(db: SqlClient, newId: () => string = randomUUID, clock: () => Date = () => new Date()): BoardCommentsStore {
  return {
    async addComment(boardId, caseId, text, by) {
      const comment: BoardComment = { id: newId(), boardId, caseId, text, by, at: clock().toISOString() };
      await db.query('INSERT INTO board_comments (id, board_id, case_id, text, by, at) VALUES ($1, $2, $3, $4, $5, $6)', [
        comment.id,
        boardId,
        caseId,
        text,
        by,
        comment.at,
      ]);
      return comment;
    },

    async comments(boardId) {
      const rows = await db.query<{ id: string; board_id: string; case_id: string; text: string; by: string; at: unknown }>(
        'SELECT id::text AS id, board_id::text AS board_id, case_id::text AS case_id, text, by, at FROM board_comments WHERE board_id = $1 ORDER BY at, seq',
        [boardId],
      );
      return rows.map((r) => ({ id: r.id, boardId: r.board_id, caseId: r.case_id, text: r.text, by: r.by, at: isoOf(r.at) }));
    },
  };
}
