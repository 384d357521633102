import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { issuesOf, type FieldIssue } from '../../records';
import { HttpProblem } from './actor';

/** Sends a JSON answer that no cache keeps (every auth answer names an account). */
export function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Sends the one error envelope `{error, code, issues?}`. */
export const problem = (reply: FastifyReply, status: number, code: string, error: string, issues?: FieldIssue[]): FastifyReply =>
  send(reply, status, { error, code, ...(issues ? { issues } : {}) });

/** Parses a JSON body against a schema or throws the 400 envelope with the field paths. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(400, 'invalid-fields', 'The request has fields that are missing or not valid', { issues: issuesOf(parsed.error) });
  return parsed.data;
}

/** Runs a route's body, answering an HttpProblem with the envelope (the auth routes must work without the app's error handler). */
export const guarded =
  (handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      return await handler(request, reply);
    } catch (e) {
      if (e instanceof HttpProblem) return send(reply, e.status, e.toBody());
      throw e;
    }
  };
