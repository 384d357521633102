import { useState } from 'react';
import { BOARD_RECOMMENDATIONS, boardDecisionInputSchema, type BoardDocument, type BoardItem, type BoardRecommendation } from '../../../records';
import { boardMeetingApi, type DecisionAnswer } from '../../../api/boardMeeting';
import { ApiError, errorText } from '../../../api/apiProblem';
import { useRoles } from '../../auth/authStore';
import { visibleActions } from '../../auth/roleActions';
import { DecisionView } from './DecisionView';
import { FollowThroughControls } from './FollowThroughControls';
import { draftOf, inputOf, issuesByPath, recommendationText, toggleRecommendation, type DecisionDraft } from './decisionText';
import './decision.css';

const GROUPS: { title: string; codes: BoardRecommendation[] }[] = [
  { title: 'Ablation', codes: ['cryoablation', 'microwave-ablation', 'radiofrequency-ablation'] },
  { title: 'Cementoplasty', codes: ['vertebroplasty', 'sacroplasty', 'acetabuloplasty', 'cementoplasty-other'] },
  { title: 'Other', codes: ['radiotherapy', 'surgery', 'systemic-therapy', 'more-imaging', 'no-intervention'] },
];
/** The checkbox words: inside the cementoplasty group the site alone. */
const shortWord = (c: BoardRecommendation): string => {
  const w = BOARD_RECOMMENDATIONS[c].replace(/^Cementoplasty: /, '');
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/**
 * The board's decision on one agenda item. With `board.decide` (attendings): the form — coded
 * recommendations, rationale, consensus or dissent with who dissented, trial eligibility, who
 * acts by when — checked with the shared schema before sending; once recorded, the signed
 * decision with "Change" (until it is followed through) and the follow-through buttons. Anyone
 * else sees the decision read-only. `collapsed` shows a "Record decision" button first.
 */
export function DecisionForm({ boardId, item, onSaved, collapsed = false }: { boardId: string; item: BoardItem; onSaved: (board: BoardDocument) => void; collapsed?: boolean }) {
  const { decideBoard } = visibleActions(useRoles());
  const decision = item.decision;
  const [editing, setEditing] = useState(!decision && !collapsed);
  const [draft, setDraft] = useState<DecisionDraft>(() => draftOf(decision));
  /** After a refused try, the schema's messages follow the draft as it is corrected. */
  const [tried, setTried] = useState(false);
  const [serverIssues, setServerIssues] = useState<Map<string, string>>(new Map());
  const [serverError, setServerError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [caseVersion, setCaseVersion] = useState<number | undefined>();

  const saved = (a: DecisionAnswer): void => {
    setCaseVersion(a.case.version);
    setEditing(false);
    onSaved(a.board);
  };

  const save = async (): Promise<void> => {
    const input = inputOf(draft);
    const checked = boardDecisionInputSchema.safeParse(input);
    if (!checked.success) {
      setTried(true);
      setServerError('Not recorded: complete the fields marked.');
      return;
    }
    setTried(false);
    setServerIssues(new Map());
    setServerError(undefined);
    setSaving(true);
    try {
      saved(await boardMeetingApi.decide(boardId, item.caseId, input));
    } catch (e) {
      const issues = e instanceof ApiError ? (e.problem?.issues ?? []) : [];
      setServerIssues(issuesByPath(issues));
      setServerError(`Not recorded: ${errorText(e)}${issues.length ? ` (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''}`);
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    if (!decision) {
      return (
        <div className="decision-block" data-testid="decision-block">
          <span className="muted">No decision recorded.</span>
          {decideBoard && <button className="small" onClick={() => { setDraft(draftOf(null)); setEditing(true); }} data-testid="record-decision">Record decision</button>}
        </div>
      );
    }
    const open = !decision.followThrough;
    return (
      <div className="decision-block" data-testid="decision-block">
        <DecisionView decision={decision} caseVersion={caseVersion} />
        {decideBoard && open && (
          <div className="decision-actions">
            <button className="small" onClick={() => { setDraft(draftOf(decision)); setTried(false); setServerIssues(new Map()); setEditing(true); }} data-testid="change-decision">Change</button>
            <FollowThroughControls boardId={boardId} caseId={item.caseId} onDone={saved} />
          </div>
        )}
      </div>
    );
  }

  const set = (patch: Partial<DecisionDraft>): void => {
    setDraft({ ...draft, ...patch });
    // The server's answer was about the draft as sent; a change makes it stale.
    if (serverIssues.size) setServerIssues(new Map());
  };
  const checked = tried ? boardDecisionInputSchema.safeParse(inputOf(draft)) : undefined;
  const errors = new Map([...serverIssues, ...(checked && !checked.success ? issuesByPath(checked.error.issues) : [])]);
  const refusal = tried && checked?.success ? undefined : serverError;
  const err = (path: string) => errors.get(path) && <span className="error-text" data-testid={`err-${path}`}>{errors.get(path)}</span>;
  return (
    <form className="decision-form" data-testid="decision-form" onSubmit={(e) => { e.preventDefault(); void save(); }}
      onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); void save(); } }}>
      <div className="decision-codes">
        {GROUPS.map((g) => (
          <fieldset key={g.title} className="decision-group">
            <legend>{g.title}</legend>
            {g.codes.map((c) => (
              <label key={c}>
                <input type="checkbox" checked={draft.recommendations.includes(c)} onChange={() => set({ recommendations: toggleRecommendation(draft.recommendations, c) })} data-testid={`reco-${c}`} /> {shortWord(c)}
              </label>
            ))}
            {g.title === 'Cementoplasty' && draft.recommendations.includes('cementoplasty-other') && (
              <label>Site <input value={draft.cementoplastySite} onChange={(e) => set({ cementoplastySite: e.target.value })} placeholder="e.g. left iliac wing" data-testid="reco-site" />{err('cementoplastySite')}</label>
            )}
          </fieldset>
        ))}
      </div>
      <div className="decision-summary" data-testid="decision-combination">
        {draft.recommendations.length ? recommendationText(draft) : <span className="muted">Choose one or more recommendations</span>}
        {err('recommendations')}
      </div>
      <label className="decision-wide">Rationale
        <textarea rows={3} value={draft.rationale} onChange={(e) => set({ rationale: e.target.value })} data-testid="decision-rationale" />{err('rationale')}
      </label>
      <div className="decision-row">
        <label><input type="radio" name={`consensus-${item.caseId}`} checked={draft.consensus === 'consensus'} onChange={() => set({ consensus: 'consensus' })} data-testid="consensus-yes" /> Consensus</label>
        <label><input type="radio" name={`consensus-${item.caseId}`} checked={draft.consensus === 'dissent'} onChange={() => set({ consensus: 'dissent', dissenters: draft.dissenters.length ? draft.dissenters : [{ name: '', reason: '' }] })} data-testid="consensus-dissent" /> Dissent</label>
        {err('dissenters')}
      </div>
      {draft.consensus === 'dissent' && (
        <div className="decision-dissenters" data-testid="dissenters">
          {draft.dissenters.map((d, k) => (
            <div key={k} className="decision-row">
              <input placeholder="Who dissented" value={d.name} onChange={(e) => set({ dissenters: draft.dissenters.map((x, j) => (j === k ? { ...x, name: e.target.value } : x)) })} data-testid="dissenter-name" aria-label="Dissenter name" />
              <input className="decision-reason" placeholder="Why (optional)" value={d.reason} onChange={(e) => set({ dissenters: draft.dissenters.map((x, j) => (j === k ? { ...x, reason: e.target.value } : x)) })} data-testid="dissenter-reason" aria-label="Dissent reason" />
              <button type="button" className="small" onClick={() => set({ dissenters: draft.dissenters.filter((_, j) => j !== k) })} title="Remove">Remove</button>
              {err(`dissenters.${k}.name`)}
            </div>
          ))}
          <button type="button" className="small" onClick={() => set({ dissenters: [...draft.dissenters, { name: '', reason: '' }] })} data-testid="add-dissenter">Add dissenter</button>
        </div>
      )}
      <div className="decision-row">
        <label>Trial
          <select value={draft.trialEligible} onChange={(e) => set({ trialEligible: e.target.value as DecisionDraft['trialEligible'] })} data-testid="trial-eligible">
            <option value="not-assessed">Not assessed</option>
            <option value="yes">Eligible</option>
            <option value="no">Not eligible</option>
          </select>
        </label>
        <label>Trial name <input value={draft.trialName} onChange={(e) => set({ trialName: e.target.value })} data-testid="trial-name" /></label>
      </div>
      <div className="decision-row">
        <label>Who acts <input value={draft.actionBy} onChange={(e) => set({ actionBy: e.target.value })} placeholder="person or team" data-testid="decision-action-by" />{err('actionBy')}</label>
        <label>By <input className="mono board-date" value={draft.dueDate} onChange={(e) => set({ dueDate: e.target.value })} placeholder="YYYY-MM-DD" title="YYYY-MM-DD, empty for no date" data-testid="decision-due" />{err('dueDate')}</label>
      </div>
      {refusal && <div className="error-text" data-testid="decision-error">{refusal}</div>}
      <div className="decision-row">
        <button type="submit" className="primary small" disabled={saving} data-testid="save-decision" title="Record (Ctrl+Enter)">{saving ? 'Recording…' : decision ? 'Record the change' : 'Record decision'}</button>
        {(decision || collapsed) && <button type="button" className="small" onClick={() => { setEditing(false); setTried(false); setServerIssues(new Map()); setServerError(undefined); }}>Cancel</button>}
        <span className="muted small">Signed with your account; written to the case record as a new version.</span>
      </div>
    </form>
  );
}
