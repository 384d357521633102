import type { ReactNode } from 'react';
import { navigate } from './useNavigation';
import { setPreferences, usePreferences } from './preferences';
import { UserBadge } from './auth/UserBadge';
import { useRoles } from './auth/authStore';
import { visibleActions } from './auth/roleActions';

/** The bar across every page: product name, page title, who is working, identifier toggle and help. */
export function TopBar({ title, children, onHelp }: { title: ReactNode; children?: ReactNode; onHelp?: () => void }) {
  const { hideIdentifiers } = usePreferences();
  const { patientData, manageTeaching, practise } = visibleActions(useRoles());
  return (
    <header className="topbar">
      <a
        className="brand"
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        PercuPlan
      </a>
      {patientData && (
        <>
          <a className="nav" href="/" data-testid="nav-studies" onClick={(e) => { e.preventDefault(); navigate('/'); }}>Studies</a>
          <a className="nav" href="/cases" data-testid="nav-cases" onClick={(e) => { e.preventDefault(); navigate('/cases'); }}>Cases</a>
          <a className="nav" href="/boards" data-testid="nav-boards" onClick={(e) => { e.preventDefault(); navigate('/boards'); }}>Boards</a>
        </>
      )}
      {(manageTeaching || practise) && <a className="nav" href="/teaching" data-testid="nav-teaching" onClick={(e) => { e.preventDefault(); navigate('/teaching'); }}>Teaching</a>}
      {practise && <a className="nav" href="/exercises" data-testid="nav-exercises" onClick={(e) => { e.preventDefault(); navigate('/exercises'); }}>Exercises</a>}
      <span className="title">{title}</span>
      <span className="spacer" />
      {children}
      <UserBadge />
      {patientData && <label className="toggle" title="Hide every patient identifier (I)">
        <input
          type="checkbox"
          data-testid="hide-identifiers"
          checked={hideIdentifiers}
          onChange={(e) => setPreferences({ hideIdentifiers: e.target.checked })}
        />
        Hide identifiers
      </label>}
      {onHelp && (
        <button onClick={onHelp} title="Keyboard shortcuts (?)">
          ?
        </button>
      )}
      <span className="device-note" title="PercuPlan is not a medical device">
        Not for clinical use
      </span>
    </header>
  );
}
