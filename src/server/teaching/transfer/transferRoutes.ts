import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TeachingCase, TeachingPacsAnswer } from '../../../records';
import type { AuditEventName, AuditOutcome, AuditTrail } from '../../auth/auditTrail';
import type { Pacs } from '../../dicomweb/pacs';
import { PacsError } from '../../dicomweb/pacsError';
import { sendProblem, sendReply } from '../../fastifyBase';
import { actorOf, resourceRoutes } from '../../resourceRoutes';
import type { TeachingFile, TeachingFileStore, TeachingRepository } from '../teachingParts';
import { teachingExportZip, teachingZipName } from './teachingExportZip';
import { readTeachingImport, TEACHING_IMPORT_MAX_BYTES } from './teachingImportZip';
import { sendTeachingCase } from './sendTeachingCase';

/** What the export, import and teaching-PACS routes use. */
export interface TeachingTransferDeps {
  readonly repo: TeachingRepository;
  readonly files: TeachingFileStore;
  /** The teaching PACS (TEACHING_DICOMWEB_URL), when configured. */
  readonly teachingPacs?: Pacs;
  readonly audit?: AuditTrail;
  readonly softwareVersion: string;
}

const idParams = z.object({ id: z.uuid().describe('A teaching case id') });
const noParams = z.object({});
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id.toLowerCase();
/** Content types an import body may come as (browsers on Windows call a zip x-zip-compressed). */
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/** The request's actor, named as X-PercuPlan-User says in single-user mode (as the case routes do). */
/** The body read up to `limit` bytes; null when it is longer (the rest is not read). */
async function readLimited(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > limit) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}

/** A teaching case's files with their bytes, read from the store. */
async function withBytes(list: readonly TeachingFile[]): Promise<{ file: TeachingFile; bytes: Uint8Array }[]> {
  const out: { file: TeachingFile; bytes: Uint8Array }[] = [];
  for (const file of list) out.push({ file, bytes: new Uint8Array(await readFile(file.path)) });
  return out;
}

/**
 * `GET /api/teaching/:id/export`, `POST /api/teaching/import`, `POST /api/teaching/:id/pacs`, all
 * `teaching.manage` (attendings; the local user in single-user mode) and audited:
 * - export: a zip of dicom/<study>/<series>/<sop>.dcm for every de-identified file plus
 *   teaching-case.json (TeachingExport: the case without id, version, source or PACS record);
 * - import: such a zip (application/zip, at most 1 GiB, read into memory), checked file by file
 *   (teachingImportZip), made a new draft teaching case with `source: null` on the same UIDs as
 *   the exporting PercuPlan, so its plans' series resolve. Importing a case whose studies a
 *   teaching case here already holds is a 409 naming that case: the store would otherwise hold
 *   two copies of the same instances, and the catalogue serves one file per SOP Instance UID;
 * - pacs: every file and a TCE001 manifest STOWed to TEACHING_DICOMWEB_URL (sendTeachingCase).
 */
