import { z } from 'zod';
import {
  boardCommentInputSchema,
  boardDecisionInputSchema,
  followThroughInputSchema,
  type BoardDecision,
  type BoardDocument,
  type BoardItem,
  type OpenDecision,
} from '../../records';
import { withBoardDecision, withFollowThrough, type DecisionMeeting } from '../../records/boardDecisionToCase';
import type { AuditEventName } from '../auth/auditTrail';
import { problem, type Reply } from '../records/apiProblem';
import { documentReply } from '../records/documentReply';
import type { RecordsRepository } from '../records/recordsRepository';
import type { RouteInput } from '../records/routeInput';
import { parse } from './boardHandlers';
import { boardContentOf, type BoardsRepository, type ChangeOutcome } from './boardsRepository';
import { isRunning, stopRunning } from './itemRecord';
import { writeCaseDecision } from './writeCaseDecision';

/*
 * What happens during and after a meeting (the HTTP side of src/api/boardMeeting.ts): comments,
 * discussion start/stop, the decision and its follow-through, and the decisions still open.
 *
 * Choices: comments and decisions are accepted on a closed meeting too (minutes are often
 * completed after the meeting); discussion times are not (a closed meeting is no longer being
 * held). A decision is written on the meeting first (under its row lock, where "not yet followed
 * through" is checked), then into the case; should the case write fail, the answer says so and
 * sending the same decision again (allowed, it keeps its id) completes it.
 */

const discussionBodySchema = z.object({ event: z.enum(['start', 'stop']) });
/** The most discussion spans an item keeps (the board schema's limit). */
const MAX_SPANS = 100;

const refusal = (status: number, code: string, error: string): Reply => ({ status, body: { error, code } });
const noMeeting = (id: string): Reply => problem(404, 'not-found', `No board meeting ${id}`);
const notOnAgenda = (id: string, caseId: string): Reply => problem(404, 'not-found', `Case ${caseId} is not on the agenda of board meeting ${id}`);

/** Who signs: the account's user name, with its display name when it has a different one. */
function signature(route: RouteInput): string {
  const who = route.who;
  const name = who?.name.trim() ?? '';
  const signed = who && who.username === route.actor && name && name !== route.actor ? `${route.actor} (${name})` : route.actor;
  return signed.slice(0, 200);
}

/** Records a meeting event for the request's actor, naming what was done by its API path. */
async function audited(route: RouteInput, event: AuditEventName, reply: Reply, caseId?: string): Promise<Reply> {
  if (route.audit && reply.status < 300) {
    const method = route.request?.method as 'GET' | 'POST' | 'PUT' | undefined;
    await route.audit.record({ event, actor: route.who ?? null, ...(caseId ? { caseId } : {}), detail: { method, path: route.url.pathname } });
  }
  return reply;
}

/** The item of `caseId` with `change` applied, as the content of a server-side change, or a refusal. */
function changeItem(current: BoardDocument, caseId: string, change: (item: BoardItem) => BoardItem | Reply): { content: ReturnType<typeof boardContentOf> } | { refused: Reply } {
  const k = current.items.findIndex((i) => i.caseId === caseId);
  const item = current.items[k];
  if (!item) return { refused: notOnAgenda(current.id, caseId) };
  const changed = change(item);
  if ('status' in changed && 'body' in changed) return { refused: changed };
  return { content: { ...boardContentOf(current), items: current.items.map((i, j) => (j === k ? (changed as BoardItem) : i)) } };
}

/** The answer to a server-side change of the meeting. */
function changeReply(outcome: ChangeOutcome<Reply>): Reply {
  if (outcome.kind === 'not-found') return problem(404, 'not-found', outcome.message);
  if (outcome.kind === 'refused') return outcome.refused;
  return documentReply(outcome.value, 200, [], { 'x-percuplan-change': outcome.kind });
}

const meetingOf = (board: BoardDocument): DecisionMeeting => ({ id: board.id, title: board.title, date: board.date });

