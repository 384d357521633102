import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issuesOf, teachingCreateSchema, teachingPatchSchema, type TeachingCase, type TeachingListEntry } from '../../records';
import type { AuditEventName, AuditTrail } from '../auth/auditTrail';
import type { AuditDetail } from '../auth/auditDetail';
import { can } from '../auth/policy';
import { PacsError } from '../dicomweb/pacsError';
import { sendProblem, sendReply } from '../fastifyBase';
import { actorOf, resourceRoutes } from '../resourceRoutes';
import type { TeachingMaker } from './makeTeachingCase';
import type { TeachingProblem, TeachingRepository } from './teachingParts';

/** What the teaching case routes use. */
export interface TeachingRoutesDeps {
  readonly repo: TeachingRepository;
  readonly maker: TeachingMaker;
  readonly audit?: AuditTrail;
  /** How many exercises use a teaching case, for the list (the exercises part fills it; default 0). */
  readonly exerciseCount?: (teachingCaseId: string) => Promise<number>;
  /**
   * Whether a teaching case is kept from an account because an open unknown exercise on it hides
   * its diagnosis and expert plan until that account submits (server/exercises/hiddenTeachingCase.ts).
   */
  readonly hidden?: (teachingCaseId: string, actor: FastifyRequest['actor']) => Promise<boolean>;
}

const caseParams = z.object({ id: z.uuid().describe('A case id') });
const teachingParams = z.object({ id: z.uuid().describe('A teaching case id') });
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id.toLowerCase();
/** A de-identified copy of a big study takes a while; its request carries only the teaching fields. */
const MAKE_TIMEOUT_NOTE = 'may take a minute for a big series';

/** The account a change is attributed to; single-user mode trusts X-PercuPlan-User, as the case routes do. */
const sendTeachingProblem = (reply: FastifyReply, p: TeachingProblem): FastifyReply =>
  sendProblem(reply, p.status, p.code, p.error, p.issues ? { issues: p.issues.map((message) => ({ path: '', message })) } : {});

/** A PACS that fails while its study is copied is a 502 naming it, not an internal error. */
async function pacsProblem<T>(fn: () => Promise<{ ok: true; value: T } | { ok: false; problem: TeachingProblem }>): Promise<{ ok: true; value: T } | { ok: false; problem: TeachingProblem }> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PacsError) return { ok: false, problem: { status: 502, code: 'pacs-unavailable', error: e.message } };
    throw e;
  }
}

/** What an account without `teaching.manage` may read of a teaching case: never where it came from. */
export const redactTeachingCase = (t: TeachingCase, manager: boolean): TeachingCase => (manager ? t : { ...t, source: null });

function listEntry(t: TeachingCase, exercises: number): TeachingListEntry {
  return {
    id: t.id,
    version: t.version,
    status: t.status,
    title: t.fields.title,
    presentation: t.fields.presentation,
    level: t.fields.level,
    tags: t.fields.tags,
    files: t.deidentification.files,
    plans: t.plans.length,
    exercises,
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    updatedAt: t.updatedAt,
  };
}

/**
 * The teaching case API (`src/api/teaching.ts` is its client): making a teaching case of a case
 * and previewing it (`teaching.manage`: attendings), listing and reading teaching cases
 * (`teaching.read`: attendings and trainees; trainees see published ones only, without their
 * source), and changing fields or status against the version read. Every route is audited:
 * making one as an export of de-identified data, the rest as reads and updates of the source
 * case's record.
 */
