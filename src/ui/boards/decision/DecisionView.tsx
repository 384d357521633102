import type { BoardDecision } from '../../../records';
import { isoMinute } from '../isoText';
import { actionText, consensusText, followThroughText, recommendationText, trialText } from './decisionText';

/** A recorded decision, read-only: the coded recommendation in words, why, who dissented, the trial, who acts by when, and the signature. */
export function DecisionView({ decision, caseVersion }: { decision: BoardDecision; caseVersion?: number | undefined }) {
  const f = decision.followThrough;
  return (
    <div className="decision-view" data-testid="decision-view">
      <div className="decision-reco" data-testid="decision-recommendation">{recommendationText(decision)}</div>
      <dl className="decision-facts">
        <dt>Rationale</dt><dd className="decision-rationale">{decision.rationale}</dd>
        <dt>Agreement</dt><dd data-testid="decision-consensus">{consensusText(decision)}</dd>
        <dt>Trial</dt><dd>{trialText(decision.trial)}</dd>
        <dt>Who acts</dt><dd data-testid="decision-action">{actionText(decision)}</dd>
        <dt>Follow-through</dt>
        <dd data-testid="decision-follow-through" className={f ? `ft-${f.state}` : 'ft-open'}>
          {followThroughText(f)}{f && <span className="muted"> · {f.recordedBy}, <span className="mono">{isoMinute(f.recordedAt)}</span></span>}
        </dd>
      </dl>
      <div className="muted small" data-testid="decision-signature">
        Recorded by {decision.recordedBy} at <span className="mono">{isoMinute(decision.recordedAt)}</span>
        {caseVersion !== undefined && <> · written to the case record as version {caseVersion}</>}
      </div>
    </div>
  );
}