/** The handlers of the meeting routes, over the meetings and the case records. */
export function meetingHandlers(repo: BoardsRepository, cases: RecordsRepository) {
  /** After the meeting took the decision (or its follow-through): the case gets its new version. */
  const intoCase = async (route: RouteInput, outcome: ChangeOutcome<Reply>, caseId: string, event: AuditEventName, apply: typeof withBoardDecision): Promise<Reply> => {
    if (outcome.kind !== 'saved' && outcome.kind !== 'unchanged') return changeReply(outcome);
    const board = outcome.value;
    const decision = board.items.find((i) => i.caseId === caseId)?.decision as BoardDecision;
    const written = await writeCaseDecision(cases, caseId, (content) => apply(content, decision, meetingOf(board)), route.actor);
    if (!written.ok) return written.reply;
    return audited(route, event, { status: 200, body: { board, case: { id: written.id, version: written.version } }, headers: { etag: `"${board.version}"` } }, caseId);
  };

  return {
    async comments(route: RouteInput): Promise<Reply> {
      const [id] = route.params;
      if (!(await repo.get(id))) return noMeeting(id);
      return audited(route, 'board.read', { status: 200, body: { comments: await repo.comments(id) } });
    },

    async comment(route: RouteInput): Promise<Reply> {
      const [id, caseId] = route.params;
      const input = parse(boardCommentInputSchema, route.body, 'comment');
      if (!input.ok) return input.error;
      const board = await repo.get(id);
      if (!board) return noMeeting(id);
      if (!board.items.some((i) => i.caseId === caseId)) return notOnAgenda(id, caseId);
      const comment = await repo.addComment(id, caseId, input.value.text, signature(route));
      return audited(route, 'board.comment', { status: 201, body: comment }, caseId);
    },

    async discussion(route: RouteInput): Promise<Reply> {
      const [id, caseId] = route.params;
      const input = parse(discussionBodySchema, route.body, 'discussion event');
      if (!input.ok) return input.error;
      const outcome = await repo.change<Reply>(id, route.actor, (current, { at }) => {
        if (current.status === 'closed') return { refused: refusal(409, 'meeting-closed', `Board meeting ${id} is closed; its discussion times can no longer change`) };
        if (input.value.event === 'stop') return changeItem(current, caseId, (item) => stopRunning(item, at));
        const k = current.items.findIndex((i) => i.caseId === caseId);
        const item = current.items[k];
        if (!item) return { refused: notOnAgenda(id, caseId) };
        if (isRunning(item)) return { content: boardContentOf(current) };
        if (item.discussion.length >= MAX_SPANS) return { refused: refusal(409, 'too-many-spans', `This case was started ${MAX_SPANS} times already`) };
        // One case is discussed at a time: starting this one stops any other.
        const items = current.items.map((i, j) => (j === k ? { ...i, discussion: [...i.discussion, { startedAt: at, stoppedAt: null }] } : stopRunning(i, at)));
        return { content: { ...boardContentOf(current), items } };
      });
      const reply = changeReply(outcome);
      return outcome.kind === 'saved' ? audited(route, 'board.update', reply, caseId) : reply;
    },

    async decide(route: RouteInput): Promise<Reply> {
      const [id, caseId] = route.params;
      const input = parse(boardDecisionInputSchema, route.body, 'board decision');
      if (!input.ok) return input.error;
      const board = await repo.get(id);
      if (!board) return noMeeting(id);
      if (!board.items.some((i) => i.caseId === caseId)) return notOnAgenda(id, caseId);
      // Refuse before the meeting changes: an archived case cannot take the decision.
      const stored = await cases.getCase(caseId);
      if (!stored) return problem(404, 'not-found', `No case ${caseId}`);
      if (stored.document.archivedAt) return problem(409, 'archived', `Case ${caseId} is archived; restore it before recording a decision`);
      const outcome = await repo.change<Reply>(id, route.actor, (current, { at, newId }) =>
        changeItem(current, caseId, (item) => {
          if (item.decision?.followThrough) {
            return refusal(409, 'decision-followed-through', `The decision was already marked ${item.decision.followThrough.state}; it can no longer be replaced`);
          }
          const decision: BoardDecision = { ...input.value, id: item.decision?.id ?? newId(), recordedBy: signature(route), recordedAt: at, followThrough: null };
          return { ...stopRunning(item, at), status: 'discussed', decision };
        }),
      );
      return intoCase(route, outcome, caseId, 'board.decide', withBoardDecision);
    },

    async followThrough(route: RouteInput): Promise<Reply> {
      const [id, caseId] = route.params;
      const input = parse(followThroughInputSchema, route.body, 'follow-through');
      if (!input.ok) return input.error;
      const outcome = await repo.change<Reply>(id, route.actor, (current, { at }) =>
        changeItem(current, caseId, (item) => {
          if (!item.decision) return refusal(409, 'no-decision', `No decision was recorded for case ${caseId} at this meeting yet`);
          // A follow-through may be corrected: the latest one counts, signed anew.
          return { ...item, decision: { ...item.decision, followThrough: { ...input.value, recordedBy: signature(route), recordedAt: at } } };
        }),
      );
      return intoCase(route, outcome, caseId, 'board.follow-through', withFollowThrough);
    },

    async openDecisions(route: RouteInput): Promise<Reply> {
      const open = route.url.searchParams.get('open');
      if (open !== null && open !== 'true') {
        return problem(400, 'invalid-query', 'Only open=true is supported: the decisions still waiting for their follow-through', { issues: [{ path: 'query:open', message: 'Expected true' }] });
      }
      const titles = new Map<string, string>();
      const titleOf = async (caseId: string): Promise<string> => {
        const known = titles.get(caseId);
        if (known !== undefined) return known;
        // A case that no longer restores still has its decision listed, under its id.
        const doc = await cases.getCase(caseId).catch(() => undefined);
        const title = doc ? doc.document.title || doc.document.patient.pseudonym : caseId;
        titles.set(caseId, title);
        return title;
      };
      const decisions: OpenDecision[] = [];
      for (const { board, item } of await repo.openDecisions()) {
        if (!item.decision) continue;
        decisions.push({ boardId: board.id, boardTitle: board.title, meetingDate: board.date, caseId: item.caseId, caseTitle: await titleOf(item.caseId), decision: item.decision });
      }
      return audited(route, 'board.read', { status: 200, body: { decisions } });
    },
  };
}
