import { z } from 'zod';
import { ApiError, fetchParsed, readBody, readProblem, request, type ApiProblem } from './apiProblem';
import { setCsrfToken } from './sessionState';

/** The roles an account may hold (the server's `roles.ts`; the UI only hides what a role cannot do). */
export const ROLE_NAMES = ['attending', 'trainee', 'board', 'admin'] as const;
/** One role. */
export type RoleName = (typeof ROLE_NAMES)[number];

const roleSchema = z.enum(ROLE_NAMES);

/** Who is signed in. */
export const authUserSchema = z.object({ username: z.string(), name: z.string(), roles: z.array(roleSchema) });
/** Who is signed in. */
export type AuthUser = z.infer<typeof authUserSchema>;

/** The answer of login and `me`: the user, the CSRF token and (from `me`) the server's mode. */
export const authSessionSchema = z.object({
  user: authUserSchema,
  csrfToken: z.string(),
  mode: z.enum(['single-user', 'accounts']).optional(),
});
/** A session as the server describes it. */
export type AuthSession = z.infer<typeof authSessionSchema>;

/** An account as the admin pages list it. */
export const accountSchema = z.object({
  username: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  source: z.enum(['local', 'oidc']).optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
/** One account. */
export type Account = z.infer<typeof accountSchema>;

// The list may come bare or wrapped; both read as the array.
const accountListSchema = z.union([z.array(accountSchema), z.object({ accounts: z.array(accountSchema) }).transform((o) => o.accounts)]);
const oneAccountSchema = z.union([accountSchema, z.object({ account: accountSchema }).transform((o) => o.account)]);

const snakeToCamel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** Accepts the row keys in camelCase or as the table spells them (snake_case). */
const camelKeys = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [snakeToCamel(k), x])) : v;

/** One row of the audit trail (no patient data in any column). */
export const auditRowSchema = z.preprocess(
  camelKeys,
  z.object({
    seq: z.union([z.number(), z.string()]).transform((s) => Number(s)),
    at: z.string(),
    event: z.string(),
    dicomCode: z.string().nullable().optional(),
    action: z.string().nullable().optional(),
    outcome: z.number(),
    account: z.string().nullable().optional(),
    roles: z.array(z.string()).nullable().optional(),
    caseId: z.string().nullable().optional(),
    planId: z.string().nullable().optional(),
    planVersion: z.number().nullable().optional(),
    studyUids: z.array(z.string()).nullable().optional(),
  }),
);
/** One audit row. */
export type AuditRow = z.infer<typeof auditRowSchema>;

const auditPageSchema = z.object({ events: z.array(auditRowSchema), total: z.number(), page: z.number(), pageSize: z.number() });
/** One page of the audit trail. */
export type AuditPage = z.infer<typeof auditPageSchema>;

const verifySchema = z.object({ ok: z.boolean(), checked: z.number(), firstBad: z.number().nullable().optional() });
/** What checking the audit chain found. */
export type AuditVerification = z.infer<typeof verifySchema>;

/** Filters of the audit viewer; empty ones are not sent. */
export interface AuditFilter {
  account?: string;
  event?: string;
  case?: string;
  /** ISO date-time (UTC). */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** The query string of an audit filter: empty values left out, in a stable order. */
export function auditQuery(f: AuditFilter): string {
  const q = new URLSearchParams();
  for (const key of ['account', 'event', 'case', 'from', 'to', 'page', 'pageSize'] as const) {
    const v = f[key];
    if (v !== undefined && v !== '') q.set(key, String(v));
  }
  return q.toString();
}

/** The outcome of a call that may be refused with a reason to show (a wrong password, a short one). */
export type Refusable<T> = { ok: true; value: T } | { ok: false; status: number; problem: ApiProblem };

const json = { 'content-type': 'application/json', accept: 'application/json' };

async function send<S extends z.ZodType>(endpoint: string, url: string, init: RequestInit, schema: S, sessionProbe = false): Promise<Refusable<z.output<S>>> {
  try {
    const res = await request(endpoint, url, init, { sessionProbe });
    if (res.ok) return { ok: true, value: await readBody(res, schema, endpoint) };
    return { ok: false, status: res.status, problem: await readProblem(res) };
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0;
    return { ok: false, status, problem: { error: e instanceof Error ? e.message : String(e), code: status ? 'unreadable-answer' : 'no-answer' } };
  }
}

/** Typed client of sign-in, sessions, accounts and the audit trail; the CSRF token is kept from login and `me`. */
export const authApi = {
  /** Signs in; a refusal carries the server's sentence (the same for an unknown user and a wrong password). */
  async login(username: string, password: string): Promise<Refusable<AuthSession>> {
    const r = await send('POST /api/auth/login', '/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username, password }) }, authSessionSchema, true);
    if (r.ok) setCsrfToken(r.value.csrfToken);
    return r;
  },
  /** The current session, or null when there is none (401). */
  async me(): Promise<AuthSession | null> {
    const res = await request('GET /api/auth/me', '/api/auth/me', { headers: { accept: 'application/json' } }, { sessionProbe: true });
    if (res.status === 401) {
      setCsrfToken('');
      return null;
    }
    if (!res.ok) {
      const problem = await readProblem(res);
      throw new ApiError('GET /api/auth/me', res.status, problem.error, problem);
    }
    const s = await readBody(res, authSessionSchema, 'GET /api/auth/me');
    setCsrfToken(s.csrfToken);
    return s;
  },
  /** Ends the session (idempotent on the server); the token is forgotten whatever the answer. */
  async logout(): Promise<void> {
    try {
      await request('POST /api/auth/logout', '/api/auth/logout', { method: 'POST' }, { sessionProbe: true });
    } finally {
      setCsrfToken('');
    }
  },
  accounts: () => fetchParsed('GET /api/admin/accounts', '/api/admin/accounts', accountListSchema, { headers: { accept: 'application/json' } }),
  createAccount: (a: { username: string; name: string; roles: RoleName[]; password: string }) =>
    send('POST /api/admin/accounts', '/api/admin/accounts', { method: 'POST', headers: json, body: JSON.stringify(a) }, oneAccountSchema),
  updateAccount: (username: string, change: { name?: string; roles?: RoleName[]; disabled?: boolean; password?: string }) =>
    send('PUT /api/admin/accounts/:username', `/api/admin/accounts/${encodeURIComponent(username)}`, { method: 'PUT', headers: json, body: JSON.stringify(change) }, z.unknown()),
  audit: (f: AuditFilter) => fetchParsed('GET /api/audit', `/api/audit?${auditQuery(f)}`, auditPageSchema, { headers: { accept: 'application/json' } }),
  verifyAudit: () => fetchParsed('GET /api/audit/verify', '/api/audit/verify', verifySchema, { headers: { accept: 'application/json' } }),
};
