import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportKeyImages } from '../../interop/keyImages/exportKeyImages';
import type { KeyImageForExport, KeyImageObject } from '../../interop/keyImages/keyImageExportTypes';
import { planZip } from '../../interop/planDicomZip';
import { decodePng } from '../../interop/png/decodePng';
import type { KeyImage, KeyImagePurpose } from '../../records';
import type { AuditOutcome, AuditTrail } from '../auth/auditTrail';
import type { Pacs } from '../dicomweb/pacs';
import { PacsError } from '../dicomweb/pacsError';
import { sendProblem, sendReply } from '../fastifyBase';
import type { ReferencedCtLookup } from '../interop/referencedCt';
import { stowRs } from '../interop/stowRs';
import { caseParams } from './keyImagesRoutes';
import { resourceRoutes } from '../resourceRoutes';
import type { KeyImagesRepository } from './keyImagesRepository';

/** What the key image DICOM routes need. */
export interface KeyImagesDicomOptions {
  readonly repo: Pick<KeyImagesRepository, 'caseExists' | 'list' | 'png'>;
  /** Finds the CT series a key image's view is on (embedded folder, else PACS). */
  readonly referencedCt: ReferencedCtLookup;
  readonly pacs?: Pick<Pacs, 'client' | 'source'>;
  readonly audit?: AuditTrail;
  readonly softwareVersion: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const query = z.object({
  purpose: z.enum(['board', 'teaching']).optional().describe('The KOS title: board (DCM 128203 For Tumor Board, default) or teaching (DCM 113004 For Teaching)'),
  ids: z.string().optional().describe('Comma-separated key image ids (default: the case key images of that purpose)'),
});

/** The zip's name: identifiers only. */
export const keyImagesZipName = (caseId: string, purpose: KeyImagePurpose): string => `PercuPlan-key-images-${caseId.slice(0, 8)}-${purpose}-DICOM.zip`;

interface Written {
  readonly caseId: string;
  readonly purpose: KeyImagePurpose;
  readonly images: readonly KeyImage[];
  readonly objects: readonly KeyImageObject[];
}

/**
 * GET /api/cases/:id/key-images/dicom (a zip) and POST …/dicom/store (STOW-RS to the PACS):
 * the case's key images as one Secondary Capture each plus a Key Object Selection document per
 * study. Both carry the patient's identifiers copied from the CT: `export.identifiable`, audited
 * as exports. The store answer is 200 when the PACS stored everything, 207 (same body) when not.
 */
export function keyImagesDicomRoutes(options: KeyImagesDicomOptions): (app: FastifyInstance) => Promise<void> {
  const { repo, pacs, audit } = options;

  /** The written objects the request asks for, or the refusal already sent. */
  const objectsFor = async (request: FastifyRequest, reply: FastifyReply): Promise<Written | FastifyReply> => {
    const caseId = (request.params as { id: string }).id.toLowerCase();
    const q = (request.query ?? {}) as { purpose?: unknown; ids?: unknown };
    if (q.purpose !== undefined && q.purpose !== 'board' && q.purpose !== 'teaching') {
      return sendProblem(reply, 400, 'invalid-query', 'purpose must be board or teaching', { issues: [{ path: 'query.purpose', message: 'Expected board or teaching' }] });
    }
    const purpose: KeyImagePurpose = q.purpose ?? 'board';
    const ids = typeof q.ids === 'string' && q.ids !== '' ? q.ids.toLowerCase().split(',') : null;
    if (ids && ids.some((id) => !UUID.test(id))) {
      return sendProblem(reply, 400, 'invalid-query', 'ids must be key image ids separated by commas', { issues: [{ path: 'query.ids', message: 'Expected UUIDs separated by commas' }] });
    }
    if (!(await repo.caseExists(caseId))) return sendProblem(reply, 404, 'not-found', `No case ${caseId}`);
    const all = await repo.list(caseId);
    const unknown = ids?.filter((id) => !all.some((k) => k.id === id)) ?? [];
    if (unknown.length) {
      return sendProblem(reply, 400, 'invalid-query', `Not key images of case ${caseId}: ${unknown.join(', ')}`, { issues: unknown.map(() => ({ path: 'query.ids', message: 'Not a key image of this case' })) });
    }
    const images = ids ? all.filter((k) => ids.includes(k.id)) : all.filter((k) => k.purpose === purpose);
    if (!images.length) {
      const what = all.length ? `no key images for ${purpose === 'board' ? 'the tumour board' : 'teaching'}` : 'no key images';
      return sendProblem(reply, 409, 'no-key-images', `Case ${caseId} has ${what} to export: save a view with "Key image" first`);
    }
    const inputs: KeyImageForExport[] = [];
    const cts = new Map<string, Awaited<ReturnType<ReferencedCtLookup>>>();
    for (const keyImage of images) {
      const { studyInstanceUid, seriesInstanceUid } = keyImage.view;
      const ct = cts.get(seriesInstanceUid) ?? (await options.referencedCt({ studyInstanceUID: studyInstanceUid, seriesInstanceUID: seriesInstanceUid }));
      cts.set(seriesInstanceUid, ct);
      if (!ct.ok) {
        // The lookup's own sentence speaks of plans: a key image gets its own.
        const error =
          ct.error.code === 'series-not-held'
            ? `Key image "${keyImage.caption}" shows series ${seriesInstanceUid}, which the server holds neither in its embedded sample folder nor on ` +
              `the configured PACS, so it cannot copy the patient and study into the DICOM. Send the series to the PACS, then export again.`
            : ct.error.error;
        return sendProblem(reply, ct.error.status, ct.error.code, error);
      }
      const bytes = await repo.png(keyImage.id);
      const png = bytes ? decodePng(bytes) : null;
      if (!png?.ok) throw new Error(`stored key image ${keyImage.id} has no readable PNG${png ? `: ${png.error}` : ''}`);
      inputs.push({ keyImage, png: png.value, ct: ct.value });
    }
    const written = await exportKeyImages({ caseId, purpose, images: inputs, softwareVersion: options.softwareVersion });
    if (!written.ok) {
      return sendProblem(reply, 422, 'not-exportable', `The key images cannot be written as DICOM: ${written.error.join('; ')}`, { issues: written.error.map((message) => ({ path: 'keyImages', message })) });
    }
    return { caseId, purpose, images, objects: written.value };
  };

  const record = async (request: FastifyRequest, w: Written, format: string, count: number, outcome: AuditOutcome = 0): Promise<void> => {
    await audit?.record({
      event: 'export',
      outcome,
      actor: request.actor,
      caseId: w.caseId,
      studyUids: [...new Set(w.objects.map((o) => o.studyInstanceUID))],
      detail: { format, deidentified: false, count },
    });
  };

  return async (app) => {
    resourceRoutes(app, '/api/cases/:id/key-images/dicom', 'case', caseParams, {
      GET: {
        action: 'export.identifiable',
        summary: "The case's key images as DICOM (Secondary Captures and a Key Object Selection document), zipped (an identifiable export)",
        querystring: query,
        handler: async (request, reply) => {
          const w = await objectsFor(request, reply);
          if (!('objects' in w)) return w;
          const newest = w.images.map((k) => k.createdAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
          const zip = planZip(w.objects, newest);
          await record(request, w, 'key-images-zip', w.objects.length);
          return reply
            .code(200)
            .headers({ 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${keyImagesZipName(w.caseId, w.purpose)}"`, 'cache-control': 'no-store' })
            .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
        },
      },
    });
    resourceRoutes(app, '/api/cases/:id/key-images/dicom/store', 'case', caseParams, {
      POST: {
        action: 'export.identifiable',
        summary: "Sends the case's key images (Secondary Captures and KOS) to the configured PACS by STOW-RS: 200 all stored, 207 some not (same body)",
        querystring: query,
        ignoreBody: true,
        handler: async (request, reply) => {
          if (!pacs) return sendProblem(reply, 404, 'not-configured', 'No PACS is configured: set DICOMWEB_URL in the server environment to send key images to one');
          const w = await objectsFor(request, reply);
          if (!('objects' in w)) return w;
          let outcome;
          try {
            outcome = await stowRs(pacs.client, w.objects);
          } catch (e) {
            // The files may have reached the PACS before it failed: the attempt is recorded too.
            if (e instanceof PacsError) await record(request, w, 'key-images-stow', w.objects.length, 8);
            throw e;
          }
          await record(request, w, 'key-images-stow', outcome.stored.length, outcome.failed.length ? 4 : 0);
          const body = { pacs: pacs.source.label, caseId: w.caseId, purpose: w.purpose, stored: outcome.stored, failed: outcome.failed };
          return sendReply(reply, { status: outcome.failed.length ? 207 : 200, body });
        },
      },
    });
  };
}
