import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem, sendReply, type Reply } from './apiProblem';
import { caseHandlers } from './caseHandlers';
import type { ProcessContext } from '../planning/processPlanContent';
import { openApiDocument } from './openApiDocument';
import { planHandlers } from './planHandlers';
import type { RecordsRepository } from './recordsRepository';
import { readJsonBody, DEFAULT_BODY_LIMIT } from './requestBody';
import { requestActor } from './requestActor';
import type { RouteInput } from './routeInput';

type Handler = (input: RouteInput) => Promise<Reply> | Reply;

interface Route {
  pattern: RegExp;
  methods: Partial<Record<'GET' | 'POST' | 'PUT', Handler>>;
}

const ID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const N = '([1-9][0-9]{0,8})';

/** Options of the records API. */
export interface RecordsApiOptions {
  /** Who changes are attributed to when a request does not say (the local user). */
  defaultActor: string;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** What saved plans are recomputed with (catalogue, CT volumes); default: the shipped catalogue, no volumes. */
  planContext?: ProcessContext;
}

/** A request handler for the records API: resolves true when it answered the request. */
export type RecordsRequestHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/**
 * The records API (/api/cases…, /api/plans…, /api/openapi.json). Every refusal is a 4xx with
 * a code and, for bad fields, their paths; only a fault of the server itself gives a 5xx.
 */
export function createRecordsHandler(repo: RecordsRepository, options: RecordsApiOptions): RecordsRequestHandler {
  const cases = caseHandlers(repo);
  const plans = planHandlers(repo, options.planContext);
  const openapi = openApiDocument();
  const routes: Route[] = [
    { pattern: /^\/api\/openapi\.json$/, methods: { GET: () => ({ status: 200, body: openapi }) } },
    { pattern: /^\/api\/cases$/, methods: { GET: cases.list, POST: cases.create } },
    { pattern: new RegExp(`^/api/cases/${ID}$`), methods: { GET: cases.get, PUT: cases.update } },
    { pattern: new RegExp(`^/api/cases/${ID}/history$`), methods: { GET: cases.history } },
    { pattern: new RegExp(`^/api/cases/${ID}/versions/${N}$`), methods: { GET: cases.version } },
    { pattern: new RegExp(`^/api/cases/${ID}/archive$`), methods: { POST: cases.archive } },
    { pattern: new RegExp(`^/api/cases/${ID}/fhir$`), methods: { GET: cases.fhir } },
    { pattern: new RegExp(`^/api/cases/${ID}/plans$`), methods: { GET: plans.list, POST: plans.create } },
    { pattern: new RegExp(`^/api/plans/${ID}$`), methods: { GET: plans.get, PUT: plans.update } },
    { pattern: new RegExp(`^/api/plans/${ID}/history$`), methods: { GET: plans.history } },
    { pattern: new RegExp(`^/api/plans/${ID}/versions/${N}$`), methods: { GET: plans.version } },
    { pattern: new RegExp(`^/api/plans/${ID}/archive$`), methods: { POST: plans.archive } },
  ];
  const ours = /^\/api\/(cases|plans|openapi\.json)(\/|$)/;

  const answer = async (req: IncomingMessage, url: URL): Promise<Reply> => {
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    for (const route of routes) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      const handler = route.methods[method as keyof Route['methods']];
      if (!handler) {
        const allow = Object.keys(route.methods).join(', ');
        return { ...problem(405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}; use ${allow}`), headers: { allow } };
      }
      const params = [m[1]?.toLowerCase() ?? '', m[2] ?? ''] as [string, string];
      let actor = options.defaultActor;
      let body: unknown;
      if (method === 'POST' || method === 'PUT') {
        const who = requestActor(req, options.defaultActor);
        if (!who.ok) return who.error;
        actor = who.value;
        const read = await readJsonBody(req, options.bodyLimit ?? DEFAULT_BODY_LIMIT);
        if (!read.ok) {
          const { reply, closeConnection } = read.error;
          return closeConnection ? { ...reply, headers: { ...reply.headers, connection: 'close' } } : reply;
        }
        body = read.value;
      }
      return handler({ req, url, params, body, actor });
    }
    const [, kind, , id] = /^\/api\/(cases|plans)(\/([^/]*))?/.exec(url.pathname) ?? [];
    if (kind && id) return problem(404, 'not-found', `No ${kind === 'cases' ? 'case' : 'plan'} ${id.slice(0, 100)}`);
    return problem(404, 'not-found', `No API route ${req.method} ${url.pathname}`);
  };

  return async (req, res, url) => {
    if (!ours.test(url.pathname)) return false;
    const reply = await answer(req, url);
    sendReply(res, reply);
    // A refused oversized body is not read to its end: drop the connection once answered.
    if (reply.headers?.connection === 'close' && !req.complete) res.once('finish', () => req.destroy());
    return true;
  };
}
