import { z } from 'zod';
import {
  boardCommentSchema,
  boardDocumentSchema,
  openDecisionSchema,
  type BoardComment,
  type BoardDecisionInput,
  type BoardDocument,
  type FollowThroughInput,
  type OpenDecision,
} from '../records';
import { fetchParsed } from './apiProblem';

export type { BoardComment, OpenDecision };

const json = { 'content-type': 'application/json' };
const itemUrl = (boardId: string, caseId: string) => `/api/boards/${encodeURIComponent(boardId)}/items/${encodeURIComponent(caseId)}`;
const commentsSchema = z.object({ comments: z.array(boardCommentSchema) });
/** The answer to a decision or follow-through: the meeting as now stored, and the case version written. */
const decisionAnswerSchema = z.object({ board: boardDocumentSchema, case: z.object({ id: z.string(), version: z.number() }) });
/** What recording a decision answers. */
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;

/**
 * Typed client of what happens during and after a meeting: comments (board accounts may add
 * them), discussion start/stop (the presenter), decisions and their follow-through (attendings:
 * `board.decide`), and the decisions still open.
 */
export const boardMeetingApi = {
  /** Every comment of the meeting, oldest first. */
  async comments(boardId: string): Promise<BoardComment[]> {
    return (await fetchParsed('GET /api/boards/:id/comments', `/api/boards/${encodeURIComponent(boardId)}/comments`, commentsSchema)).comments;
  },
  comment: (boardId: string, caseId: string, text: string): Promise<BoardComment> =>
    fetchParsed('POST /api/boards/:id/items/:caseId/comments', `${itemUrl(boardId, caseId)}/comments`, boardCommentSchema, { method: 'POST', headers: json, body: JSON.stringify({ text }) }),
  /** Starts (stopping any other running discussion) or stops the discussion of a case; answers the meeting. */
  discussion: (boardId: string, caseId: string, event: 'start' | 'stop'): Promise<BoardDocument> =>
    fetchParsed('POST /api/boards/:id/items/:caseId/discussion', `${itemUrl(boardId, caseId)}/discussion`, boardDocumentSchema, { method: 'POST', headers: json, body: JSON.stringify({ event }) }),
  /** Records (or replaces, while not yet followed through) the board's decision for a case. */
  decide: (boardId: string, caseId: string, decision: BoardDecisionInput): Promise<DecisionAnswer> =>
    fetchParsed('PUT /api/boards/:id/items/:caseId/decision', `${itemUrl(boardId, caseId)}/decision`, decisionAnswerSchema, { method: 'PUT', headers: json, body: JSON.stringify(decision) }),
  /** Marks the decision implemented, modified or not implemented, with the reason. */
  followThrough: (boardId: string, caseId: string, input: FollowThroughInput): Promise<DecisionAnswer> =>
    fetchParsed('PUT /api/boards/:id/items/:caseId/decision/follow-through', `${itemUrl(boardId, caseId)}/decision/follow-through`, decisionAnswerSchema, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(input),
    }),
  /** Decisions not yet followed through, oldest meeting first. */
  async openDecisions(): Promise<OpenDecision[]> {
    return (await fetchParsed('GET /api/board-decisions', '/api/board-decisions?open=true', z.object({ decisions: z.array(openDecisionSchema) }))).decisions;
  },
};
