import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ExportedObject } from '../../interop/exportTypes';
import { planZip, zipFileName } from '../../interop/planDicomZip';
import type { PlanDocument } from '../../records';
import type { AuditOutcome, AuditTrail } from '../auth/auditTrail';
import type { Pacs } from '../dicomweb/pacs';
import { PacsError } from '../dicomweb/pacsError';
import { sendProblem, sendReply } from '../fastifyBase';
import type { RecordsRepository } from '../records/recordsRepository';
import { exportStoredPlan, type PlanDicomDeps } from './planDicomExport';
import { stowRs } from './stowRs';

// The zip and its name are shared with the browser's export of plans on local files: one rule, in interop/.
export { planZip, zipFileName };

/** What the plan DICOM routes need. */
export interface PlanDicomRoutesOptions extends PlanDicomDeps {
  readonly plans: Pick<RecordsRepository, 'getPlan' | 'planVersion'>;
  /** The configured PACS; without one, sending answers 404 not-configured. */
  readonly pacs?: Pick<Pacs, 'client' | 'source'>;
  readonly audit?: AuditTrail;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const params = z.object({ id: z.string().regex(UUID).describe('A plan id (UUID)') });
const query = z.object({ version: z.string().optional().describe('A saved version of the plan (default: the latest)') });
const VERSION = /^[1-9][0-9]{0,8}$/;

/**
 * GET /api/plans/:id/dicom (the saved version's SEG and SR as a zip) and POST
 * /api/plans/:id/dicom/store (the same files sent to the configured PACS by STOW-RS). Both
 * carry patient identifiers copied from the CT, so both need `export.identifiable` and are
 * audited as exports. The store answer is 200 when the PACS stored every file and 207 (the
 * same body) when it did not store some or all of them, each failure with the PACS's reason.
 */
export function planDicomRoutes(options: PlanDicomRoutesOptions): (app: FastifyInstance) => Promise<void> {
  const { plans, pacs, audit } = options;

  /** The stored plan version the request names, or the reply already sent. */
  const planOf = async (request: FastifyRequest, reply: FastifyReply): Promise<PlanDocument | FastifyReply> => {
    const id = (request.params as { id: string }).id.toLowerCase();
    const v = (request.query as { version?: string } | undefined)?.version;
    if (v !== undefined && !VERSION.test(v)) {
      return sendProblem(reply, 400, 'invalid-query', 'version must be a version number from 1', { issues: [{ path: 'query.version', message: 'Expected a whole number from 1' }] });
    }
    const found = v === undefined ? await plans.getPlan(id) : await plans.planVersion(id, Number(v));
    if (!found) return sendProblem(reply, 404, 'not-found', v === undefined ? `No plan ${id}` : `No version ${v} of plan ${id}`);
    return found.document;
  };

  /** The plan version's files, or the refusal already sent. */
  const filesOf = async (plan: PlanDocument, reply: FastifyReply): Promise<ExportedObject[] | FastifyReply> => {
    const written = await exportStoredPlan(plan, options);
    if (written.ok) return written.value;
    const { status, code, error, messages } = written.error;
    return sendProblem(reply, status, code, error, messages ? { issues: messages.map((message) => ({ path: 'content', message })) } : {});
  };

  const record = async (request: FastifyRequest, plan: PlanDocument, format: string, count: number, outcome: AuditOutcome = 0): Promise<void> => {
    await audit?.record({
      event: 'export',
      outcome,
      actor: request.actor,
      caseId: plan.caseId,
      planId: plan.id,
      planVersion: plan.version,
      ...(plan.studyInstanceUID ? { studyUids: [plan.studyInstanceUID] } : {}),
      detail: { format, deidentified: false, seriesUid: plan.seriesInstanceUID, count },
    });
  };

  const notAllowed = (allow: string) => (request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply.header('allow', allow), 405, 'method-not-allowed', `${request.method} is not allowed on ${request.url.split('?')[0]}; use ${allow}`);

  return async (app) => {
    app.get(
      '/api/plans/:id/dicom',
      {
        config: { action: 'export.identifiable', notFoundKind: 'plan' },
        schema: { params, querystring: query, summary: "A saved plan version's DICOM SEG and Comprehensive 3D SR, as a zip (an identifiable export)" },
      },
      async (request, reply) => {
        const plan = await planOf(request, reply);
        if (!('caseId' in plan)) return plan;
        const files = await filesOf(plan, reply);
        if (!Array.isArray(files)) return files;
        const zip = planZip(files, plan.updatedAt);
        await record(request, plan, 'dicom-zip', files.length);
        return reply
          .code(200)
          .headers({
            'content-type': 'application/zip',
            'content-disposition': `attachment; filename="${zipFileName(plan)}"`,
            'cache-control': 'no-store',
          })
          .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
      },
    );
    app.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE'], url: '/api/plans/:id/dicom', config: { notFoundKind: 'plan', ignoreBody: true }, schema: { hide: true }, handler: notAllowed('GET') });

    app.post(
      '/api/plans/:id/dicom/store',
      {
        config: { action: 'export.identifiable', notFoundKind: 'plan', ignoreBody: true },
        schema: {
          params,
          querystring: query,
          summary: "Sends a saved plan version's SEG and SR to the configured PACS by STOW-RS: 200 all stored, 207 some or all not stored (same body)",
        },
      },
      async (request, reply) => {
        if (!pacs) return sendProblem(reply, 404, 'not-configured', 'No PACS is configured: set DICOMWEB_URL in the server environment to send plans to one');
        const plan = await planOf(request, reply);
        if (!('caseId' in plan)) return plan;
        const files = await filesOf(plan, reply);
        if (!Array.isArray(files)) return files;
        let outcome;
        try {
          outcome = await stowRs(pacs.client, files);
        } catch (e) {
          // The files may have reached the PACS before it failed: the attempt is recorded too.
          if (e instanceof PacsError) await record(request, plan, 'dicom-stow', files.length, 8);
          throw e;
        }
        await record(request, plan, 'dicom-stow', outcome.stored.length, outcome.failed.length ? 4 : 0);
        const body = { pacs: pacs.source.label, planId: plan.id, version: plan.version, stored: outcome.stored, failed: outcome.failed };
        return sendReply(reply, { status: outcome.failed.length ? 207 : 200, body });
      },
    );
    app.route({ method: ['GET', 'PUT', 'PATCH', 'DELETE'], url: '/api/plans/:id/dicom/store', config: { notFoundKind: 'plan', ignoreBody: true }, schema: { hide: true }, handler: notAllowed('POST') });
  };
}
