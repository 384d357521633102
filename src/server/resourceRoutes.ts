import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { z } from 'zod';
import type { Action } from './auth/policy';
import type { Actor } from './auth/actor';
import { sendProblem, sendReply } from './fastifyBase';
import { requestActor } from './records/requestActor';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const ALL = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One route of a resource: what it needs, what it does, how OpenAPI describes it. */
export interface ResourceRouteSpec {
  action: Action;
  summary: string;
  handler: RouteHandlerMethod;
  body?: z.ZodType;
  querystring?: z.ZodType;
  /** The route takes no body. */
  ignoreBody?: boolean;
  bodyLimit?: number;
}

/**
 * Declares a resource's methods, each with its action, and a 405 naming the allowed methods
 * for every other one (the error envelope, with Allow).
 */
export function resourceRoutes(app: FastifyInstance, url: string, kind: string, params: z.ZodType, methods: Partial<Record<Method, ResourceRouteSpec>>): void {
  for (const [method, spec] of Object.entries(methods) as [Method, ResourceRouteSpec][]) {
    app.route({
      method,
      url,
      config: { action: spec.action, notFoundKind: kind, ...(spec.ignoreBody ? { ignoreBody: true } : {}) },
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      schema: { summary: spec.summary, params, ...(spec.body ? { body: spec.body } : {}), ...(spec.querystring ? { querystring: spec.querystring } : {}) },
      handler: spec.handler,
    });
  }
  const allow = Object.keys(methods).join(', ');
  app.route({
    method: ALL.filter((m) => !(m in methods)),
    url,
    config: { notFoundKind: kind, ignoreBody: true },
    schema: { hide: true },
    handler: (request, reply) => sendProblem(reply.header('allow', allow), 405, 'method-not-allowed', `${request.method} is not allowed on ${request.url.split('?')[0]}; use ${allow}`),
  });
}

/**
 * The account a change is attributed to: the signed-in one, or in single-user mode the name the
 * X-PercuPlan-User header gives (as the case routes read it); a bad header is answered here.
 */
export function actorOf(request: FastifyRequest, reply: FastifyReply): Actor | FastifyReply {
  if (request.actor.mode !== 'single-user') return request.actor;
  const who = requestActor(request.raw, request.actor.username);
  return who.ok ? { ...request.actor, username: who.value } : sendReply(reply, who.error);
}
