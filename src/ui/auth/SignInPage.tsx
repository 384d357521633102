import { SignInForm, oidcLoginHref } from './SignInForm';

/** The page shown while nobody is signed in (accounts mode); `returnTo` is where the user was going. */
export function SignInPage({ oidc, returnTo, onSignedIn }: { oidc: boolean; returnTo: string; onSignedIn: () => void }) {
  return (
    <div className="page signin-page" data-testid="signin-page">
      <div className="signin-card">
        <div className="brand">PercuPlan</div>
        <p className="muted">Sign in to plan, review and approve.</p>
        <SignInForm onSignedIn={onSignedIn} />
        {oidc && (
          <>
            <div className="signin-or muted">or</div>
            <a className="button-link" href={oidcLoginHref(returnTo)} data-testid="signin-oidc">
              Sign in with the hospital account
            </a>
          </>
        )}
        <p className="device-note signin-note" title="PercuPlan is not a medical device">
          Not for clinical use
        </p>
      </div>
    </div>
  );
}
