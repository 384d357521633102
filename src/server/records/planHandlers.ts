import {
  PLAN_MIGRATIONS,
  PLAN_SCHEMA_VERSION,
  planContentSchema,
  planInputSchema,
  type PlanContent,
} from '../../records';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { err, ok, type Result } from '../../shared/result';
import { processPlanContent, type ProcessContext } from '../planning/processPlanContent';
import { problem, type Reply } from './apiProblem';
import { baseVersion } from './baseVersion';
import { archiveRequest } from './archiveRequest';
import { documentReply, outcomeReply } from './documentReply';
import { parseInput, pick } from './parseInput';
import type { RecordsRepository } from './recordsRepository';
import type { RouteInput } from './routeInput';
import { requireAction } from '../auth/actor';
import type { Action } from '../auth/policy';
import type { AuditEventName } from '../auth/auditTrail';

const APPROVED = new Set(['approved', 'performed']);

/** Throws the 403 unless the request's actor may do `action` (nothing to check without a request). */
const need = (route: RouteInput, action: Action): void => {
  if (route.request) requireAction(route.request, action);
};

/**
 * What a save from `previous` to `next` status needs beyond plan.write: approving (or touching a
 * plan that is approved or performed, which a trainee may not) needs plan.approve; proposing,
 * plan.propose. Returns the event the save is recorded as.
 */
function statusRules(route: RouteInput, previous: string | undefined, next: string): AuditEventName {
  if (APPROVED.has(next) || (previous !== undefined && APPROVED.has(previous))) need(route, 'plan.approve');
  if (next === 'proposed') need(route, 'plan.propose');
  if (APPROVED.has(next) && !(previous !== undefined && APPROVED.has(previous))) return 'plan.approve';
  if (next === 'proposed' && previous !== 'proposed') return 'plan.propose';
  return previous === undefined ? 'plan.create' : 'plan.update';
}

/** Records a plan event for a saved plan (no-op when the app gave no audit trail). */
async function audited(route: RouteInput, event: AuditEventName, reply: Reply): Promise<Reply> {
  const doc = reply.body as { id?: unknown; caseId?: unknown; version?: unknown };
  if (route.audit && reply.status < 300 && typeof doc.id === 'string') {
    await route.audit.record({
      event,
      actor: route.who ?? null,
      planId: doc.id,
      ...(typeof doc.caseId === 'string' ? { caseId: doc.caseId } : {}),
      ...(typeof doc.version === 'number' ? { planVersion: doc.version } : {}),
    });
  }
  return reply;
}

const PLAN_FIELDS = Object.keys(planContentSchema.shape) as (keyof PlanContent)[];

function planContentOf(body: unknown): Result<{ content: PlanContent; id?: string; version?: number; caseId?: string }, Reply> {
  const parsed = parseInput(planInputSchema, body, 'plan', { list: PLAN_MIGRATIONS, current: PLAN_SCHEMA_VERSION });
  if (!parsed.ok) return parsed;
  // Who approved and when are the server's to set (the signed-in account, now): never taken from the client.
  const content = { ...pick(parsed.value, PLAN_FIELDS), approvedBy: null, approvedAt: null };
  return ok({ content, id: parsed.value.id, version: parsed.value.version, caseId: parsed.value.caseId });
}

const mismatch = (path: string, expected: string): Reply =>
  problem(400, 'invalid-fields', `The body's ${path} is not the one the URL names`, { issues: [{ path, message: `Expected ${expected}` }] });

/**
 * What plans are recomputed with when the caller gives nothing: the shipped device catalogue
 * and no volumes, so only the metrics that need no images are computed.
 */
export const catalogueOnlyContext = (): ProcessContext => ({ catalogue: defaultCatalogue(), volumeFor: () => Promise.resolve(undefined) });

/**
 * The header of a plan create or save answer that says why this save's volume-based metrics were
 * not computed (the PACS down, a series the reader cannot read): percent-encoded JSON, an array
 * of sentences. A header, not a body field, so the body stays exactly the document a client
 * saves back and the notes are never stored in the plan: they describe this save, not the plan.
 */
export const SAVE_NOTES_HEADER = 'x-percuplan-save-notes';

/** Longest note sent, and longest header: a PACS's error text is not ours to bound. */
const NOTE_CHARS = 1000;
const HEADER_CHARS = 4096;

/** The {@link SAVE_NOTES_HEADER} of `notes` (none when there are none), distinct, cut to 4 KB. */
export function saveNotesHeader(notes: readonly string[]): Record<string, string> {
  let list = [...new Set(notes)].map((n) => (n.length > NOTE_CHARS ? `${n.slice(0, NOTE_CHARS - 1)}…` : n));
  while (list.length > 1 && encodeURIComponent(JSON.stringify(list)).length > HEADER_CHARS) list = list.slice(0, -1);
  return list.length ? { [SAVE_NOTES_HEADER]: encodeURIComponent(JSON.stringify(list)) } : {};
}

/** A plan's content as stored, and what this save could not compute with, for the answer. */
interface Processed {
  readonly content: PlanContent;
  readonly notes: readonly string[];
}

