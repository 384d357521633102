import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import type { AuditTrail } from '../auth/auditTrail';

/** What a records route handler gets: the request, its URL, the path parameters, and for writes the body and the user. */
export interface RouteInput {
  req: IncomingMessage;
  /** The Fastify request, for requireAction (rules that depend on the stored document). */
  request?: FastifyRequest;
  url: URL;
  /** Path parameters, already checked (ids are UUIDs, versions whole numbers). */
  params: [string, string];
  /** The parsed JSON body (undefined when empty); only read for POST and PUT. */
  body: unknown;
  /** Who the change is attributed to (the signed-in account; in single-user mode the local user or X-PercuPlan-User). */
  actor: string;
  /** Who makes the request, for the audit trail (absent when served without the app). */
  who?: Actor;
  /** Where case, plan and export events are recorded (absent: not recorded). */
  audit?: AuditTrail;
}
