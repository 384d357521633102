import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issuesOf, keyImageCreateSchema, keyImagePatchSchema } from '../../records';
import type { AuditEventName, AuditTrail } from '../auth/auditTrail';
import { sendProblem, sendReply } from '../fastifyBase';
import { actorOf, resourceRoutes } from '../resourceRoutes';
import { parseKeyImageCreate } from './keyImageInput';
import type { KeyImagesRepository } from './keyImagesRepository';

/** Path parameters: a case id or a key image id (UUIDs; anything else is a 404). */
export const caseParams = z.object({ id: z.uuid().describe('A case id') });
export const keyImageParams = z.object({ id: z.uuid().describe('A key image id') });
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id.toLowerCase();

/** The account a change is attributed to; single-user mode trusts X-PercuPlan-User, as the case routes do. */
function actorName(request: FastifyRequest, reply: FastifyReply): string | FastifyReply {
  const who = actorOf(request, reply);
  return 'username' in who ? who.username : who;
}

/** A body of 8 MB of PNG as base64 is about 11.2 MB; the rest of the key image is small. */
const CREATE_BODY_LIMIT = 12 * 1024 * 1024;

/**
 * The key image API (`src/api/keyImages.ts` is its client): a case's saved views with their
 * PNG. Reading needs `case.read` (board accounts see the key images of the cases they discuss);
 * saving, changing and removing need `case.write`.
 */
export function keyImagesRoutes(repo: KeyImagesRepository, options: { audit?: AuditTrail }): (app: FastifyInstance) => Promise<void> {
  const audit = async (request: FastifyRequest, event: AuditEventName, caseId: string, id: string, changes?: string[]): Promise<void> => {
    await options.audit?.record({
      event,
      actor: request.actor,
      caseId,
      detail: { method: request.method as 'POST' | 'PATCH' | 'DELETE', path: `/api/key-images/${id}`, ...(changes ? { changes } : {}) },
    });
  };
  const noCase = (reply: FastifyReply, id: string) => sendProblem(reply, 404, 'not-found', `No case ${id}`);
  const noImage = (reply: FastifyReply, id: string) => sendProblem(reply, 404, 'not-found', `No key image ${id}`);

  return async (app) => {
    resourceRoutes(app, '/api/cases/:id/key-images', 'case', caseParams, {
      GET: {
        action: 'case.read',
        summary: "The case's key images, oldest first (removed ones left out)",
        handler: async (request, reply) => {
          const caseId = idOf(request);
          if (!(await repo.caseExists(caseId))) return noCase(reply, caseId);
          return sendReply(reply, { status: 200, body: { keyImages: await repo.list(caseId) } });
        },
      },
      POST: {
        action: 'case.write',
        summary: 'Saves a view of the case with its rendered PNG (base64, 8-bit RGB or RGBA, at most 8 MB)',
        body: keyImageCreateSchema,
        bodyLimit: CREATE_BODY_LIMIT,
        handler: async (request, reply) => {
          const caseId = idOf(request);
          const actor = actorName(request, reply);
          if (typeof actor !== 'string') return actor;
          const input = parseKeyImageCreate(caseId, request.body);
          if (!input.ok) return sendReply(reply, input.error);
          if (!(await repo.caseExists(caseId))) return noCase(reply, caseId);
          const stored = await repo.create(input.value, actor);
          await audit(request, 'keyImage.create', caseId, stored.id);
          return sendReply(reply, { status: 201, body: stored, headers: { location: `/api/key-images/${stored.id}` } });
        },
      },
    });

    resourceRoutes(app, '/api/key-images/:id', 'key image', keyImageParams, {
      GET: {
        action: 'case.read',
        summary: 'One key image (its PNG is at pngUrl)',
        handler: async (request, reply) => {
          const found = await repo.get(idOf(request));
          return found ? sendReply(reply, { status: 200, body: found }) : noImage(reply, idOf(request));
        },
      },
      PATCH: {
        action: 'case.write',
        summary: "Changes a key image's caption or purpose",
        body: keyImagePatchSchema,
        handler: async (request, reply) => {
          const id = idOf(request);
          const actor = actorName(request, reply);
          if (typeof actor !== 'string') return actor;
          const body: unknown = request.body;
          if (body === null || typeof body !== 'object' || Array.isArray(body)) return sendProblem(reply, 400, 'invalid-json', 'The body must be a JSON object ({caption?, purpose?})');
          const parsed = keyImagePatchSchema.safeParse(body);
          if (!parsed.success) return sendProblem(reply, 400, 'invalid-fields', 'Invalid key image change', { issues: issuesOf(parsed.error) });
          const changed = await repo.patch(id, parsed.data);
          if (!changed) return noImage(reply, id);
          await audit(request, 'keyImage.update', changed.caseId, id, Object.keys(parsed.data));
          return sendReply(reply, { status: 200, body: changed });
        },
      },
      DELETE: {
        action: 'case.write',
        summary: "Removes a key image from the case's list (the row is kept, marked removed)",
        ignoreBody: true,
        handler: async (request, reply) => {
          const id = idOf(request);
          const actor = actorName(request, reply);
          if (typeof actor !== 'string') return actor;
          const found = await repo.get(id);
          if (!found || !(await repo.remove(id, actor))) return noImage(reply, id);
          await audit(request, 'keyImage.remove', found.caseId, id);
          return reply.code(204).header('cache-control', 'no-store').send();
        },
      },
    });

    resourceRoutes(app, '/api/key-images/:id/png', 'key image', keyImageParams, {
      GET: {
        action: 'case.read',
        summary: "A key image's rendered view, the PNG exactly as saved",
        handler: async (request, reply) => {
          const png = await repo.png(idOf(request));
          if (!png) return noImage(reply, idOf(request));
          return reply
            .code(200)
            .headers({ 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'private, max-age=3600' })
            .send(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
        },
      },
    });
  };
}
