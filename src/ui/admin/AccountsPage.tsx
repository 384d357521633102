import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { authApi, type Account, type RoleName } from '../../api/auth';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { RoleChecks } from './RoleChecks';
import { passwordProblem } from './adminFormat';

type Message = { kind: 'info' | 'error'; text: string } | undefined;

/** Accounts: who may sign in, with which roles; add, change roles, disable and enable. */
export function AccountsPage() {
  const [accounts, setAccounts] = useState<Account[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [message, setMessage] = useState<Message>();

  const load = useCallback(() => {
    authApi.accounts().then(
      (a) => {
        setAccounts(a);
        setLoadError(undefined);
      },
      (e: unknown) => setLoadError(errorText(e)),
    );
  }, []);
  useEffect(load, [load]);

  const change = async (username: string, what: string, body: Parameters<typeof authApi.updateAccount>[1]) => {
    const r = await authApi.updateAccount(username, body);
    setMessage(r.ok ? { kind: 'info', text: `${username}: ${what}` } : { kind: 'error', text: `${username} not changed: ${r.problem.error}` });
    load();
  };

  return (
    <div className="page">
      <TopBar title="Accounts" />
      <div className="pad admin-page" data-testid="accounts-page">
        {loadError && <div className="error-banner">Could not list the accounts: {loadError}</div>}
        {message && (
          <div className={message.kind === 'error' ? 'error-text' : 'muted'} data-testid="accounts-message">
            {message.text}
          </div>
        )}
        <table className="studies" data-testid="accounts-table">
          <thead>
            <tr>
              <th>User name</th>
              <th>Name</th>
              <th>Roles</th>
              <th>Sign-in</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {accounts?.map((a) => <AccountRow key={a.username} account={a} onChange={change} />)}
            {accounts?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No accounts: this is the single-user workstation. The first account switches the server to sign-in.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <AddAccount
          onAdded={(username) => {
            setMessage({ kind: 'info', text: `Account ${username} added` });
            load();
          }}
        />
      </div>
    </div>
  );
}

function AccountRow({ account, onChange }: { account: Account; onChange: (username: string, what: string, body: Parameters<typeof authApi.updateAccount>[1]) => Promise<void> }) {
  const [roles, setRoles] = useState<RoleName[]>(account.roles);
  useEffect(() => setRoles(account.roles), [account.roles]);
  const rolesChanged = roles.join() !== account.roles.join();
  return (
    <tr data-testid="account-row" data-username={account.username} className={account.disabled ? 'muted' : ''}>
      <td>{account.username}</td>
      <td>{account.name}</td>
      <td>
        <RoleChecks value={roles} onChange={setRoles} testId="account-roles" />
        {rolesChanged && (
          <button className="small" disabled={roles.length === 0} onClick={() => void onChange(account.username, `roles now ${roles.join(', ')}`, { roles })} data-testid="save-roles">
            Save roles
          </button>
        )}
      </td>
      <td>{account.source === 'oidc' ? 'hospital account' : 'password'}</td>
      <td data-testid="account-state">{account.disabled ? 'disabled' : 'active'}</td>
      <td>
        <button className="small" onClick={() => void onChange(account.username, account.disabled ? 'enabled' : 'disabled (signed out everywhere)', { disabled: !account.disabled })} data-testid="toggle-disabled">
          {account.disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
    </tr>
  );
}

function AddAccount({ onAdded }: { onAdded: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<RoleName[]>([]);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const weak = password ? passwordProblem(password) : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = passwordProblem(password) ?? (roles.length === 0 ? 'Give the account at least one role' : undefined);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const r = await authApi.createAccount({ username: username.trim(), name: name.trim(), roles, password });
    setBusy(false);
    if (!r.ok) {
      const issues = r.problem.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      setError(`${r.problem.error}${issues ? ` — ${issues}` : ''}`);
      return;
    }
    setError(undefined);
    setUsername('');
    setName('');
    setRoles([]);
    setPassword('');
    onAdded(r.value.username);
  };

  return (
    <form className="add-account" onSubmit={(e) => void submit(e)} data-testid="add-account">
      <h3>Add an account</h3>
      <div className="row">
        <label className="field">
          User name
          <input type="text" value={username} onChange={(e) => setUsername(e.target.value)} required data-testid="new-username" autoComplete="off" />
        </label>
        <label className="field">
          Full name
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="new-name" autoComplete="off" />
        </label>
        <label className="field">
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="new-password" autoComplete="new-password" />
          {weak && <span className="field-error">{weak}</span>}
        </label>
        <div className="field">
          Roles
          <RoleChecks value={roles} onChange={setRoles} testId="new-roles" />
        </div>
        <button type="submit" className="primary" disabled={busy || !username} data-testid="add-account-submit">
          Add account
        </button>
      </div>
      {error && (
        <div className="error-text" data-testid="add-account-error">
          {error}
        </div>
      )}
    </form>
  );
}
