import { useState, type FormEvent } from 'react';
import { signIn } from './authStore';

/**
 * User name, password and "Sign in", with the server's sentence when it refuses (the same for an
 * unknown user and a wrong password, so it says nothing about which accounts exist).
 */
export function SignInForm({ initialUsername = '', onSignedIn }: { initialUsername?: string; onSignedIn?: () => void }) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const r = await signIn(username.trim(), password);
    setBusy(false);
    if (r.ok) {
      setPassword('');
      onSignedIn?.();
    } else setError(r.problem.error);
  };

  return (
    <form className="signin-form" onSubmit={(e) => void submit(e)} data-testid="signin-form">
      <label>
        User name
        <input type="text" autoComplete="username" autoFocus={!initialUsername} value={username} onChange={(e) => setUsername(e.target.value)} data-testid="signin-username" required />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" autoFocus={!!initialUsername} value={password} onChange={(e) => setPassword(e.target.value)} data-testid="signin-password" required />
      </label>
      {error && (
        <div className="error-text" role="alert" data-testid="signin-error">
          {error}
        </div>
      )}
      <button type="submit" className="primary" disabled={busy || !username || !password} data-testid="signin-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** Where the hospital's single sign-on starts, coming back to `returnTo` afterwards. */
export const oidcLoginHref = (returnTo: string): string => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
