import type { PlanWorkspace } from './usePlanWorkspace';
import { hasUnsavedEdits } from './unsavedChanges';
import { PlanStatusControl } from './PlanStatusControl';
import { saveNotesText } from './saveNotesText';
import { InlineName } from './InlineName';
import { PlanCaseLine } from './PlanCaseLine';
import './planPanel.css';

/** The plan menu's choice that starts a new plan with the open plan's lesions and structures. */
const NEW_FROM_FINDINGS = '__new-from-findings__';

/**
 * The plan's header: which plan, save, undo/redo, its status, the case it belongs to, messages
 * and conflicts. `editable` false (a role that may not change this plan) leaves save and undo out.
 */
export function PlanSaveBar({ ws, editable = true }: { ws: PlanWorkspace; editable?: boolean }) {
  const { plan, store, bridge } = ws;
  const dirty = hasUnsavedEdits(plan) || ws.renamed;
  const findings = plan.draft.lesions.length + plan.draft.structures.length;
  const currentLabel = ws.current ? `${ws.current.title || 'Plan'} · ${ws.current.status} · v${ws.current.version}` : 'New plan';
  const notes = ws.lastSave && saveNotesText(ws.lastSave.version, ws.lastSave.notes);
  return (
    <section>
      <h3>
        Plan
        <span className="muted small-text" data-testid="plan-save-state">{dirty ? 'unsaved changes' : ws.current ? `saved v${ws.current.version}` : ''}</span>
      </h3>
      <div className="plan-save-row">
        <select
          data-testid="plan-select"
          value={ws.current?.id ?? ''}
          onChange={(e) => {
            const fromFindings = e.target.value === NEW_FROM_FINDINGS;
            const next = ws.plans.find((p) => p.id === e.target.value);
            if (ws.confirmDiscard(next ? `Open "${next.title || 'plan'}"` : 'Start a new plan')) ws.open(next, fromFindings ? 'findings' : 'empty');
          }}
          title={`${currentLabel}\nPlans of the cases linked to this study, on this series`}
        >
          <option value="">New plan</option>
          {findings > 0 && <option value={NEW_FROM_FINDINGS}>New plan with these lesions and structures</option>}
          {ws.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {(p.title || 'Plan') + ` · ${p.status} · v${p.version}`}
            </option>
          ))}
        </select>
        {editable ? (
          <button data-testid="save-plan" disabled={ws.saving || !bridge} onClick={() => void ws.save()} title="Save the plan (Ctrl+S)">
            {ws.saving ? 'Saving…' : 'Save'}
          </button>
        ) : (
          <span className="badge" data-testid="plan-read-only" title="Your role may read this plan, not change it">
            read only
          </span>
        )}
      </div>
      <div className="row" data-testid="plan-name-row">
        <span className="muted small-text">Name</span>
        {editable ? (
          <InlineName value={ws.title} placeholder="Untitled (named on save)" onCommit={ws.rename} testId="plan-title" what="plan" />
        ) : (
          <span className="inline-name-text" data-testid="plan-title" title={ws.title}>
            {ws.title}
          </span>
        )}
      </div>
      <PlanCaseLine ws={ws} />
      {ws.current && <PlanStatusControl ws={ws} />}
      {editable && <div className="row">
        <button disabled={!plan.canUndo} onClick={() => store.undo()} title={`Undo ${plan.undoLabel ?? ''} (Ctrl+Z)`}>
          Undo
        </button>
        <button disabled={!plan.canRedo} onClick={() => store.redo()} title={`Redo ${plan.redoLabel ?? ''} (Ctrl+Y)`}>
          Redo
        </button>
      </div>}
      {ws.loadError && (
        <div className="error-text" data-testid="plan-load-error">
          {ws.loadError}{' '}
          <button className="small" onClick={ws.reload}>
            Try again
          </button>
        </div>
      )}
      {ws.message && (
        <div className={ws.message.kind === 'error' ? 'error-text' : 'muted'} data-testid="plan-message">
          {ws.message.text}
        </div>
      )}
      {notes && (
        <div className="warn-text small-text" data-testid="plan-save-notes" role="status">
          {notes}
        </div>
      )}
      {ws.conflict && (
        <div className="error-banner">
          Version {ws.conflict.version} was saved by {ws.conflict.updatedBy} at {ws.conflict.updatedAt}.{' '}
          <button onClick={ws.takeTheirs}>Take theirs</button> <button onClick={() => void ws.save(true)}>Keep mine over it</button>
        </div>
      )}
    </section>
  );
}
