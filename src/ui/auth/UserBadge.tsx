import { mayLeave, navigate } from '../useNavigation';
import { signOut, useAuth } from './authStore';
import { visibleActions } from './roleActions';

const go = (path: string) => (e: { preventDefault(): void }) => {
  e.preventDefault();
  navigate(path);
};

/**
 * The top bar's part about who is working: the single-user badge, or the signed-in user's name
 * and roles with "Sign out"; the admin pages' links for administrators.
 */
export function UserBadge() {
  const auth = useAuth();
  if (auth.status !== 'signed-in') return null;
  const v = visibleActions(auth.user.roles);
  return (
    <>
      {v.manageAccounts && (
        <a className="nav" href="/admin/accounts" data-testid="nav-admin-accounts" onClick={go('/admin/accounts')}>
          Accounts
        </a>
      )}
      {v.readAudit && (
        <a className="nav" href="/admin/audit" data-testid="nav-admin-audit" onClick={go('/admin/audit')}>
          Audit
        </a>
      )}
      {auth.mode === 'single-user' ? (
        <span
          className="badge single-user"
          data-testid="single-user-badge"
          title="No accounts: anyone at this computer works as you, and the server answers this computer only. Add an account (npm run users -- add) to sign in and serve the network."
        >
          Single user · this computer only
        </span>
      ) : (
        <span className="user" data-testid="current-user">
          <span data-testid="current-user-name">{auth.user.name || auth.user.username}</span>{' '}
          <span className="muted" data-testid="current-user-roles">
            {auth.user.roles.join(', ')}
          </span>{' '}
          <button
            className="small"
            data-testid="sign-out"
            onClick={() => {
              // Leaving asks first when a plan has unsaved edits; staying keeps the session.
              if (mayLeave()) void signOut();
            }}
          >
            Sign out
          </button>
        </span>
      )}
    </>
  );
}
