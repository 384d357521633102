import { boardCreateSchema, boardInputSchema, issuesOf, type BoardContent } from '../../records';
import type { AuditEventName } from '../auth/auditTrail';
import { problem, type Reply } from '../records/apiProblem';
import { baseVersion } from '../records/baseVersion';
import { documentReply, outcomeReply } from '../records/documentReply';
import type { RouteInput } from '../records/routeInput';
import type { BoardsRepository } from './boardsRepository';

/** Records a board event for the request's actor, naming the meeting by its API path. */
async function audited(input: RouteInput, event: AuditEventName, reply: Reply, id: string): Promise<Reply> {
  if (input.audit && reply.status < 300) {
    await input.audit.record({ event, actor: input.who ?? null, detail: { method: input.request?.method as 'GET' | 'POST' | 'PUT' | undefined, path: `/api/boards/${id}` } });
  }
  return reply;
}

const notFound = (id: string): Reply => problem(404, 'not-found', `No board meeting ${id}`);

/** Parses a body with one of the board schemas; refusals carry the field paths (`items[1].question`). */
export function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof issuesOf>[0] } },
  body: unknown,
  what = 'board meeting',
): { ok: true; value: T } | { ok: false; error: Reply } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, error: problem(400, 'invalid-json', `The body must be a JSON object (a ${what})`) };
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = issuesOf(parsed.error);
  return { ok: false, error: problem(400, 'invalid-fields', `Invalid ${what}: ${issues.length} field${issues.length === 1 ? '' : 's'} to correct`, { issues }) };
}

/**
 * 400 when a case is on the agenda twice (each later copy named), else 422 naming every agenda
 * item whose case does not exist (`items[1].caseId`).
 */
async function unknownCases(repo: BoardsRepository, content: Pick<BoardContent, 'items'>): Promise<Reply | undefined> {
  const seen = new Set<string>();
  const twice = content.items.flatMap((item, k) => {
    const again = seen.has(item.caseId);
    seen.add(item.caseId);
    return again ? [{ path: `items[${k}].caseId`, message: 'This case is already on the agenda' }] : [];
  });
  if (twice.length) return problem(400, 'invalid-fields', 'A case can be on the agenda once', { issues: twice });
  const missing = new Set(await repo.missingCases(content.items.map((i) => i.caseId)));
  if (!missing.size) return undefined;
  const issues = content.items.flatMap((item, k) => (missing.has(item.caseId) ? [{ path: `items[${k}].caseId`, message: `No case ${item.caseId}` }] : []));
  return problem(422, 'invalid-fields', `The agenda names ${issues.length === 1 ? 'a case' : 'cases'} that do${issues.length === 1 ? 'es' : ''} not exist: ${issues.map((i) => i.path).join(', ')}`, { issues });
}

/** Reads `limit` and `offset` (defaults 50 and 0, limit at most 200). */
function pageOf(url: URL): { ok: true; value: { limit: number; offset: number } } | { ok: false; error: Reply } {
  const read = (name: string, fallback: number, max: number): number | string => {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    return /^[0-9]{1,9}$/.test(raw) && Number(raw) <= max ? Number(raw) : `${name} must be a whole number from 0 to ${max}`;
  };
  const limit = read('limit', 50, 200);
  const offset = read('offset', 0, 1_000_000_000);
  const issues = [['limit', limit], ['offset', offset]].flatMap(([path, v]) => (typeof v === 'string' ? [{ path: `query:${String(path)}`, message: v }] : []));
  if (issues.length) return { ok: false, error: problem(400, 'invalid-query', issues.map((i) => i.message).join('; '), { issues }) };
  return { ok: true, value: { limit: Number(limit), offset: Number(offset) } };
}

/** The handlers of /api/boards… over a repository. */
export function boardHandlers(repo: BoardsRepository) {
  return {
    async list(route: RouteInput): Promise<Reply> {
      const page = pageOf(route.url);
      if (!page.ok) return page.error;
      const { boards, total } = await repo.list(page.value);
      return { status: 200, body: { boards, total, limit: page.value.limit, offset: page.value.offset } };
    },

    async create(route: RouteInput): Promise<Reply> {
      const input = parse(boardCreateSchema, route.body);
      if (!input.ok) return input.error;
      const refused = await unknownCases(repo, input.value);
      if (refused) return refused;
      const doc = await repo.create({ ...input.value, status: 'open' }, route.actor);
      return audited(route, 'board.create', documentReply(doc, 201, [], { location: `/api/boards/${doc.id}`, 'x-percuplan-change': 'saved' }), doc.id);
    },

    async get(route: RouteInput): Promise<Reply> {
      const [id] = route.params;
      const doc = await repo.get(id);
      return doc ? audited(route, 'board.read', documentReply(doc), id) : notFound(id);
    },

    async update(route: RouteInput): Promise<Reply> {
      const [id] = route.params;
      const input = parse(boardInputSchema, route.body);
      if (!input.ok) return input.error;
      const { id: bodyId, version, schemaVersion: _s, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, archivedAt: _aa, archivedBy: _ab, ...content } = input.value;
      if (bodyId !== undefined && bodyId !== id) {
        return problem(400, 'invalid-fields', 'The body is another board meeting than the URL names', { issues: [{ path: 'id', message: `Expected ${id}` }] });
      }
      const base = baseVersion(route.req, version, true);
      if (!base.ok) return base.error;
      const refused = await unknownCases(repo, content);
      if (refused) return refused;
      const current = await repo.get(id);
      if (!current) return notFound(id);
      // Closing goes through the close action, which carries undiscussed cases to the next meeting.
      if (content.status === 'closed' && current.status !== 'closed') {
        const saved = await repo.update(id, base.value as number, { ...content, status: 'open' }, route.actor);
        if (saved.kind !== 'saved' && saved.kind !== 'unchanged') return outcomeReply(saved);
        return closeReply(route, await repo.close(id, saved.value.version, route.actor), id);
      }
      const outcome = await repo.update(id, base.value as number, content, route.actor);
      const reply = outcomeReply(outcome);
      return outcome.kind === 'saved' ? audited(route, 'board.update', reply, id) : reply;
    },

    async close(route: RouteInput): Promise<Reply> {
      const [id] = route.params;
      const body = (route.body ?? {}) as { version?: unknown };
      const bodyVersion = typeof body.version === 'number' ? body.version : undefined;
      const base = baseVersion(route.req, bodyVersion, false);
      if (!base.ok) return base.error;
      return closeReply(route, await repo.close(id, base.value, route.actor), id);
    },

    async history({ params: [id] }: RouteInput): Promise<Reply> {
      const entries = await repo.history(id);
      return entries ? { status: 200, body: { id, entries } } : notFound(id);
    },
  };
}

/** The answer to a close: the closed meeting, and where the undiscussed cases went. */
async function closeReply(route: RouteInput, outcome: Awaited<ReturnType<BoardsRepository['close']>>, id: string): Promise<Reply> {
  switch (outcome.kind) {
    case 'saved':
    case 'unchanged': {
      const { closed, next, moved } = outcome.value;
      const reply = documentReply(closed, 200, [], { 'x-percuplan-change': outcome.kind });
      const body = { board: closed, next: next ? { id: next.id, date: next.date, version: next.version } : null, moved };
      return outcome.kind === 'saved' ? audited(route, 'board.update', { ...reply, body }, id) : { ...reply, body };
    }
    case 'conflict':
      return outcomeReply({ kind: 'conflict', message: outcome.message, current: outcome.current.closed });
    default:
      return outcomeReply(outcome);
  }
}
