// `npm run users -- <command>`: local accounts, on the database the server uses (DATA_DIR / DATABASE_URL).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../config';
import { cliLog, runCli } from '../records/cliSupport';
import { openRecordsDatabase } from '../records/openRecordStore';
import { localUser } from '../records/requestActor';
import { AccountProblem, createAccountsRepository, type Account, type AccountChange } from './accountsRepository';
import { createAuditTrail } from './auditTrail';
import { passwordProblem } from './passwords';
import { readPasswordLine } from './passwordInput';
import { parseUsersArgs, USERS_USAGE, type UsersCommand } from './usersCliArgs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** One account as a line of `list`. */
const listLine = (a: Account, width: number): string =>
  [a.username.padEnd(width), a.roles.join(',').padEnd(28), (a.disabled ? 'disabled' : 'enabled').padEnd(9), a.source.padEnd(6), a.name].join(' ').trimEnd();

/** Reads a new password and refuses one too short before the database is opened. */
async function newPassword(username: string): Promise<string> {
  const password = await readPasswordLine(`New password for ${username} (at least 12 characters): `);
  const problem = passwordProblem(password);
  if (problem) throw new AccountProblem('invalid-password', problem);
  return password;
}

runCli(async () => {
  const parsed = parseUsersArgs(process.argv.slice(2));
  if ('error' in parsed) {
    cliLog(`error: ${parsed.error}\n${USERS_USAGE}`);
    return 2;
  }
  const command: UsersCommand = parsed;
  // The password is read first: a refused one must not wait for (or hold) the database.
  const password = command.kind === 'add' || command.kind === 'reset-password' ? await newPassword(command.username).catch((e: unknown) => e) : undefined;
  if (password instanceof Error) {
    cliLog(`error: ${password.message}`);
    return 1;
  }

  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  // This command does not listen: HOST does not concern it, DATA_DIR and DATABASE_URL do.
  const config = readConfig({ ...process.env, HOST: '127.0.0.1' }, repoRoot, pkg.version);
  const db = await openRecordsDatabase(process.env, config.dataDir, () => undefined);
  try {
    const accounts = createAccountsRepository(db);
    const audit = createAuditTrail(db);
    // The person at this machine made the change; the trail says it came from the command line.
    const actor = { username: localUser(), roles: [], sessionHash: null, address: 'cli' };
    const recordChange = (account: Account, changes: string[]) =>
      audit.record({
        event: 'account.change',
        actor,
        detail: { targetAccount: account.username, roles: account.roles, disabled: account.disabled, source: account.source, changes, reason: 'cli' },
      });
    const change = async (username: string, what: AccountChange, say: (a: Account) => string): Promise<number> => {
      const account = await accounts.update(username, what);
      await recordChange(account, Object.keys(what));
      cliLog(say(account));
      return 0;
    };
    try {
      switch (command.kind) {
        case 'add': {
          const account = await accounts.create({ username: command.username, name: command.name, roles: command.roles, password: password as string });
          await recordChange(account, ['created']);
          cliLog(`added ${account.username} (${account.roles.join(', ')})`);
          return 0;
        }
        case 'list': {
          const all = await accounts.list();
          const width = Math.max(8, ...all.map((a) => a.username.length));
          const lines = [['username'.padEnd(width), 'roles'.padEnd(28), 'state'.padEnd(9), 'source', 'name'].join(' '), ...all.map((a) => listLine(a, width))];
          process.stdout.write(`${lines.join('\n')}\n`);
          return 0;
        }
        case 'disable':
          return await change(command.username, { disabled: true }, (a) => `disabled ${a.username}; their sessions are ended`);
        case 'enable':
          return await change(command.username, { disabled: false }, (a) => `enabled ${a.username} (${a.roles.join(', ')})`);
        case 'roles':
          return await change(command.username, { roles: command.roles }, (a) => `${a.username} now has the roles ${a.roles.join(', ')}`);
        case 'reset-password':
          return await change(command.username, { password: password as string }, (a) => `new password set for ${a.username}; their sessions are ended`);
      }
    } catch (e) {
      if (e instanceof AccountProblem) {
        cliLog(`error: ${e.message}`);
        return 1;
      }
      throw e;
    }
  } finally {
    await db.close();
  }
});
