import { useEffect, useState } from 'react';
import type { PlanWorkspace } from '../plan/usePlanWorkspace';
import { PlanEditorSections } from '../plan/PlanEditorSections';
import { navigate } from '../useNavigation';
import type { ExerciseSession } from './useExerciseSession';
import { ScoreView } from './ScoreView';
import { RevealView } from './RevealView';
import { planningTime } from './scoreFormat';

/** The time since `since` (ms since the epoch), ticking each second. */
function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return <span data-testid="ex-elapsed">{planningTime((now - since) / 1000)}</span>;
}

/**
 * The planning panel in exercise mode: the ordinary tools and sections, with "Submit to exercise"
 * (confirmed with the needle count) where the plan's Save would be, then the score and the
 * expert's answer. Nothing here saves to the plans API.
 */
export function ExercisePlanPanel({ ws, ex, onNeedleViews }: { ws: PlanWorkspace; ex: ExerciseSession; onNeedleViews: () => void }) {
  const needles = ws.plan.draft.trajectories.length;
  return (
    <aside className="plan-panel ex-panel" data-testid="plan-panel" data-exercise={ex.id}>
      <section>
        <h3>
          Exercise <span className="badge">{ex.view?.mode ?? '…'}</span>
        </h3>
        <div className="muted small-text">{ex.view?.heading}</div>
        <div className="muted small-text" data-testid="ex-effort">
          {needles} needle{needles === 1 ? '' : 's'} · {ex.edits} edit{ex.edits === 1 ? '' : 's'} · planning <Elapsed since={ex.startedAt} />
        </div>
        <div className="row">
          <button className="primary" data-testid="ex-submit" disabled={!ex.loaded || ex.submitting} onClick={ex.ask} title="Submit your plan to the exercise (Ctrl+S)">
            {ex.submitting ? 'Submitting…' : ex.score ? 'Submit again' : 'Submit to exercise'}
          </button>
          <button disabled={!ws.plan.canUndo} onClick={() => ws.store.undo()} title="Undo (Ctrl+Z)">Undo</button>
          <button disabled={!ws.plan.canRedo} onClick={() => ws.store.redo()} title="Redo (Ctrl+Y)">Redo</button>
        </div>
        {ex.confirming && (
          <div className="ex-confirm" role="alertdialog" data-testid="ex-confirm">
            Submit your plan with {needles} needle{needles === 1 ? '' : 's'}? {ex.score ? 'It becomes a new attempt.' : 'The expert plan is shown afterwards.'}
            <div className="row">
              <button className="primary" data-testid="ex-confirm-submit" autoFocus onClick={() => void ex.submit()}>Submit</button>
              <button onClick={ex.cancel}>Cancel</button>
            </div>
          </div>
        )}
        {!ex.loaded && !ex.error && <div className="muted small-text">Loading the exercise…</div>}
        {ex.error && <div className="error-text" data-testid="ex-error">{ex.error}</div>}
        <div className="row">
          <button className="small" onClick={() => navigate(`/exercises/${ex.id}`)}>Brief</button>
          <button className="small" onClick={() => navigate(`/exercises/${ex.id}/attempts`)}>Attempts</button>
        </div>
      </section>
      {ex.score && (
        <section>
          <h3>Score</h3>
          <ScoreView score={ex.score} attempt={ex.score.attempt} />
        </section>
      )}
      {ex.reveal && (
        <section>
          <h3>Expert</h3>
          <RevealView reveal={ex.reveal} />
        </section>
      )}
      <PlanEditorSections ws={ws} editable onNeedleViews={onNeedleViews} />
    </aside>
  );
}
