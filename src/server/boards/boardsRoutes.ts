import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { boardCommentInputSchema, boardCreateSchema, boardDecisionInputSchema, boardInputSchema, followThroughInputSchema } from '../../records';
import type { Action } from '../auth/policy';
import type { AuditTrail } from '../auth/auditTrail';
import { sendProblem, sendReply } from '../fastifyBase';
import type { Reply } from '../records/apiProblem';
import { requestActor } from '../records/requestActor';
import type { RecordsRepository } from '../records/recordsRepository';
import type { RouteInput } from '../records/routeInput';
import { boardHandlers } from './boardHandlers';
import type { BoardsRepository } from './boardsRepository';
import { meetingHandlers } from './meetingHandlers';

type Handler = (input: RouteInput) => Promise<Reply> | Reply;
type Method = 'GET' | 'POST' | 'PUT';

const idParams = z.object({ id: z.uuid().describe('A board meeting id') });
const itemParams = idParams.extend({ caseId: z.uuid().describe('The case of an agenda item') });
const discussionBody = z.object({ event: z.enum(['start', 'stop']) });
const openQuery = z.object({ open: z.literal('true').optional() });
const pageQuery = z.object({ limit: z.string().optional(), offset: z.string().optional() });
const closeBody = z.object({ version: z.number().int().optional() }).optional();

interface Spec {
  handler: Handler;
  action: Action;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
}

const ALL = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The tumour board API (/api/boards…, /api/board-decisions) as a Fastify plugin. Reading needs
 * `case.read` (board accounts may follow a meeting); creating, saving, closing and discussion
 * times need `case.write`; comments `board.comment`; decisions and follow-through `board.decide`
 * (attendings), which also write the case record in `cases`.
 */
export function boardsRoutes(repo: BoardsRepository, options: { audit?: AuditTrail; cases: RecordsRepository }): (app: FastifyInstance) => Promise<void> {
  const h = boardHandlers(repo);
  const m = meetingHandlers(repo, options.cases);
  return async (app) => {
    const run = async (spec: Spec, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const p = (request.params ?? {}) as { id?: string; caseId?: string };
      let actor = request.actor.username;
      // As on the case routes: single-user mode trusts X-PercuPlan-User for who made a change.
      if (request.actor.mode === 'single-user' && request.method !== 'GET') {
        const who = requestActor(request.raw, actor);
        if (!who.ok) return sendReply(reply, who.error);
        actor = who.value;
      }
      const answer = await spec.handler({
        req: request.raw,
        request,
        url: new URL(request.url, 'http://localhost'),
        params: [p.id?.toLowerCase() ?? '', p.caseId?.toLowerCase() ?? ''],
        body: request.body,
        actor,
        who: request.actor,
        audit: options.audit,
      });
      return sendReply(reply, answer);
    };
    const resource = (url: string, methods: Partial<Record<Method, Spec>>): void => {
      for (const [method, spec] of Object.entries(methods) as [Method, Spec][]) {
        app.route({
          method,
          url,
          config: { action: spec.action, notFoundKind: 'board meeting' },
          schema: {
            summary: spec.summary,
            ...(url.includes(':caseId') ? { params: itemParams } : url.includes(':id') ? { params: idParams } : {}),
            ...(spec.body ? { body: spec.body } : {}),
            ...(spec.query ? { querystring: spec.query } : {}),
          },
          handler: (request, reply) => run(spec, request, reply),
        });
      }
      const allow = Object.keys(methods).join(', ');
      const others = ALL.filter((m) => !(m in methods));
      app.route({
        method: [...others],
        url,
        config: { notFoundKind: 'board meeting' },
        schema: { hide: true },
        handler: (request, reply) =>
          sendProblem(reply.header('allow', allow), 405, 'method-not-allowed', `${request.method} is not allowed on ${request.url.split('?')[0]}; use ${allow}`),
      });
    };
    resource('/api/boards', {
      GET: { handler: h.list, action: 'case.read', query: pageQuery, summary: 'Lists board meetings, newest first (limit, offset)' },
      POST: { handler: h.create, action: 'case.write', body: boardCreateSchema, summary: 'Creates a board meeting' },
    });
    resource('/api/boards/:id', {
      GET: { handler: h.get, action: 'case.read', summary: 'Reads a board meeting' },
      PUT: { handler: h.update, action: 'case.write', body: boardInputSchema, summary: 'Saves a board meeting (If-Match or version); status closed closes it' },
    });
    resource('/api/boards/:id/close', {
      POST: { handler: h.close, action: 'case.write', body: closeBody, summary: 'Closes a meeting: cases not discussed move to the next meeting of the same board' },
    });
    resource('/api/boards/:id/history', { GET: { handler: h.history, action: 'case.read', summary: "A board meeting's versions" } });
    resource('/api/boards/:id/comments', { GET: { handler: m.comments, action: 'case.read', summary: "Every comment of the meeting's cases, oldest first" } });
    resource('/api/boards/:id/items/:caseId/comments', {
      POST: { handler: m.comment, action: 'board.comment', body: boardCommentInputSchema, summary: 'Comments on a case of the meeting (append-only)' },
    });
    resource('/api/boards/:id/items/:caseId/discussion', {
      POST: { handler: m.discussion, action: 'case.write', body: discussionBody, summary: "Starts (stopping any other) or stops a case's discussion; answers the meeting" },
    });
    resource('/api/boards/:id/items/:caseId/decision', {
      PUT: { handler: m.decide, action: 'board.decide', body: boardDecisionInputSchema, summary: "Records or replaces the board's decision on a case, and writes it into the case record" },
    });
    resource('/api/boards/:id/items/:caseId/decision/follow-through', {
      PUT: { handler: m.followThrough, action: 'board.decide', body: followThroughInputSchema, summary: 'Marks a decision implemented, modified or not implemented, on the meeting and the case' },
    });
    resource('/api/board-decisions', { GET: { handler: m.openDecisions, action: 'case.read', query: openQuery, summary: 'Decisions not yet followed through (open=true), oldest meeting first' } });
  };
}
