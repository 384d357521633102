import { useState, type ReactNode } from 'react';
import type { SessionSnapshot } from '../../imaging';
import './studyLayout.css';

interface Props {
  compact: boolean;
  snapshot: SessionSnapshot | undefined;
  /** The cursor and measurement column (SidePanel). */
  side: ReactNode;
  /** The plan panel, when the series has one. */
  plan: ReactNode;
}

/** One line that says what the folded cursor section holds, so the HU stays readable while folded. */
function foldedSummary(snapshot: SessionSnapshot | undefined): string {
  const hu = snapshot?.probe?.hu;
  const n = snapshot?.measurements.length ?? 0;
  const cursor = hu === undefined ? '' : ` · ${Math.round(hu)} HU`;
  return `Cursor & measurements${cursor}${n > 0 ? ` · ${n} measured` : ''}`;
}

/**
 * The columns right of the views. On a wide screen the cursor/measurement column stands beside the
 * plan panel; on a narrow one it folds into a collapsible section under the plan panel, so that the
 * views get its width and the plan panel (with Save) keeps the height. The tree is the same in both
 * (only classes change), so crossing the width keeps the panels' state.
 */
export function StudySideColumns({ compact, snapshot, side, plan }: Props) {
  const [open, setOpen] = useState(false);
  const shown = !compact || open;
  return (
    <div className={`study-side${compact ? ' compact' : ''}`} data-testid="study-side">
      <div className={`side-fold${shown ? ' open' : ''}`} data-testid="side-fold">
        {compact && (
          <button className="side-fold-toggle" aria-expanded={open} data-testid="side-fold-toggle" onClick={() => setOpen((o) => !o)} title="Show or hide the cursor value and the measurements">
            <span className="side-fold-arrow">{open ? '▾' : '▸'}</span> {foldedSummary(snapshot)}
          </button>
        )}
        <div className="side-fold-body" hidden={!shown}>
          {side}
        </div>
      </div>
      {plan}
    </div>
  );
}
