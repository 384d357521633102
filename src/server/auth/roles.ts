/** Every role an account may hold; an account holds one or more. */
export const ROLES = ['attending', 'trainee', 'board', 'admin'] as const;

/**
 * - `attending`: the IR who plans and signs (everything clinical).
 * - `trainee`: views cases, edits draft or proposed plans, proposes; never approves or exports identifiable data.
 * - `board`: tumour-board member: reads cases, plans and images; writes only board comments.
 * - `admin`: manages accounts and reads the audit trail; no patient data unless also clinical.
 */
export type Role = (typeof ROLES)[number];

/** Whether `value` names a role (input from the CLI, the admin API, an OIDC claim). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