/**
 * Validates the content and recomputes what is derived in it (see {@link processPlanContent}),
 * before the repository applies its rules: an approved plan saved unchanged then compares equal.
 * The notes are why the CT was not used where the server could have had it.
 */
async function processed(content: PlanContent, context: ProcessContext): Promise<Result<Processed, Reply>> {
  const notes: string[] = [];
  const result = await processPlanContent(content, context, (message) => notes.push(message));
  if (result.ok) return ok({ content: result.value, notes });
  const issues = result.error;
  return err(problem(400, 'invalid-fields', `Invalid plan: ${issues.length} field${issues.length === 1 ? '' : 's'} to correct`, { issues }));
}

/** `reply` with the save notes added when the save went through (saved, or unchanged). */
function withNotes(reply: Reply, notes: readonly string[]): Reply {
  return reply.status < 300 ? { ...reply, headers: { ...reply.headers, ...saveNotesHeader(notes) } } : reply;
}

/**
 * The handlers of /api/plans… and /api/cases/:id/plans over a repository. Every save is
 * validated and its metrics recomputed with `context` (default {@link catalogueOnlyContext});
 * a create or save whose CT could not be used answers why in {@link SAVE_NOTES_HEADER}.
 */
export function planHandlers(repo: RecordsRepository, context: ProcessContext = catalogueOnlyContext()) {
  return {
    async list({ url, params: [caseId] }: RouteInput): Promise<Reply> {
      const include = url.searchParams.get('include');
      if (include !== null && include !== 'content') {
        return problem(400, 'invalid-query', 'include may only be "content"', { issues: [{ path: 'query.include', message: 'Expected "content"' }] });
      }
      const listed = await repo.listPlans(caseId, include === 'content');
      return listed ? { status: 200, body: { caseId, plans: listed.plans, problems: listed.problems } } : problem(404, 'not-found', `No case ${caseId}`);
    },

    async create(route: RouteInput): Promise<Reply> {
      const { params: [caseId], body, actor } = route;
      const input = planContentOf(body);
      if (!input.ok) return input.error;
      if (input.value.caseId !== undefined && input.value.caseId !== caseId) return mismatch('caseId', caseId);
      const event = statusRules(route, undefined, input.value.content.status);
      const content = await processed(input.value.content, context);
      if (!content.ok) return content.error;
      const outcome = await repo.createPlan(caseId, content.value.content, actor);
      const reply = withNotes(outcomeReply(outcome, true), content.value.notes);
      if (outcome.kind === 'saved') reply.headers = { ...reply.headers, location: `/api/plans/${outcome.value.id}` };
      return outcome.kind === 'saved' ? audited(route, event === 'plan.update' ? 'plan.create' : event, reply) : reply;
    },

    async get({ params: [id] }: RouteInput): Promise<Reply> {
      const found = await repo.getPlan(id);
      return found ? documentReply(found.document, 200, found.problems) : problem(404, 'not-found', `No plan ${id}`);
    },

    async update(route: RouteInput): Promise<Reply> {
      const { req, params: [id], body, actor } = route;
      const input = planContentOf(body);
      if (!input.ok) return input.error;
      if (input.value.id !== undefined && input.value.id !== id) return mismatch('id', id);
      const base = baseVersion(req, input.value.version, true);
      if (!base.ok) return base.error;
      const current = await repo.getPlan(id);
      if (current && input.value.caseId !== undefined && current.document.caseId !== input.value.caseId) return mismatch('caseId', current.document.caseId);
      const event = statusRules(route, current?.document.status ?? 'draft', input.value.content.status);
      const content = await processed(input.value.content, context);
      if (!content.ok) return content.error;
      const outcome = await repo.updatePlan(id, base.value as number, content.value.content, actor);
      const reply = withNotes(outcomeReply(outcome), content.value.notes);
      return outcome.kind === 'saved' ? audited(route, event, reply) : reply;
    },

    async archive(route: RouteInput): Promise<Reply> {
      const { req, params: [id], body, actor } = route;
      const request = archiveRequest(body);
      if (!request.ok) return request.error;
      const base = baseVersion(req, request.value.version, false);
      if (!base.ok) return base.error;
      const current = await repo.getPlan(id);
      if (current && APPROVED.has(current.document.status)) need(route, 'plan.approve');
      const outcome = await repo.setPlanArchived(id, request.value.archived, base.value, actor);
      const reply = outcomeReply(outcome);
      return outcome.kind === 'saved' ? audited(route, 'plan.update', reply) : reply;
    },

    async history({ params: [id] }: RouteInput): Promise<Reply> {
      const entries = await repo.planHistory(id);
      return entries ? { status: 200, body: { id, entries } } : problem(404, 'not-found', `No plan ${id}`);
    },

    async version({ params: [id, n] }: RouteInput): Promise<Reply> {
      const found = await repo.planVersion(id, Number(n));
      return found ? documentReply(found.document, 200, found.problems) : problem(404, 'not-found', `No version ${n} of plan ${id}`);
    },
  };
}
