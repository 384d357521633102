import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifySchemaCompiler } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';
import { HttpProblem, requireAction, type Actor } from './auth/actor';
import type { Action } from './auth/policy';
import { PacsError } from './dicomweb/pacsError';
import type { ApiProblem, ProblemCode, Reply } from './records/apiProblem';
import { DEFAULT_BODY_LIMIT, readJsonBody } from './records/requestBody';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route needs; the guard calls requireAction with it before the handler. */
    action?: Action;
    /** For a path parameter that fails its schema: the 404 says "No <notFoundKind> <value>", as for an unknown id. */
    notFoundKind?: string;
    /** The route takes no body (the read-only DICOMweb proxy): any body sent is thrown away unread. */
    ignoreBody?: boolean;
  }
}

/** A refused body: past the drain limit the connection is closed after the answer. */
class BodyProblem extends HttpProblem {
  constructor(
    reply: Reply,
    readonly closeConnection: boolean,
  ) {
    const body = reply.body as ApiProblem;
    super(reply.status, body.code, body.error, { issues: body.issues });
  }
}

/** Options of the Fastify instance every PercuPlan app (and the records API alone) is built on. */
export interface BaseAppOptions {
  /** Largest accepted request body in bytes (routes may lower it). */
  bodyLimit?: number;
  /** Who a request is attributed to when no auth plugin decided (the records API served alone). */
  defaultActor: string;
}

/** The single-user actor: the person at this machine, who may do everything. */
export function localActor(username: string, address: string): Actor {
  return { username, name: username, roles: ['attending', 'admin'], mode: 'single-user', sessionHash: null, address, csrfToken: null };
}

/** Sends a decided reply as JSON; its own headers (a FHIR content type, an ETag) win over the defaults. */
export function sendReply(reply: FastifyReply, r: Reply): FastifyReply {
  return reply
    .code(r.status)
    .headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...r.headers })
    .send(JSON.stringify(r.body));
}

/** Sends the one error envelope. */
export function sendProblem(reply: FastifyReply, status: number, code: ProblemCode | string, error: string, extra: Omit<ApiProblem, 'error' | 'code'> = {}): FastifyReply {
  return sendReply(reply, { status, body: { error, code, ...extra } });
}

/**
 * Path parameters are checked with their zod schemas (fastify-type-provider-zod); bodies and
 * query strings are documented from their schemas but validated in the handlers, which migrate
 * an older schemaVersion first and answer with the field paths in the one envelope.
 */
const validator: FastifySchemaCompiler<$ZodType> = (route) => {
  if (route.httpPart === 'body' || route.httpPart === 'querystring') return (data: unknown) => ({ value: data });
  return validatorCompiler(route);
};

function codeOfStatus(status: number): ProblemCode {
  if (status === 413) return 'body-too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status === 404) return 'not-found';
  if (status === 405) return 'method-not-allowed';
  if (status === 429) return 'too-many-attempts';
  return 'invalid-json';
}

function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (reply.sent || reply.raw.headersSent) {
    reply.raw.destroy();
    return;
  }
  if (error instanceof HttpProblem) {
    if (error instanceof BodyProblem && error.closeConnection) {
      reply.header('connection', 'close');
      reply.raw.once('finish', () => request.raw.destroy());
    }
    sendReply(reply, { status: error.status, body: error.toBody() });
    return;
  }
  if (error instanceof PacsError) {
    console.warn(`[dicomweb] ${request.method} ${request.url.split('?')[0]}: ${error.message}`);
    sendProblem(reply, error.status, 'pacs-unavailable', error.message);
    return;
  }
  const fe = error as FastifyError;
  if (fe.validation && fe.validationContext === 'params') {
    const kind = request.routeOptions.config.notFoundKind ?? 'resource';
    const value = Object.values((request.params ?? {}) as Record<string, string>).join('/');
    sendProblem(reply, 404, 'not-found', `No ${kind} ${value.slice(0, 100)}`);
    return;
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    sendProblem(reply, fe.statusCode, codeOfStatus(fe.statusCode), fe.message);
    return;
  }
  console.error(`[server] ${request.method} ${request.url.split('?')[0]} failed:`, error);
  sendProblem(reply, 500, 'internal-error', 'Internal error; see the server log');
}

/**
 * A Fastify instance with PercuPlan's conventions: the zod validator (path parameters) and
 * serializer, JSON bodies read by {@link readJsonBody} (415/413/400 in the envelope; a 413 the
 * client can read), every error as the envelope `{error, code, issues?, current?}`, the route's
 * declared action checked before its handler, and @fastify/swagger collecting the schemas.
 */
export async function createBaseApp(options: BaseAppOptions): Promise<FastifyInstance> {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: false,
    bodyLimit: limit,
    // A malformed URL (bad percent-encoding) is the client's fault: the envelope, not Fastify's own body.
    frameworkErrors: (error, _request, reply) => {
      sendProblem(reply, 400, 'invalid-path', `The request URL cannot be read: ${error.message}`);
    },
  });
  app.setValidatorCompiler(validator);
  app.setSerializerCompiler(serializerCompiler);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', async (request: FastifyRequest) => {
    if (request.routeOptions.config.ignoreBody) {
      request.raw.resume();
      return undefined;
    }
    const read = await readJsonBody(request.raw, request.routeOptions.bodyLimit ?? limit);
    if (!read.ok) throw new BodyProblem(read.error.reply, read.error.closeConnection);
    return read.value;
  });
  app.setErrorHandler(handleError);
  app.addHook('preHandler', async (request) => {
    // Without the auth plugin (the records API served alone in tests) the request is the local user's.
    if ((request as { actor?: Actor }).actor === undefined) request.actor = localActor(options.defaultActor, request.ip);
    const action = request.routeOptions.config.action;
    if (action) requireAction(request, action);
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PercuPlan API',
        version: '1',
        description: 'Every refusal is `{ error, code, issues?, current? }` with a 4xx; only a fault of the server is a 5xx.',
      },
    },
    transform: jsonSchemaTransform,
  });
  return app;
}
