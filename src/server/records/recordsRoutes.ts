import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { caseInputSchema, planInputSchema } from '../../records';
import type { Action } from '../auth/policy';
import type { AuditTrail } from '../auth/auditTrail';
import { createBaseApp, sendProblem, sendReply } from '../fastifyBase';
import { caseHandlers } from './caseHandlers';
import type { ProcessContext } from '../planning/processPlanContent';
import { planHandlers } from './planHandlers';
import type { RecordsRepository } from './recordsRepository';
import type { Reply } from './apiProblem';
import { requestActor } from './requestActor';
import type { RouteInput } from './routeInput';

type Handler = (input: RouteInput) => Promise<Reply> | Reply;
type Method = 'GET' | 'POST' | 'PUT';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const id = z.string().regex(UUID).describe('A UUID');
const n = z.string().regex(/^[1-9][0-9]{0,8}$/).describe('A version number, from 1');
const idParams = z.object({ id });
const versionParams = z.object({ id, n });
const caseQuery = z.object({
  status: z.string().optional(),
  procedure: z.string().optional(),
  tumourType: z.string().optional(),
  study: z.string().optional(),
  archived: z.enum(['exclude', 'include', 'only']).optional(),
  q: z.string().optional(),
  limit: z.string().optional(),
  offset: z.string().optional(),
});
const archiveBody = z.object({ archived: z.boolean().optional(), version: z.number().int().optional() }).optional();

/** Options of the records API. */
export interface RecordsApiOptions {
  /** Who changes are attributed to when a request does not say (the local user). */
  defaultActor: string;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** What saved plans are recomputed with (catalogue, CT volumes); default: the shipped catalogue, no volumes. */
  planContext?: ProcessContext;
  /** Where case, plan and export events go; absent: not recorded. */
  audit?: AuditTrail;
}

/** The records routes as a Fastify plugin (registered by the app, and by {@link createRecordsHandler}). */
export type RecordsPlugin = (app: FastifyInstance) => Promise<void>;

/**
 * The records API served alone: resolves true when it answered (the path is /api/cases…,
 * /api/plans… or /api/openapi.json). `plugin` registers the same routes into the app.
 */
