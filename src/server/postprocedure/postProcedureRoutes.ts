import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { postProcedureRequestSchema, type PostProcedureRequest } from '../../records/postProcedure';
import type { PlanDocument } from '../../records';
import type { AuditEventName, AuditTrail } from '../auth/auditTrail';
import { studyAccessLog } from '../dicomweb/studyAccessLog';
import { sendProblem, sendReply } from '../fastifyBase';
import type { RecordsRepository } from '../records/recordsRepository';
import { actorOf, resourceRoutes } from '../resourceRoutes';
import { AnalysisBusy, type AnalysisPool } from './analysisPool';
import type { AnalysisOutcome } from './analysisJob';
import type { AssessmentsRepository } from './assessmentsRepository';
import { outcomeReply } from './outcomeReply';
import { parsePostProcedureRequest } from './postProcedureInput';
import { findSeriesVolume, type SeriesSources } from './seriesLookup';

/** What the post-procedure routes are built from. */
export interface PostProcedureRouteParts extends SeriesSources {
  readonly records: Pick<RecordsRepository, 'getPlan' | 'getCase'>;
  readonly assessments: AssessmentsRepository;
  readonly pool: AnalysisPool;
  readonly audit?: AuditTrail;
}

const idParams = z.object({ id: z.uuid().describe('A plan or case id') });
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id.toLowerCase();

/**
 * The post-procedure API (`src/api/postProcedure.ts` is its client): run an analysis of a
 * cone-beam CT against a plan (`plan.read`: nothing is stored), accept one (`plan.write`: the
 * server re-runs it with the reviewed matrix and stores its own result as the plan's next
 * version), and list the accepted ones of a plan or a case (`plan.read`). The analysis runs in
 * the pool's worker thread; the event loop keeps answering meanwhile.
 */