export function teachingRoutes(deps: TeachingRoutesDeps): (app: FastifyInstance) => Promise<void> {
  const audit = async (request: FastifyRequest, event: AuditEventName, caseId: string | undefined, detail: AuditDetail = {}): Promise<void> => {
    await deps.audit?.record({
      event,
      actor: request.actor,
      ...(caseId ? { caseId } : {}),
      detail: { method: request.method as 'GET', path: request.url.split('?')[0], ...detail },
    });
  };
  const manager = (request: FastifyRequest): boolean => can(request.actor.roles, 'teaching.manage');
  const noTeaching = (reply: FastifyReply, id: string) => sendProblem(reply, 404, 'not-found', `No teaching case ${id}`);
  // A trainee must not learn that a draft exists: a teaching case they may not read is a 404, not a 403.
  const readable = (t: TeachingCase | undefined, request: FastifyRequest): t is TeachingCase => t !== undefined && (manager(request) || t.status === 'published');
  // An unknown exercise's teaching case stays out of reach (404, like a draft) until the account submits.
  const readableNow = async (t: TeachingCase | undefined, request: FastifyRequest): Promise<boolean> =>
    readable(t, request) && !(await deps.hidden?.(t.id, request.actor));

  return async (app) => {
    resourceRoutes(app, '/api/cases/:id/teaching', 'case', caseParams, {
      POST: {
        action: 'teaching.manage',
        summary: `Makes a de-identified teaching case of the case, its studies and its plans (${MAKE_TIMEOUT_NOTE})`,
        body: teachingCreateSchema,
        handler: async (request, reply) => {
          const actor = actorOf(request, reply);
          if (!('username' in actor)) return actor;
          const caseId = idOf(request);
          const made = await pacsProblem(() => deps.maker.make(caseId, request.body ?? {}, actor));
          if (!made.ok) return sendTeachingProblem(reply, made.problem);
          await audit(request, 'export', caseId, { format: 'teaching-case', deidentified: true, count: made.value.deidentification.files });
          return sendReply(reply, { status: 201, body: made.value, headers: { location: `/api/teaching/${made.value.id}` } });
        },
      },
    });

    resourceRoutes(app, '/api/cases/:id/teaching/preview', 'case', caseParams, {
      POST: {
        action: 'teaching.manage',
        summary: 'What making a teaching case would remove or change, file by file, and what it would refuse; nothing is written',
        body: teachingCreateSchema,
        handler: async (request, reply) => {
          const actor = actorOf(request, reply);
          if (!('username' in actor)) return actor;
          const caseId = idOf(request);
          const preview = await pacsProblem(() => deps.maker.preview(caseId, request.body ?? {}, actor));
          if (!preview.ok) return sendTeachingProblem(reply, preview.problem);
          await audit(request, 'case.read', caseId, { count: preview.value.files.length });
          return sendReply(reply, { status: 200, body: preview.value });
        },
      },
    });

    app.route({
      method: 'GET',
      url: '/api/teaching',
      config: { action: 'teaching.read' },
      schema: { summary: 'Teaching cases, newest first: all for teaching.manage, the published ones for everybody else' },
      handler: async (request, reply) => {
        const all = await deps.repo.list();
        const open = await Promise.all(all.map((t) => readableNow(t, request)));
        const shown = all.filter((_, i) => open[i]);
        const teachingCases = await Promise.all(shown.map(async (t) => listEntry(t, (await deps.exerciseCount?.(t.id)) ?? 0)));
        await audit(request, 'case.read', undefined, { count: teachingCases.length });
        return sendReply(reply, { status: 200, body: { teachingCases } });
      },
    });

    resourceRoutes(app, '/api/teaching/:id', 'teaching case', teachingParams, {
      GET: {
        action: 'teaching.read',
        summary: 'One teaching case (its source case only for teaching.manage; drafts and hidden ones only for teaching.manage)',
        handler: async (request, reply) => {
          const id = idOf(request);
          const found = await deps.repo.get(id);
          if (!readable(found, request) || !(await readableNow(found, request))) return noTeaching(reply, id);
          await audit(request, 'case.read', found.source?.caseId);
          return sendReply(reply, { status: 200, body: redactTeachingCase(found, manager(request)) });
        },
      },
      PATCH: {
        action: 'teaching.manage',
        summary: "Changes a teaching case's fields or status against the version read (409 with `current` when stale)",
        body: teachingPatchSchema,
        handler: async (request, reply) => {
          const id = idOf(request);
          const actor = actorOf(request, reply);
          if (!('username' in actor)) return actor;
          const parsed = teachingPatchSchema.safeParse(request.body);
          if (!parsed.success) return sendProblem(reply, 400, 'invalid-fields', 'Invalid teaching case change', { issues: issuesOf(parsed.error) });
          const { version, fields, status } = parsed.data;
          const before = await deps.repo.get(id);
          const out = await deps.repo.patch(id, version, { ...(fields ? { fields } : {}), ...(status ? { status } : {}) }, actor);
          if (!out.ok && out.reason === 'not-found') return noTeaching(reply, id);
          if (!out.ok) {
            return sendProblem(reply, 409, 'version-conflict', `Teaching case ${id} is at version ${out.current.version}; this change was based on version ${version}`, { current: out.current });
          }
          const changes = [...Object.keys(fields ?? {}).map((k) => `fields.${k}`), ...(status ? ['status'] : [])];
          await audit(request, 'case.update', out.value.source?.caseId, { changes, ...(status && before ? { fromStatus: before.status, toStatus: status } : {}) });
          return sendReply(reply, { status: 200, body: out.value });
        },
      },
    });
  };
}
