import { useState } from 'react';
import { SignInForm, oidcLoginHref } from './SignInForm';
import { recheckSession } from './authStore';

/**
 * Shown over the page when a call is refused because the session ended. The page underneath
 * stays mounted, so the plan and its unsaved edits stay as they are; a save that was refused
 * is sent again once the user has signed in. The hospital sign-on opens in another tab (leaving
 * this page would lose the edits), then "I have signed in" checks for the new session.
 */
export function SessionExpiredDialog({ username, oidc }: { username: string; oidc: boolean }) {
  const [note, setNote] = useState<string | undefined>();
  return (
    <div className="modal-backdrop" data-testid="session-expired">
      <div className="help-panel signin-dialog" role="dialog" aria-modal="true" aria-label="Session expired">
        <h3>Your session has expired</h3>
        <p className="muted">Sign in again to go on. Nothing on this page is lost: unsaved work saves once you are signed in.</p>
        <SignInForm initialUsername={username} />
        {oidc && (
          <div className="row">
            <a className="button-link" href={oidcLoginHref('/signed-in')} target="_blank" rel="noopener" data-testid="signin-oidc">
              Sign in with the hospital account
            </a>
            <button
              onClick={() =>
                void recheckSession().then((ok) => {
                  if (!ok) setNote('Not signed in yet');
                })
              }
            >
              I have signed in
            </button>
            {note && <span className="error-text">{note}</span>}
          </div>
        )}
      </div>
    </div>
  );
}
