import { BOARD_RECOMMENDATIONS, type BoardDecision, type CaseBoardDecision, type BoardDecisionInput, type BoardRecommendation, type FollowThrough } from '../../../records';

/**
 * The words pages and printed reports use for a board decision, and the form's draft of one.
 * Pure, so the form, the case page, the open list and the report say the same thing.
 */

/** The recommendation in words: one code's words, or "Combination: a + b" for more than one. */
export function recommendationText(d: Pick<BoardDecision, 'recommendations' | 'cementoplastySite'>): string {
  const words = d.recommendations.map((r) => (r === 'cementoplasty-other' && d.cementoplastySite.trim() ? `${BOARD_RECOMMENDATIONS[r]} (${d.cementoplastySite.trim()})` : BOARD_RECOMMENDATIONS[r]));
  return words.length > 1 ? `Combination: ${words.join(' + ')}` : (words[0] ?? '—');
}

/** "Consensus", or "Dissent: name (reason); name" naming everyone who dissented. */
export function consensusText(d: Pick<BoardDecision, 'consensus' | 'dissenters'>): string {
  if (d.consensus === 'consensus') return 'Consensus';
  const who = d.dissenters.map((x) => (x.reason.trim() ? `${x.name} (${x.reason.trim()})` : x.name));
  return who.length ? `Dissent: ${who.join('; ')}` : 'Dissent';
}

/** Trial eligibility in words, with the trial's name when given. */
export function trialText(t: BoardDecision['trial']): string {
  const name = t.name.trim() ? `: ${t.name.trim()}` : '';
  if (t.eligible === 'yes') return `Eligible for a trial${name}`;
  if (t.eligible === 'no') return `Not eligible for a trial${name}`;
  return `Trial eligibility not assessed${name}`;
}

/** "who, by YYYY-MM-DD", or "who, no date set". */
export function actionText(d: Pick<BoardDecision, 'actionBy' | 'dueDate'>): string {
  return `${d.actionBy || '—'}, ${d.dueDate ? `by ${d.dueDate}` : 'no date set'}`;
}

/** Whether an open decision is past its due date (`today` as YYYY-MM-DD, the due day itself is not late). */
export function isOverdue(d: Pick<BoardDecision, 'dueDate' | 'followThrough'>, today: string): boolean {
  return !d.followThrough && !!d.dueDate && d.dueDate < today;
}

const STATES: Record<FollowThrough['state'], string> = { implemented: 'Implemented', modified: 'Modified', 'not-implemented': 'Not implemented' };

/** The follow-through in words ("Open" while none is recorded). */
export function followThroughText(f: FollowThrough | null): string {
  if (!f) return 'Open';
  return `${STATES[f.state]}${f.reason.trim() ? `: ${f.reason.trim()}` : ''}`;
}

/** The form's editable copy of a decision: strings where the inputs hold strings. */
export interface DecisionDraft {
  recommendations: BoardRecommendation[];
  cementoplastySite: string;
  rationale: string;
  consensus: 'consensus' | 'dissent';
  dissenters: { name: string; reason: string }[];
  trialEligible: 'yes' | 'no' | 'not-assessed';
  trialName: string;
  actionBy: string;
  /** YYYY-MM-DD, or empty for none. */
  dueDate: string;
}

/** An empty draft, or the draft of a recorded decision (to change it). */
export function draftOf(d: BoardDecision | null): DecisionDraft {
  if (!d) return { recommendations: [], cementoplastySite: '', rationale: '', consensus: 'consensus', dissenters: [], trialEligible: 'not-assessed', trialName: '', actionBy: '', dueDate: '' };
  return {
    recommendations: [...d.recommendations],
    cementoplastySite: d.cementoplastySite,
    rationale: d.rationale,
    consensus: d.consensus,
    dissenters: d.dissenters.map((x) => ({ ...x })),
    trialEligible: d.trial.eligible,
    trialName: d.trial.name,
    actionBy: d.actionBy,
    dueDate: d.dueDate ?? '',
  };
}

/**
 * What the form sends: an empty due date is "none" (null), dissenters only with dissent (a
 * consensus keeps no stale names), the site only with "cementoplasty-other".
 */
export function inputOf(d: DecisionDraft): BoardDecisionInput {
  return {
    recommendations: d.recommendations,
    cementoplastySite: d.recommendations.includes('cementoplasty-other') ? d.cementoplastySite : '',
    rationale: d.rationale,
    consensus: d.consensus,
    dissenters: d.consensus === 'dissent' ? d.dissenters : [],
    trial: { eligible: d.trialEligible, name: d.trialName },
    actionBy: d.actionBy,
    dueDate: d.dueDate.trim() === '' ? null : d.dueDate.trim(),
  };
}

/** Toggles a code; "no intervention" clears the others and any other code clears it (they cannot combine). */
export function toggleRecommendation(current: readonly BoardRecommendation[], code: BoardRecommendation): BoardRecommendation[] {
  if (current.includes(code)) return current.filter((c) => c !== code);
  if (code === 'no-intervention') return ['no-intervention'];
  return [...current.filter((c) => c !== 'no-intervention'), code];
}

/** Issues by field path ("dissenters.0.name"), first message per path. */
export function issuesByPath(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const i of issues) {
    const p = typeof i.path === 'string' ? i.path.replace(/\[(\d+)\]/g, '.$1').replace(/^(body)\./, '') : i.path.map(String).join('.');
    if (!m.has(p)) m.set(p, i.message);
  }
  return m;
}

/** The case's board decisions, newest meeting first (the same meeting: the later recording first). */
export function newestFirst<T extends Pick<CaseBoardDecision, 'meetingDate' | 'recordedAt'>>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.meetingDate.localeCompare(a.meetingDate) || b.recordedAt.localeCompare(a.recordedAt));
}
