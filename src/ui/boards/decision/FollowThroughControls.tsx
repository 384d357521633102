import { useState } from 'react';
import { followThroughInputSchema, type FollowThrough } from '../../../records';
import { boardMeetingApi, type DecisionAnswer } from '../../../api/boardMeeting';
import { ApiError, errorText } from '../../../api/apiProblem';

const BUTTONS: { state: FollowThrough['state']; label: string }[] = [
  { state: 'implemented', label: 'Implemented' },
  { state: 'modified', label: 'Modified' },
  { state: 'not-implemented', label: 'Not implemented' },
];

/**
 * Marks a recorded decision implemented, modified or not implemented. The reason box is
 * required for the last two (a deviation needs its why: missing documentation was the main
 * cause of deviations in the published series).
 */
export function FollowThroughControls({ boardId, caseId, onDone }: { boardId: string; caseId: string; onDone: (answer: DecisionAnswer) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const send = async (state: FollowThrough['state']): Promise<void> => {
    const checked = followThroughInputSchema.safeParse({ state, reason });
    if (!checked.success) {
      setError(`${BUTTONS.find((b) => b.state === state)?.label}: ${checked.error.issues[0]?.message ?? 'not valid'} (write the reason first)`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await boardMeetingApi.followThrough(boardId, caseId, checked.data));
      setReason('');
    } catch (e) {
      const issues = e instanceof ApiError ? e.problem?.issues : undefined;
      setError(`Not recorded: ${errorText(e)}${issues?.length ? ` (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="follow-through" data-testid="follow-through">
      <input className="ft-reason" placeholder="Why (required unless implemented)" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Follow-through reason" data-testid="ft-reason" />
      {BUTTONS.map((b) => (
        <button key={b.state} className="small" disabled={busy} onClick={() => void send(b.state)} data-testid={`ft-${b.state}`}>{b.label}</button>
      ))}
      {error && <span className="error-text" data-testid="ft-error">{error}</span>}
    </div>
  );
}