export function teachingTransferRoutes(deps: TeachingTransferDeps): (app: FastifyInstance) => Promise<void> {
  const { repo, files } = deps;
  const audit = async (request: FastifyRequest, event: AuditEventName, path: string, detail: { format: string; count: number; studyUids: string[] }, outcome: AuditOutcome = 0) => {
    await deps.audit?.record({
      event,
      outcome,
      actor: request.actor,
      studyUids: detail.studyUids,
      detail: { method: request.method as 'GET' | 'POST', path, format: detail.format, deidentified: true, count: detail.count },
    });
  };
  const noCase = (reply: FastifyReply, id: string) => sendProblem(reply, 404, 'not-found', `No teaching case ${id}`);
  const studiesOf = (list: readonly TeachingFile[]): string[] => [...new Set(list.map((f) => f.studyInstanceUID))];

  return async (app) => {
    // The import body stays a stream until the handler runs, so an account refused the action never uploads it.
    app.addContentTypeParser(ZIP_TYPES, (_request, payload, done) => done(null, payload));

    resourceRoutes(app, '/api/teaching/:id/export', 'teaching case', idParams, {
      GET: {
        action: 'teaching.manage',
        summary: 'The teaching case as a zip: its de-identified DICOM under dicom/<study>/<series>/<sop>.dcm and teaching-case.json (no source case)',
        handler: async (request, reply) => {
          const id = idOf(request);
          const tc = await repo.get(id);
          if (!tc) return noCase(reply, id);
          const list = await files.files(id);
          if (!list.length) return sendProblem(reply, 409, 'no-files', `Teaching case ${id} holds no DICOM file to export`);
          const zip = teachingExportZip(tc, await withBytes(list), deps.softwareVersion, new Date().toISOString());
          await audit(request, 'export', `/api/teaching/${id}/export`, { format: 'teaching-zip', count: list.length, studyUids: studiesOf(list) });
          return reply
            .code(200)
            .headers({ 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${teachingZipName(tc)}"`, 'cache-control': 'no-store' })
            .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
        },
      },
    });

    resourceRoutes(app, '/api/teaching/import', 'teaching case', noParams, {
      POST: {
        action: 'teaching.manage',
        summary: 'Imports a teaching case zip (application/zip, at most 1 GiB) made by GET /api/teaching/:id/export as a new draft teaching case',
        handler: async (request, reply) => {
          const body = request.body as unknown;
          if (!body || typeof (body as Readable).pipe !== 'function') {
            return sendProblem(reply, 415, 'unsupported-media-type', 'Send the teaching case zip as the body, with Content-Type: application/zip');
          }
          const actor = actorOf(request, reply);
          if (!('roles' in actor)) return actor;
          const zip = await readLimited(body as Readable, TEACHING_IMPORT_MAX_BYTES);
          if (!zip) {
            reply.header('connection', 'close');
            reply.raw.once('finish', () => request.raw.destroy());
            return sendProblem(reply, 413, 'body-too-large', `The zip is larger than ${TEACHING_IMPORT_MAX_BYTES / 2 ** 30} GiB, the most this server imports`);
          }
          const read = readTeachingImport(zip);
          if (!read.ok) return sendProblem(reply, read.error.status, read.error.code, read.error.error, read.error.issues ? { issues: read.error.issues.map((m) => ({ path: m.split(': ')[0]!, message: m })) } : {});
          const { doc, files: dicom } = read.value;
          const studyUids = [...new Set(dicom.map((f) => f.studyInstanceUID))];
          const holder = (await repo.list()).find((tc) => tc.studies.some((s) => studyUids.includes(s.studyInstanceUID)));
          if (holder) {
            await audit(request, 'import', '/api/teaching/import', { format: 'teaching-zip', count: 0, studyUids }, 4);
            return sendProblem(reply, 409, 'already-imported', `Teaching case ${holder.id} already holds these images (the same study UIDs): open it rather than importing the zip again`);
          }
          const t = doc.teachingCase;
          const created: TeachingCase = await repo.create(
            { status: 'draft', fields: t.fields, case: t.case, plans: t.plans, studies: t.studies, deidentification: t.deidentification, source: null, teachingPacs: null },
            // The exporter's salt and date shift stay with it; the files are already de-identified.
            { salt: randomBytes(16).toString('hex'), dateShiftDays: 0 },
            actor,
          );
          await files.write(
            created.id,
            dicom.map((f) => ({ sopInstanceUID: f.sopInstanceUID, bytes: f.bytes })),
          );
          await audit(request, 'import', '/api/teaching/import', { format: 'teaching-zip', count: dicom.length, studyUids });
          return sendReply(reply, { status: 201, body: created, headers: { location: `/api/teaching/${created.id}` } });
        },
      },
    });

    resourceRoutes(app, '/api/teaching/:id/pacs', 'teaching case', idParams, {
      POST: {
        action: 'teaching.manage',
        summary: 'Sends the de-identified files and a TCE001 "For Teaching File Export" manifest to TEACHING_DICOMWEB_URL: 200 all stored, 207 some not (same body)',
        ignoreBody: true,
        handler: async (request, reply) => {
          const pacs = deps.teachingPacs;
          if (!pacs) return sendProblem(reply, 404, 'not-configured', 'No teaching PACS is configured: set TEACHING_DICOMWEB_URL in the server environment to send teaching cases to one');
          const id = idOf(request);
          const tc = await repo.get(id);
          if (!tc) return noCase(reply, id);
          const list = await files.files(id);
          if (!list.length) return sendProblem(reply, 409, 'no-files', `Teaching case ${id} holds no DICOM file to send`);
          const path = `/api/teaching/${id}/pacs`;
          let sent;
          try {
            sent = await sendTeachingCase(pacs.client, tc, await withBytes(list), deps.softwareVersion);
          } catch (e) {
            // Some files may have reached the PACS before it failed: the attempt is recorded too.
            if (e instanceof PacsError) await audit(request, 'export', path, { format: 'teaching-stow', count: list.length + 1, studyUids: studiesOf(list) }, 8);
            throw e;
          }
          if (!sent.ok) return sendProblem(reply, 422, 'not-exportable', sent.error);
          const { manifestSopInstanceUID, stored, failed } = sent.value;
          await repo.setTeachingPacs(id, { sentAt: new Date().toISOString(), pacs: pacs.source.label, stored: stored.length, failed: failed.length });
          await audit(request, 'export', path, { format: 'teaching-stow', count: stored.length, studyUids: studiesOf(list) }, failed.length ? 4 : 0);
          const answer: TeachingPacsAnswer = { pacs: pacs.source.label, teachingCaseId: id, manifestSopInstanceUID, stored, failed };
          return sendReply(reply, { status: failed.length ? 207 : 200, body: answer });
        },
      },
    });
  };
}