export interface RecordsRequestHandler {
  (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  readonly plugin: RecordsPlugin;
}

interface RouteSpec {
  handler: Handler;
  action: Action;
  body?: z.ZodType;
  query?: z.ZodType;
  summary: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Declares one resource path: its methods with their zod schemas and actions, and a 405
 * (with Allow) for the other methods, as the hand-rolled router answered before Fastify.
 */
function resource(
  app: FastifyInstance,
  url: string,
  kind: string,
  methods: Partial<Record<Method, RouteSpec>>,
  run: (spec: RouteSpec, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>,
  bodyLimit: number | undefined,
): void {
  const params = url.includes(':n') ? versionParams : url.includes(':id') ? idParams : undefined;
  for (const [method, spec] of Object.entries(methods) as [Method, RouteSpec][]) {
    app.route({
      method,
      url,
      ...(bodyLimit === undefined ? {} : { bodyLimit }),
      config: { action: spec.action, notFoundKind: kind },
      schema: {
        summary: spec.summary,
        ...(params ? { params } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
      },
      handler: (request, reply) => run(spec, request, reply),
    });
  }
  const allow = Object.keys(methods).join(', ');
  const others = METHODS.filter((m) => !(m in methods));
  if (others.length) {
    app.route({
      method: [...others],
      url,
      config: { notFoundKind: kind },
      schema: { hide: true },
      handler: (request, reply) =>
        sendProblem(reply.header('allow', allow), 405, 'method-not-allowed', `${request.method} is not allowed on ${request.url.split('?')[0]}; use ${allow}`),
    });
  }
}

/**
 * The records API (/api/cases…, /api/plans…). Every refusal is a 4xx with a code and, for bad
 * fields, their paths; only a fault of the server itself gives a 5xx.
 */
export function recordsRoutes(repo: RecordsRepository, options: RecordsApiOptions): RecordsPlugin {
  const cases = caseHandlers(repo);
  const plans = planHandlers(repo, options.planContext);
  return async (app) => {
    const run = async (spec: RouteSpec, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const p = (request.params ?? {}) as { id?: string; n?: string };
      let actor = request.actor.username;
      // Single-user mode keeps trusting X-PercuPlan-User for who made a change; accounts mode ignores it.
      if (request.actor.mode === 'single-user' && (request.method === 'POST' || request.method === 'PUT')) {
        const who = requestActor(request.raw, actor);
        if (!who.ok) return sendReply(reply, who.error);
        actor = who.value;
      }
      const answer = await spec.handler({
        req: request.raw,
        request,
        url: new URL(request.url, 'http://localhost'),
        params: [p.id?.toLowerCase() ?? '', p.n ?? ''],
        body: request.body,
        actor,
        who: request.actor,
        audit: options.audit,
      });
      return sendReply(reply, answer);
    };
    const limit = options.bodyLimit;
    const r = (url: string, kind: string, methods: Partial<Record<Method, RouteSpec>>): void => resource(app, url, kind, methods, run, limit);
    r('/api/cases', 'case', {
      GET: { handler: cases.list, action: 'case.read', query: caseQuery, summary: 'Lists cases (filters: status, procedure, tumourType, study, archived, q, limit, offset)' },
      POST: { handler: cases.create, action: 'case.write', body: caseInputSchema, summary: 'Creates a case' },
    });
    r('/api/cases/:id', 'case', {
      GET: { handler: cases.get, action: 'case.read', summary: 'Reads a case' },
      PUT: { handler: cases.update, action: 'case.write', body: caseInputSchema, summary: 'Saves a case (If-Match or version)' },
    });
    r('/api/cases/:id/history', 'case', { GET: { handler: cases.history, action: 'case.read', summary: "A case's versions" } });
    r('/api/cases/:id/versions/:n', 'case', { GET: { handler: cases.version, action: 'case.read', summary: 'One version of a case' } });
    r('/api/cases/:id/archive', 'case', {
      POST: { handler: cases.archive, action: 'case.write', body: archiveBody, summary: 'Archives or restores a case with its plans' },
    });
    r('/api/cases/:id/fhir', 'case', {
      GET: { handler: cases.fhir, action: 'export.identifiable', summary: 'The case as a FHIR R4 Bundle (an export)' },
    });
    r('/api/cases/:id/plans', 'case', {
      GET: { handler: plans.list, action: 'plan.read', summary: "A case's plans (include=content for their content)" },
      POST: { handler: plans.create, action: 'plan.write', body: planInputSchema, summary: 'Creates a plan of the case (X-PercuPlan-Save-Notes: why its HU-based metrics were not computed, percent-encoded JSON array)' },
    });
    r('/api/plans/:id', 'plan', {
      GET: { handler: plans.get, action: 'plan.read', summary: 'Reads a plan' },
      PUT: { handler: plans.update, action: 'plan.write', body: planInputSchema, summary: 'Saves a plan (If-Match or version; X-PercuPlan-Save-Notes: why its HU-based metrics were not computed, percent-encoded JSON array)' },
    });
    r('/api/plans/:id/history', 'plan', { GET: { handler: plans.history, action: 'plan.read', summary: "A plan's versions" } });
    r('/api/plans/:id/versions/:n', 'plan', { GET: { handler: plans.version, action: 'plan.read', summary: 'One version of a plan' } });
    r('/api/plans/:id/archive', 'plan', {
      POST: { handler: plans.archive, action: 'plan.write', body: archiveBody, summary: 'Archives or restores a plan' },
    });
  };
}

const OURS = /^\/api\/(cases|plans|openapi\.json)(\/|$)/;

/**
 * The records API alone on its own Fastify instance (the tests serve it this way), as a
 * request handler that answers only its own paths; the app registers `plugin` instead.
 */
export function createRecordsHandler(repo: RecordsRepository, options: RecordsApiOptions): RecordsRequestHandler {
  const plugin = recordsRoutes(repo, options);
  let ready: Promise<RequestListener> | undefined;
  // Built on first use only: the app registers `plugin` into its own instance and never calls this.
  const build = async (): Promise<RequestListener> => {
    const app = await createBaseApp({ defaultActor: options.defaultActor, bodyLimit: options.bodyLimit });
    app.setNotFoundHandler((request, reply) => sendReply(reply, apiNotFound(request.method, request.url)));
    await app.register(plugin);
    app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
    // Fastify's routing function, without a server of its own: requests come from the caller's server.
    await app.ready();
    return app.routing as unknown as RequestListener;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!OURS.test(url.pathname)) return false;
    ready ??= build();
    const listener = await ready;
    await new Promise<void>((resolve) => {
      res.once('close', () => resolve());
      listener(req, res);
    });
    return true;
  };
  return Object.assign(handle, { plugin });
}

/** The 404 of an /api path no route takes: names the case or plan when the path names one. */
export function apiNotFound(method: string, rawUrl: string): Reply {
  const pathname = rawUrl.split('?')[0] ?? rawUrl;
  const [, kind, , id] = /^\/api\/(cases|plans)(\/([^/]*))?/.exec(pathname) ?? [];
  const error = kind && id ? `No ${kind === 'cases' ? 'case' : 'plan'} ${id.slice(0, 100)}` : `No API route ${method} ${pathname}`;
  return { status: 404, body: { error, code: 'not-found' } };
}
