import { z } from 'zod';

/*
 * What an audit row may say beyond its columns. Only identifiers, codes, numbers and flags are
 * allowed, each key known in advance: a free-text field would be the place where a patient's
 * name or a password ends up in a log that is kept for years and cannot be edited.
 */

/** A machine code: lower-case words, digits, dots, dashes (a status, a reason, a field name). */
const code = z.string().regex(/^[a-z0-9][a-zA-Z0-9._-]{0,63}$/, 'a code (letters, digits, . _ -)');
/** An account name as the accounts table holds it. */
const accountName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/, 'an account name');
/** A URL path or route pattern, restricted to characters that cannot spell a name with spaces or accents. */
const urlPath = z.string().max(512).regex(/^\/[A-Za-z0-9/_.:~*+-]*$/, 'a URL path without query or escapes');
/** A DICOM UID. */
const uid = z.string().regex(/^[0-9]+(\.[0-9]+)*$/).max(64);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The filters an audit read used (so that reading the trail is itself traceable). */
const auditFilter = z.strictObject({
  account: accountName.optional(),
  caseId: code.optional(),
  event: code.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: count.optional(),
  pageSize: count.optional(),
  format: z.enum(['json', 'fhir', 'verify']).optional(),
});

/** The allowed keys of an audit row's `detail` and what each may hold. Unknown keys are refused. */
export const auditDetailSchema = z.strictObject({
  /** The HTTP method of the request. */
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).optional(),
  /** The request's path without its query string. */
  path: urlPath.optional(),
  /** The route pattern that matched, e.g. `/api/cases/:id`. */
  route: urlPath.optional(),
  /** The HTTP status answered. */
  status: z.number().int().min(100).max(599).optional(),
  /** The error envelope's code, or why a login failed ('invalid-credentials', 'too-many-attempts', 'disabled'). */
  code: code.optional(),
  reason: code.optional(),
  /** A plan's or case's status before and after. */
  fromStatus: code.optional(),
  toStatus: code.optional(),
  /** The names of the fields a change touched (never their values). */
  changes: z.array(code).max(64).optional(),
  /** An export's format and whether it was de-identified. */
  format: code.optional(),
  deidentified: z.boolean().optional(),
  /** The account a change was made to, and its new roles and state. */
  targetAccount: accountName.optional(),
  roles: z.array(code).max(16).optional(),
  disabled: z.boolean().optional(),
  /** 'local' or 'oidc'. */
  source: code.optional(),
  /** A DICOM series UID the event concerned. */
  seriesUid: uid.optional(),
  /** How many things the event touched (instances, cases, rows). */
  count: count.optional(),
  filter: auditFilter.optional(),
});

/** Validated detail of an audit row. */
export type AuditDetail = z.infer<typeof auditDetailSchema>;
