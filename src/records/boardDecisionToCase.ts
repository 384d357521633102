import type { BoardDecision, BoardRecommendation, CaseBoardDecision } from './boardDecision';
import type { CaseContent } from './caseRecord';
import type { Decision } from './decision';
import type { Procedure } from './procedures';

/**
 * How a tumour board's decision enters the case record: the case keeps a copy of every board
 * decision (`boardDecisions`, with the meeting that made it), and its own `decision` section
 * (what is done, why, when, by whom) is written from the latest one.
 */

/** The meeting a decision was made at. */
export interface DecisionMeeting {
  id: string;
  title: string;
  /** The meeting date, YYYY-MM-DD. */
  date: string;
}

/**
 * The recommendations that are percutaneous procedures, with the case record's procedure key.
 * Radiotherapy, surgery and systemic therapy are treatments outside interventional radiology;
 * more imaging and no intervention are not treatments.
 */
const PROCEDURE_OF: Partial<Record<BoardRecommendation, Procedure>> = {
  cryoablation: 'cryoablation',
  'microwave-ablation': 'microwave-ablation',
  'radiofrequency-ablation': 'radiofrequency-ablation',
  vertebroplasty: 'vertebroplasty',
  sacroplasty: 'sacroplasty',
  acetabuloplasty: 'acetabuloplasty',
  'cementoplasty-other': 'cementoplasty-other',
};

/** The case procedures a board decision recommends, in the order the board listed them. */
export function proceduresOf(recommendations: readonly BoardRecommendation[]): Procedure[] {
  const out: Procedure[] = [];
  for (const r of recommendations) {
    const p = PROCEDURE_OF[r];
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * The case outcome of a board decision: accepted when any percutaneous procedure is recommended
 * (alone or combined with anything else); deferred when the board asked for more imaging and
 * nothing else; otherwise declined (no intervention, or only treatments outside interventional
 * radiology, with or without more imaging: the case is not going to a procedure).
 */
export function outcomeOf(recommendations: readonly BoardRecommendation[]): Decision['outcome'] {
  if (proceduresOf(recommendations).length) return 'accepted';
  if (recommendations.length > 0 && recommendations.every((r) => r === 'more-imaging')) return 'deferred';
  return 'declined';
}

/**
 * The case's `decision` section written from a board decision. The access route is not
 * something the board decides, so the one the case already has is kept.
 */
export function boardDecisionToCase(decision: Pick<BoardDecision, 'recommendations' | 'rationale'>, meeting: Pick<DecisionMeeting, 'title' | 'date'>, current: Decision): Decision {
  return {
    outcome: outcomeOf(decision.recommendations),
    procedures: proceduresOf(decision.recommendations),
    accessRoute: current.accessRoute,
    rationale: decision.rationale,
    date: meeting.date,
    decidedBy: `${meeting.title}, ${meeting.date}`,
  };
}

/** `list` with `entry` in place of the entry with its id, or appended when there is none. */
function upsert(list: readonly CaseBoardDecision[], entry: CaseBoardDecision): CaseBoardDecision[] {
  const at = list.findIndex((d) => d.id === entry.id);
  return at < 0 ? [...list, entry] : list.map((d, k) => (k === at ? entry : d));
}

/** The case's copy of a board decision: the decision plus which meeting made it. */
export function caseCopyOf(decision: BoardDecision, meeting: DecisionMeeting): CaseBoardDecision {
  return { ...decision, boardId: meeting.id, boardTitle: meeting.title, meetingDate: meeting.date };
}

/**
 * The case content after a board decision was recorded (or replaced): its copy upserted by
 * decision id, and the `decision` section written from it.
 */
export function withBoardDecision(content: CaseContent, decision: BoardDecision, meeting: DecisionMeeting): CaseContent {
  return {
    ...content,
    boardDecisions: upsert(content.boardDecisions, caseCopyOf(decision, meeting)),
    decision: boardDecisionToCase(decision, meeting, content.decision),
  };
}

/**
 * The case content after a decision's follow-through was recorded: only its copy changes (the
 * `decision` section may have been edited since, and whether the decision was carried out does
 * not change what was decided).
 */
export function withFollowThrough(content: CaseContent, decision: BoardDecision, meeting: DecisionMeeting): CaseContent {
  return { ...content, boardDecisions: upsert(content.boardDecisions, caseCopyOf(decision, meeting)) };
}
