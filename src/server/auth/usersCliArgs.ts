/** One command of `npm run users`. */
export type UsersCommand =
  | { kind: 'add'; username: string; roles: string[]; name: string }
  | { kind: 'list' }
  | { kind: 'disable'; username: string }
  | { kind: 'enable'; username: string }
  | { kind: 'roles'; username: string; roles: string[] }
  | { kind: 'reset-password'; username: string };

/** How to call the CLI, printed with a refused command line. */
export const USERS_USAGE = [
  'usage: npm run users -- <command>',
  '  add <username> --role <role> [--role <role> ...] [--name "Full name"]   (password on standard input)',
  '  list',
  '  disable <username>',
  '  enable <username>',
  '  roles <username> --role <role> [--role <role> ...]',
  '  reset-password <username>                                             (password on standard input)',
  'roles: attending, trainee, board, admin. Passwords have at least 12 characters.',
].join('\n');

/**
 * Reads the command line (the words after `npm run users --`). Options take their value as the
 * next word or after `=`. Returns a sentence saying what is wrong instead of a command.
 */
export function parseUsersArgs(argv: readonly string[]): UsersCommand | { error: string } {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const roles: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const eq = word.indexOf('=');
    const option = word.startsWith('--') ? (eq > 0 ? word.slice(0, eq) : word) : null;
    if (option === null) {
      positional.push(word);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = word.slice(eq + 1);
    else {
      value = rest[i + 1];
      i += 1;
    }
    if (value === undefined) return { error: `${option} needs a value` };
    if (option === '--role') roles.push(...value.split(',').map((r) => r.trim()).filter(Boolean));
    else if (option === '--name') name = value;
    else if (option === '--password') return { error: 'the password is read from standard input, never from the command line (it would stay in the shell history)' };
    else return { error: `unknown option ${option}` };
  }
  const one = (what: string): string | { error: string } => {
    if (positional.length !== 1) return { error: `${what} takes exactly one user name` };
    return positional[0] ?? '';
  };
  const noOptions = (c: UsersCommand): UsersCommand | { error: string } =>
    roles.length || name !== undefined ? { error: `${command} takes no --role or --name` } : c;
  switch (command) {
    case 'add': {
      const username = one('add');
      if (typeof username !== 'string') return username;
      if (!roles.length) return { error: 'add needs at least one --role' };
      return { kind: 'add', username, roles, name: name ?? '' };
    }
    case 'list':
      return positional.length ? { error: 'list takes no user name' } : noOptions({ kind: 'list' });
    case 'disable':
    case 'enable':
    case 'reset-password': {
      const username = one(command);
      return typeof username === 'string' ? noOptions({ kind: command, username }) : username;
    }
    case 'roles': {
      const username = one('roles');
      if (typeof username !== 'string') return username;
      if (!roles.length) return { error: 'roles needs at least one --role' };
      if (name !== undefined) return { error: 'roles takes no --name' };
      return { kind: 'roles', username, roles };
    }
    case undefined:
      return { error: 'no command given' };
    default:
      return { error: `unknown command "${command}"` };
  }
}
