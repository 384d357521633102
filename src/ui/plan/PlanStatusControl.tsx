import type { PlanWorkspace } from './usePlanWorkspace';
import { hasUnsavedEdits } from './unsavedChanges';
import { useRoles } from '../auth/authStore';
import { statusSteps } from '../auth/roleActions';
import { utcTime } from '../admin/adminFormat';

/**
 * The saved plan's status, who approved it and when (as the server recorded), and the status
 * changes the user's roles allow (approve for attendings only; the server decides in the end).
 */
export function PlanStatusControl({ ws }: { ws: PlanWorkspace }) {
  const roles = useRoles();
  const doc = ws.current;
  if (!doc) return null;
  const dirty = hasUnsavedEdits(ws.plan);
  const steps = statusSteps(roles, doc.status);
  return (
    <div className="row plan-status" data-testid="plan-status">
      <span>
        Status: <strong data-testid="plan-status-value">{doc.status}</strong>
      </span>
      {doc.approvedBy && (
        <span className="muted small-text" data-testid="plan-approval">
          approved by {doc.approvedBy} at {doc.approvedAt ? utcTime(doc.approvedAt) : '?'}
        </span>
      )}
      {steps.map((s) => (
        <button
          key={s.to}
          className={s.to === 'approved' ? 'small primary' : 'small'}
          data-testid={`plan-status-to-${s.to}`}
          disabled={ws.saving || dirty}
          title={dirty ? 'Save the plan first' : `Set the plan to ${s.to}`}
          onClick={() => void ws.setStatus(s.to)}
        >
          {s.label}
        </button>
      ))}
    </div>
  );
}
