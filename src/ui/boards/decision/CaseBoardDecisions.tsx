import { z } from 'zod';
import { caseBoardDecisionSchema } from '../../../records';
import { useRoles } from '../../auth/authStore';
import { visibleActions } from '../../auth/roleActions';
import { navigate } from '../../useNavigation';
import { DecisionView } from './DecisionView';
import { FollowThroughControls } from './FollowThroughControls';
import { newestFirst } from './decisionText';
import './decision.css';

const listSchema = z.array(caseBoardDecisionSchema);

/**
 * "Board decisions" on the case page: each decision the tumour boards recorded for this case
 * (the copy the server wrote into the case record), with its meeting, the coded
 * recommendation, rationale, agreement, trial, who acts by when, the signature and the
 * follow-through (which attendings can record here). `onChanged` reloads the case afterwards.
 */
export function CaseBoardDecisions({ caseId, boardDecisions, onChanged }: { caseId: string; boardDecisions: unknown; onChanged: () => void }) {
  const { decideBoard } = visibleActions(useRoles());
  // Read through the schema: a case stored before board decisions existed has none.
  const parsed = listSchema.safeParse(boardDecisions ?? []);
  const list = parsed.success ? newestFirst(parsed.data) : [];
  return (
    <div className="case-board-decisions" data-testid="case-board-decisions">
      <h3>Board decisions</h3>
      {!parsed.success && <div className="error-text">The board decisions of this case could not be read.</div>}
      {parsed.success && !list.length && <div className="muted">No tumour board has decided on this case.</div>}
      {list.map((d) => (
        <div key={d.id} className="decision-card" data-testid="case-board-decision" data-board-id={d.boardId}>
          <h4>
            <a href={`/boards/${d.boardId}`} onClick={(e) => { e.preventDefault(); navigate(`/boards/${d.boardId}`); }}>{d.boardTitle}</a> · <span className="mono">{d.meetingDate}</span>
          </h4>
          <DecisionView decision={d} />
          {decideBoard && !d.followThrough && <FollowThroughControls boardId={d.boardId} caseId={caseId} onDone={onChanged} />}
        </div>
      ))}
    </div>
  );
}
