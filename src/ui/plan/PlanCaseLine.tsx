import type { MouseEvent } from 'react';
import type { PlanWorkspace } from './usePlanWorkspace';
import { navigate } from '../useNavigation';

/** Follows an in-app link without reloading the page; a modified click (new tab) is left to the browser. */
function follow(e: MouseEvent<HTMLAnchorElement>, path: string): void {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(path);
}

/**
 * The case the plan belongs to, each a link to its record (/cases/<id>); while the linked cases
 * are still being listed, or could not be, it says so rather than that none is linked.
 */
export function PlanCaseLine({ ws }: { ws: PlanWorkspace }) {
  const mine = ws.current ? ws.cases.filter((c) => c.id === ws.current?.caseId) : ws.cases;
  const shown = mine.length ? mine : ws.cases;
  return (
    <div className="plan-case-row small-text" data-testid="plan-case">
      <span className="muted">Case:</span>
      <span className="plan-case-links">
        {ws.casesStatus === 'loading' ? (
          <span className="muted" data-testid="plan-case-loading">
            loading…
          </span>
        ) : shown.length ? (
          shown.map((c, i) => {
            const name = c.title || c.patient.pseudonym || c.id;
            return (
              <span key={c.id}>
                {i > 0 && ', '}
                <a href={`/cases/${encodeURIComponent(c.id)}`} data-testid="plan-case-link" title={`Open the case record: ${name}`} onClick={(e) => follow(e, `/cases/${encodeURIComponent(c.id)}`)}>
                  {name}
                </a>
              </span>
            );
          })
        ) : ws.casesStatus === 'failed' ? (
          <span className="error-text">could not be listed (see above)</span>
        ) : (
          <span className="muted">none linked: saving creates one</span>
        )}
      </span>
    </div>
  );
}
