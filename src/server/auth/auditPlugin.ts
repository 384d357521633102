import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issuesOf } from '../../records';
import { HttpProblem, requireAction } from './actor';
import { auditDetailSchema, type AuditDetail } from './auditDetail';
import { AUDIT_EVENT_NAMES } from './auditEvents';
import { toFhirBundle } from './auditFhir';
import type { AuditLog, AuditQuery } from './auditTrail';

/** What the audit plugin is built from. */
export interface AuditPluginOptions {
  audit: AuditLog;
}

const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const SAFE_PATH = /^\/[A-Za-z0-9/_.:~*+-]{0,511}$/;

/** The query string of the audit routes: `account`, `case`, `event`, `from`, `to` (ISO 8601), `page`, `pageSize`. */
export const auditQuerySchema = z.object({
  account: z.string().regex(ACCOUNT, 'an account name').optional(),
  case: z.string().regex(CASE_ID, 'a case id').optional(),
  event: z.enum(AUDIT_EVENT_NAMES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

type AuditQueryString = z.infer<typeof auditQuerySchema>;

function parseQuery(request: FastifyRequest): AuditQueryString {
  const parsed = auditQuerySchema.safeParse(request.query ?? {});
  if (!parsed.success) {
    throw new HttpProblem(400, 'invalid-query', 'The audit filters are not valid', { issues: issuesOf(parsed.error).map((i) => ({ ...i, path: `query:${i.path}` })) });
  }
  return parsed.data;
}

const toFilters = (q: AuditQueryString): AuditQuery => ({
  account: q.account,
  caseId: q.case,
  event: q.event,
  from: q.from === undefined ? undefined : new Date(q.from),
  to: q.to === undefined ? undefined : new Date(q.to),
  page: q.page,
  pageSize: q.pageSize,
});

/**
 * The path a 403 is recorded with: the path without its query string when it is made only of
 * plain characters, else the route pattern that matched (so a file name or a percent-encoded
 * name in a URL never reaches the trail). Wildcard routes always give their pattern.
 */
function auditPath(request: FastifyRequest): Pick<AuditDetail, 'path' | 'route'> {
  const route = request.routeOptions.url;
  const safeRoute = route !== undefined && SAFE_PATH.test(route) ? route : undefined;
  const path = request.url.split('?')[0] ?? '';
  if (route?.includes('*') || !SAFE_PATH.test(path)) return safeRoute ? { route: safeRoute } : {};
  return { path, ...(safeRoute ? { route: safeRoute } : {}) };
}

/** The `code` of a JSON error envelope being sent, when it is one. */
function envelopeCode(payload: unknown): string | undefined {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return undefined;
  try {
    const body = JSON.parse(payload.toString()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

async function auditPluginImpl(app: FastifyInstance, opts: AuditPluginOptions): Promise<void> {
  const { audit } = opts;

  // Every 403 is a security alert. Recorded in onSend, before the answer leaves, so that the
  // row exists by the time the client sees the refusal (onResponse would race the next request).
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode !== 403) return payload;
    const method = request.method.toUpperCase();
    const detailInput: AuditDetail = {
      ...(auditDetailSchema.shape.method.safeParse(method).success ? { method: method as AuditDetail['method'] } : {}),
      ...auditPath(request),
      status: 403,
    };
    const code = envelopeCode(payload);
    if (code && /^[a-z0-9][a-zA-Z0-9._-]{0,63}$/.test(code)) detailInput.code = code;
    try {
      await audit.record({
        event: 'security.forbidden',
        outcome: 4,
        actor: (request as { actor?: FastifyRequest['actor'] }).actor ?? null,
        address: request.ip,
        requestId: String(request.id),
        detail: detailInput,
      });
    } catch (e) {
      // The refusal still goes out; the failure to record it is the operator's to see (no request data in it).
      console.error(`[audit] could not record a 403: ${e instanceof z.ZodError ? 'detail refused by its schema' : e instanceof Error ? e.message : String(e)}`);
    }
    return payload;
  });

  /** Records the read of the trail itself (110101) with the filters used. */
  const recordRead = (request: FastifyRequest, q: AuditQueryString, format: 'json' | 'fhir' | 'verify') =>
    audit.record({
      event: 'audit.read',
      actor: request.actor,
      requestId: String(request.id),
      detail: { filter: { account: q.account, caseId: q.case, event: q.event, from: q.from, to: q.to, page: q.page, pageSize: q.pageSize, format } },
    });

  const routeOptions = (summary: string) => ({ config: { action: 'audit.read' as const }, schema: { summary, querystring: auditQuerySchema } });

  app.get('/api/audit', routeOptions('The audit trail, newest first (filters: account, case, event, from, to; paged)'), async (request) => {
    requireAction(request, 'audit.read');
    const q = parseQuery(request);
    const page = await audit.query(toFilters(q));
    await recordRead(request, q, 'json');
    return page;
  });

  app.get('/api/audit/fhir', routeOptions('The audit trail as a FHIR R4 Bundle (searchset) of AuditEvent resources'), async (request, reply) => {
    requireAction(request, 'audit.read');
    const q = parseQuery(request);
    const page = await audit.query(toFilters(q));
    await recordRead(request, q, 'fhir');
    return reply.header('content-type', 'application/fhir+json; charset=utf-8').send(JSON.stringify(toFhirBundle(page.events, page.total)));
  });

  app.get('/api/audit/verify', { config: { action: 'audit.read' as const }, schema: { summary: "Recomputes the audit trail's hash chain" } }, async (request) => {
    requireAction(request, 'audit.read');
    const result = await audit.verify();
    await recordRead(request, {}, 'verify');
    return result;
  });
}

/**
 * The audit plugin, registered with `app.register(auditPlugin, {audit})`: the audit routes and
 * the hook that records every 403. Marked to skip Fastify's encapsulation (what fastify-plugin
 * does) so the hook applies to the whole app.
 */
export const auditPlugin = Object.assign(auditPluginImpl, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'percuplan-audit',
});
