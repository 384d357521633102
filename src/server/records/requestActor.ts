import type { IncomingMessage } from 'node:http';
import { userInfo } from 'node:os';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';

/** The header a client may send to say who is making a change (single-user mode trusts it). */
export const USER_HEADER = 'x-percuplan-user';

/**
 * The user changes are attributed to when a request names none: the operating-system user
 * running the server, which in single-user mode is the person at the machine.
 */
export function localUser(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const name = userInfo().username.trim();
    if (name) return name;
  } catch {
    // No passwd entry for this uid (common in containers): fall through to the environment.
  }
  return env.USER?.trim() || env.LOGNAME?.trim() || 'local-user';
}

/**
 * Who makes this request's change: the X-PercuPlan-User header when present (percent-encoded
 * UTF-8 is decoded, since HTTP headers carry only Latin-1), else `fallback`.
 */
export function requestActor(req: IncomingMessage, fallback: string): Result<string, Reply> {
  const raw = req.headers[USER_HEADER];
  if (raw === undefined) return ok(fallback);
  const bad = (why: string): Result<never, Reply> =>
    err(problem(400, 'invalid-header', `X-PercuPlan-User ${why}`, { issues: [{ path: 'header:X-PercuPlan-User', message: why }] }));
  if (Array.isArray(raw)) return bad('was sent more than once');
  let name = raw.trim();
  if (name.includes('%')) {
    try {
      name = decodeURIComponent(name).trim();
    } catch {
      return bad('is not valid percent-encoding');
    }
  }
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) return bad('must be 1–200 printable characters');
  return ok(name);
}
