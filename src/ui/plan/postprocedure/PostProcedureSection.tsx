import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { ViewerSession } from '../../../imaging';
import type { PlanLabels } from '../../../records/postProcedureView';
import type { PlanWorkspace } from '../usePlanWorkspace';
import { navigate } from '../../useNavigation';
import { usePostProcedure, DEFAULT_MARGIN_MM } from './usePostProcedure';
import { FusionControls } from './FusionControls';
import { ResultNumbers } from './ResultNumbers';
import { elapsedText, transformNumbers } from './panelModel';
import './postProcedure.css';

/** "2026-12-07 13:05" in local time. */
const localTime = (iso: string): string => {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** Re-renders every quarter second while `on` (the elapsed seconds of a run). */
function useTicker(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [on]);
  return now;
}

/**
 * "Post-procedure CBCT" of the plan panel (issue 18): choose the cone-beam CT, register it to
 * the planning CT on the server, see it fused over every MPR view, nudge it by hand, read the
 * needle, cement and leak numbers, and accept them into the case as a versioned assessment.
 */
export function PostProcedureSection({ ws, session }: { ws: PlanWorkspace; session: ViewerSession | undefined }) {
  const pp = usePostProcedure(ws, session);
  const [open, setOpen] = useState(false);
  const running = pp.run.phase === 'running';
  const now = useTicker(running);
  const draft = ws.plan.draft;
  const labels: PlanLabels = useMemo(
    () => ({ title: null, lesions: new Map(draft.lesions.map((l) => [l.record.id, l.record.label])), trajectories: new Map(draft.trajectories.map((t) => [t.id, t.label])) }),
    [draft],
  );
  const plan = pp.plan;
  const dirty = ws.plan.revision !== ws.plan.savedRevision;
  const caseLink = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || !plan) return;
    e.preventDefault();
    if (ws.confirmDiscard('Open the case')) navigate(`/cases/${plan.caseId}`);
  };
  const v = pp.volume;
  return (
    <details className="pp-section" data-testid="post-procedure" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h3>Post-procedure CBCT</h3>
      </summary>
      {!plan ? (
        <div className="muted small-text">Save the plan to a case first: the cone-beam CT is compared with a saved plan.</div>
      ) : (
        <>
          <div className="pp-row">
            <select value={pp.chosen?.seriesInstanceUID ?? ''} onChange={(e) => pp.choose(e.target.value)} disabled={running || pp.candidates.candidates.length === 0} data-testid="pp-cbct" aria-label="Post-procedure series">
              {pp.candidates.candidates.length === 0 && <option value="">{pp.candidates.status === 'loading' ? 'Looking for the CBCT…' : 'No other CT series of this patient'}</option>}
              {pp.candidates.candidates.map((c) => (
                <option key={c.seriesInstanceUID} value={c.seriesInstanceUID}>
                  {c.linked ? '★ ' : ''}
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          {pp.candidates.error && <div className="error-text small-text">{pp.candidates.error}</div>}
          <div className="pp-row">
            <label title="The registration region: the plan's lesions grown by this margin on every side">
              Region: lesions +{' '}
              <input type="number" min={10} max={150} step={5} value={pp.marginMm} onChange={(e) => Number.isFinite(Number(e.target.value)) && pp.setMarginMm(Number(e.target.value))} className="pp-small-input" disabled={running} data-testid="pp-margin" /> mm
              {pp.marginMm !== DEFAULT_MARGIN_MM && <span className="muted small-text"> (default {DEFAULT_MARGIN_MM})</span>}
            </label>
            {running ? (
              <button onClick={pp.cancel} data-testid="pp-cancel">
                Cancel
              </button>
            ) : (
              <button className="primary" onClick={pp.register} disabled={!pp.chosen} data-testid="pp-register" title="Register the CBCT to this CT around the lesions, then find the needles and the cement">
                Register
              </button>
            )}
          </div>
          {running && (
            <div className="pp-progress indeterminate" role="progressbar" data-testid="pp-progress">
              <div className="bar" />
              <span>{elapsedText(pp.run.text, Math.max(now, Date.now()) - pp.run.startedAt)}</span>
            </div>
          )}
          {pp.run.phase === 'idle' && pp.run.text && <div className="muted small-text">{pp.run.text}</div>}
          {pp.run.error && (
            <div className="error-text" data-testid="pp-error">
              {pp.run.error}
            </div>
          )}
          {v.phase === 'loading' && (
            <div className="load-progress" role="progressbar" aria-valuenow={Math.round(v.fraction * 100)} data-testid="pp-download">
              <div className="bar" style={{ width: `${Math.round(v.fraction * 100)}%` }} />
              <span>Downloading the CBCT for the fused view — {Math.round(v.fraction * 100)} %</span>
            </div>
          )}
          {v.error && <div className="error-text small-text">{v.error}</div>}
          {pp.fusionActive && <FusionControls pp={pp} />}
          {!pp.result && pp.failedReg && pp.matrix && pp.fusionActive && (
            <div className="small-text" data-testid="pp-align-by-hand">
              The fusion shows where the registration stopped ({transformNumbers(pp.matrix, pp.failedReg.region).translation}). Align it by hand with Alt + arrow keys or the buttons: the
              analysis then runs with your transform.
            </div>
          )}
          {pp.result && pp.matrix && <ResultNumbers result={pp.result} matrix={pp.matrix} manual={pp.manual} labels={labels} />}
          {pp.result && pp.matrix && pp.result.registration.status === 'ok' && (
            <div className="pp-accept">
              {dirty && <div className="warning-text small-text">The plan has unsaved edits: the assessment is made against the saved plan (version {plan.version}).</div>}
              <button className="primary" onClick={() => void pp.accept()} disabled={pp.accepted.busy || running} data-testid="pp-accept">
                {pp.accepted.busy ? 'Accepting…' : 'Accept'}
              </button>
              {pp.accepted.assessment && (
                <span className="small-text pp-accepted" data-testid="pp-accepted" data-version={pp.accepted.assessment.version}>
                  Accepted as version {pp.accepted.assessment.version} by {pp.accepted.assessment.acceptedBy} at {localTime(pp.accepted.assessment.acceptedAt)} —{' '}
                  <a href={`/cases/${plan.caseId}`} onClick={caseLink} data-testid="pp-case-link">
                    open the case
                  </a>
                </span>
              )}
              {pp.accepted.error && <div className="error-text small-text">{pp.accepted.error}</div>}
            </div>
          )}
          <div className="muted small-text pp-note">Not a medical device: check the fusion in every view before you accept the numbers.</div>
        </>
      )}
    </details>
  );
}
