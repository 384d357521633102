import type { FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../records';
import { can, type Action } from './policy';
import type { Role } from './roles';

/** Who makes a request, as the auth plugin decided it (set on every request, public ones too). */
export interface Actor {
  username: string;
  name: string;
  /** Empty for an anonymous request on a public route in accounts mode. */
  roles: readonly Role[];
  mode: 'single-user' | 'accounts';
  /** sha256 hex of the session cookie; null in single-user mode or without a session. */
  sessionHash: string | null;
  /** The client's address as the server saw it. */
  address: string;
  /** The session's CSRF token; null without a session. */
  csrfToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

/** A refusal a handler throws; the error handler sends it as the envelope `{error, code, issues?, current?}`. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[] | undefined;
  readonly current: unknown;

  constructor(status: number, code: string, message: string, extra: { issues?: FieldIssue[]; current?: unknown } = {}) {
    super(message);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.issues = extra.issues;
    this.current = extra.current;
  }

  /** The JSON body of the refusal. */
  toBody(): { error: string; code: string; issues?: FieldIssue[]; current?: unknown } {
    return {
      error: this.message,
      code: this.code,
      ...(this.issues === undefined ? {} : { issues: this.issues }),
      ...(this.current === undefined ? {} : { current: this.current }),
    };
  }
}

/** Throws an HttpProblem (403 code 'forbidden') unless the actor may do `action`. */
export function requireAction(request: FastifyRequest, action: Action): void {
  const roles = request.actor?.roles ?? [];
  if (!can(roles, action)) {
    throw new HttpProblem(403, 'forbidden', `Your role does not allow this (${action})`);
  }
}
