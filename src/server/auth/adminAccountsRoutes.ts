import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountProblem, normaliseUsername, type Account, type AccountsRepository } from './accountsRepository';
import { HttpProblem, requireAction } from './actor';
import type { AuditTrail } from './auditTrail';
import type { ModeDecider } from './authMode';
import { guarded, parseBody, send } from './authReplies';
import { ROLES } from './roles';

const newAccountBody = z.strictObject({
  username: z.string().max(200),
  name: z.string().max(200).optional(),
  roles: z.array(z.string().max(40)).max(ROLES.length * 2),
  password: z.string().max(4096),
});
const accountChangeBody = z.strictObject({
  name: z.string().max(200).optional(),
  roles: z.array(z.string().max(40)).max(ROLES.length * 2).optional(),
  disabled: z.boolean().optional(),
  password: z.string().max(4096).optional(),
});

/** An account as the admin API shows it (never a hash). */
const accountBody = (a: Account) => ({
  username: a.username,
  name: a.name,
  roles: a.roles,
  disabled: a.disabled,
  source: a.source,
  hasPassword: a.hasPassword,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/** The admin API's answer to a refused account change. */
function accountProblem(e: AccountProblem): HttpProblem {
  if (e.code === 'not-found') return new HttpProblem(404, 'not-found', e.message);
  if (e.code === 'exists' || e.code === 'conflict') return new HttpProblem(409, 'account-exists', e.message);
  const path = { 'invalid-username': 'username', 'invalid-password': 'password', 'invalid-roles': 'roles', 'invalid-name': 'name' }[e.code];
  return new HttpProblem(400, 'invalid-fields', e.message, { issues: [{ path, message: e.message }] });
}

/** A repository change, its refusal turned into the admin API's answer. */
async function changed(change: Promise<Account>): Promise<Account> {
  try {
    return await change;
  } catch (e) {
    if (e instanceof AccountProblem) throw accountProblem(e);
    throw e;
  }
}

/**
 * GET/POST /api/admin/accounts and PUT /api/admin/accounts/:username (accounts.manage): list,
 * add, rename, change roles, disable or enable (which ends the account's sessions), reset a
 * password. Each change is audited as account.change.
 */
export function registerAdminAccountRoutes(app: FastifyInstance, deps: { accounts: AccountsRepository; mode: ModeDecider; audit: AuditTrail }): void {
  const { accounts, mode, audit } = deps;

  app.get(
    '/api/admin/accounts',
    { config: { action: 'accounts.manage' } },
    guarded(async (request, reply) => {
      requireAction(request, 'accounts.manage');
      return send(reply, 200, { accounts: (await accounts.list()).map(accountBody) });
    }),
  );

  app.post(
    '/api/admin/accounts',
    { config: { action: 'accounts.manage' } },
    guarded(async (request, reply) => {
      requireAction(request, 'accounts.manage');
      const created = await changed(accounts.create(parseBody(newAccountBody, request.body)));
      mode.invalidate();
      await audit.record({
        event: 'account.change',
        actor: request.actor,
        requestId: String(request.id),
        detail: { targetAccount: created.username, roles: created.roles, disabled: false, source: 'local', changes: ['created'] },
      });
      return send(reply, 201, { account: accountBody(created) });
    }),
  );

  app.put(
    '/api/admin/accounts/:username',
    { config: { action: 'accounts.manage' } },
    guarded(async (request, reply) => {
      requireAction(request, 'accounts.manage');
      const { username } = request.params as { username: string };
      const change = parseBody(accountChangeBody, request.body);
      const target = normaliseUsername(username);
      // An administrator cannot lock themselves out through the page (the CLI still can, at the machine).
      if (target !== null && target === request.actor.username) {
        if (change.disabled === true) throw new HttpProblem(409, 'own-account', 'You cannot disable your own account');
        if (change.roles && !change.roles.includes('admin')) throw new HttpProblem(409, 'own-account', 'You cannot remove the admin role from your own account');
      }
      const updated = await changed(accounts.update(username, change));
      await audit.record({
        event: 'account.change',
        actor: request.actor,
        requestId: String(request.id),
        detail: {
          targetAccount: updated.username,
          roles: updated.roles,
          disabled: updated.disabled,
          changes: (['name', 'roles', 'disabled', 'password'] as const).filter((k) => change[k] !== undefined),
        },
      });
      return send(reply, 200, { account: accountBody(updated) });
    }),
  );
}
