import { describe, expect, it } from 'vitest';
import { parseUsersArgs } from './usersCliArgs';

describe('npm run users: the command line', () => {
  it('reads add with several roles and a full name, in either option form', () => {
    expect(parseUsersArgs(['add', 'alice', '--role', 'attending', '--role=admin', '--name', 'Alice Example'])).toEqual({
      kind: 'add',
      username: 'alice',
      roles: ['attending', 'admin'],
      name: 'Alice Example',
    });
    expect(parseUsersArgs(['add', '--name=Bob B', 'bob', '--role', 'board'])).toEqual({ kind: 'add', username: 'bob', roles: ['board'], name: 'Bob B' });
  });

  it('reads the one-name commands and roles', () => {
    expect(parseUsersArgs(['list'])).toEqual({ kind: 'list' });
    expect(parseUsersArgs(['disable', 'alice'])).toEqual({ kind: 'disable', username: 'alice' });
    expect(parseUsersArgs(['enable', 'alice'])).toEqual({ kind: 'enable', username: 'alice' });
    expect(parseUsersArgs(['reset-password', 'alice'])).toEqual({ kind: 'reset-password', username: 'alice' });
    expect(parseUsersArgs(['roles', 'alice', '--role', 'trainee,board'])).toEqual({ kind: 'roles', username: 'alice', roles: ['trainee', 'board'] });
  });

  it('says what is wrong with a refused command line', () => {
    expect(parseUsersArgs([])).toEqual({ error: 'no command given' });
    expect(parseUsersArgs(['delete', 'alice'])).toEqual({ error: 'unknown command "delete"' });
    expect(parseUsersArgs(['add', 'alice'])).toEqual({ error: 'add needs at least one --role' });
    expect(parseUsersArgs(['add', 'alice', 'bob', '--role', 'board'])).toEqual({ error: 'add takes exactly one user name' });
    expect(parseUsersArgs(['add', 'alice', '--role'])).toEqual({ error: '--role needs a value' });
    expect(parseUsersArgs(['add', 'alice', '--password', 'x'])).toEqual({ error: expect.stringMatching(/^the password is read from standard input/) });
    expect(parseUsersArgs(['add', 'alice', '--colour', 'x'])).toEqual({ error: 'unknown option --colour' });
    expect(parseUsersArgs(['disable', 'alice', '--role', 'admin'])).toEqual({ error: 'disable takes no --role or --name' });
    expect(parseUsersArgs(['roles', 'alice'])).toEqual({ error: 'roles needs at least one --role' });
  });
});