export function postProcedureRoutes(parts: PostProcedureRouteParts): (app: FastifyInstance) => Promise<void> {
  const studyAccess = studyAccessLog(parts.audit);
  const audit = async (request: FastifyRequest, event: AuditEventName, plan: PlanDocument, body: PostProcedureRequest, ok: boolean, status: number): Promise<void> => {
    await parts.audit?.record({
      event,
      actor: request.actor,
      outcome: ok ? 0 : 4,
      planId: plan.id,
      caseId: plan.caseId,
      planVersion: plan.version,
      studyUids: [...new Set([body.studyInstanceUID, ...(plan.studyInstanceUID ? [plan.studyInstanceUID] : [])])],
      detail: { method: 'POST', path: request.url.split('?')[0], seriesUid: body.seriesInstanceUID, status },
    });
  };

  /** Parses, loads the plan and both volumes, runs the analysis; a reply for every refusal. */
  const analyse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    accept: boolean,
  ): Promise<{ plan: PlanDocument; body: PostProcedureRequest; outcome: AnalysisOutcome } | FastifyReply> => {
    const body = parsePostProcedureRequest(request.body, accept);
    if (!body.ok) return sendReply(reply, body.error);
    const planId = idOf(request);
    const restored = await parts.records.getPlan(planId);
    if (!restored) return sendProblem(reply, 404, 'not-found', `No plan ${planId}`);
    const plan = restored.document;
    const ct = await findSeriesVolume(parts, request.actor, plan.studyInstanceUID, plan.seriesInstanceUID, "the plan's CT");
    if (!ct.ok) return sendReply(reply, ct.error);
    const cbct = await findSeriesVolume(parts, request.actor, body.value.studyInstanceUID, body.value.seriesInstanceUID, 'the cone-beam CT');
    if (!cbct.ok) return sendReply(reply, cbct.error);
    await studyAccess(request.actor, body.value.studyInstanceUID);
    const r = body.value;
    // The client going away (a cancel in the UI) stops the analysis, waiting or running.
    const abort = new AbortController();
    const onClose = (): void => {
      if (!reply.raw.writableEnded) abort.abort();
    };
    reply.raw.once('close', onClose);
    try {
      const outcome = await parts.pool.run(
        {
          ct: ct.value.volume,
          cbct: cbct.value.volume,
          planningSeriesInstanceUID: plan.seriesInstanceUID,
          planFrameOfReferenceUID: plan.frameOfReferenceUID,
          planContent: plan.content,
          cbctIdentity: { studyInstanceUID: r.studyInstanceUID, seriesInstanceUID: r.seriesInstanceUID, frameOfReferenceUID: cbct.value.frameOfReferenceUID },
          ...(r.region ? { region: r.region } : {}),
          ...(r.matrix ? { matrix: r.matrix, matrixSource: r.manuallyAdjusted ? ('manual' as const) : ('given' as const) } : {}),
          ...(r.placedNeedles ? { placedNeedles: r.placedNeedles } : {}),
        },
        abort.signal,
      );
      return { plan, body: r, outcome };
    } catch (e) {
      if (!(e instanceof AnalysisBusy)) throw e;
      return sendProblem(reply.header('retry-after', String(e.retryAfterS)), 503, 'busy', `Not started: ${e.message}`);
    } finally {
      reply.raw.off('close', onClose);
    }
  };

  return async (app) => {
    resourceRoutes(app, '/api/plans/:id/post-procedure', 'plan', idParams, {
      POST: {
        action: 'plan.read',
        summary: 'Analyses a post-procedure cone-beam CT against the plan: registration (unless a matrix is given), needles, cement, fill and leaks. Nothing is stored.',
        body: postProcedureRequestSchema,
        handler: async (request, reply) => {
          const ran = await analyse(request, reply, false);
          if (!('outcome' in ran)) return ran;
          const answer = outcomeReply(ran.outcome, request);
          await audit(request, 'postProcedure.run', ran.plan, ran.body, answer.status === 200, answer.status);
          return sendReply(reply, answer);
        },
      },
    });

    resourceRoutes(app, '/api/plans/:id/post-procedure/assessments', 'plan', idParams, {
      GET: {
        action: 'plan.read',
        summary: "The plan's accepted post-procedure assessments, newest first (rows that no longer restore are named in `problems`)",
        handler: async (request, reply) => {
          const planId = idOf(request);
          if (!(await parts.records.getPlan(planId))) return sendProblem(reply, 404, 'not-found', `No plan ${planId}`);
          return sendReply(reply, { status: 200, body: await parts.assessments.listForPlan(planId) });
        },
      },
      POST: {
        action: 'plan.write',
        summary: 'Accepts an assessment: re-analyses with the reviewed `matrix` (required) and stores the result as the plan\'s next version',
        body: postProcedureRequestSchema,
        handler: async (request, reply) => {
          const who = actorOf(request, reply);
          if (!('username' in who)) return who;
          const ran = await analyse(request, reply, true);
          if (!('outcome' in ran)) return ran;
          if (ran.outcome.kind !== 'ok') {
            const answer = outcomeReply(ran.outcome, request);
            await audit(request, 'postProcedure.accept', ran.plan, ran.body, false, answer.status);
            return sendReply(reply, answer);
          }
          const stored = await parts.assessments.create({
            planId: ran.plan.id,
            planVersion: ran.plan.version,
            caseId: ran.plan.caseId,
            acceptedBy: who.username,
            manuallyAdjusted: ran.body.manuallyAdjusted ?? false,
            result: ran.outcome.result,
          });
          await audit(request, 'postProcedure.accept', ran.plan, ran.body, true, 201);
          return sendReply(reply, { status: 201, body: stored, headers: { location: `/api/plans/${stored.planId}/post-procedure/assessments` } });
        },
      },
    });

    resourceRoutes(app, '/api/cases/:id/post-procedure/assessments', 'case', idParams, {
      GET: {
        action: 'plan.read',
        summary: "The accepted post-procedure assessments of every plan of the case, newest first (rows that no longer restore are named in `problems`)",
        handler: async (request, reply) => {
          const caseId = idOf(request);
          if (!(await parts.records.getCase(caseId))) return sendProblem(reply, 404, 'not-found', `No case ${caseId}`);
          return sendReply(reply, { status: 200, body: await parts.assessments.listForCase(caseId) });
        },
      },
    });
  };
}
