import type { BoardComment, BoardDocument, BoardItem } from '../../../records';
import { meetingTimes } from '../present/discussionTimes';

/** What the report needs of a case from the case list. */
export interface ReportCaseInfo {
  readonly title: string;
  readonly pseudonym: string;
  readonly pseudonymous: boolean;
}

/** One agenda item as the meeting report prints it. */
export interface ReportItem {
  readonly item: BoardItem;
  /** The case label: pseudonym (or "identifiers hidden") and title. */
  readonly label: string;
  readonly seconds: number;
  readonly discussed: boolean;
  /** This case's comments, oldest first. */
  readonly comments: BoardComment[];
}

/** The meeting report: each case with its label, time and comments, and the meeting summary. */
export interface BoardReportModel {
  readonly items: ReportItem[];
  readonly summary: {
    readonly cases: number;
    readonly discussed: number;
    readonly medianSeconds: number | null;
    readonly totalSeconds: number;
    /** Decisions recorded, not yet followed through. */
    readonly decisionsOpen: number;
    /** Cases with no decision recorded. */
    readonly undecided: number;
  };
}

/**
 * The case label as every page writes it: a real name is an identifier and is left out when
 * identifiers are hidden; a pseudonym (teaching, demo) is not. An unknown case by its id.
 */
export function caseLabel(caseId: string, info: ReportCaseInfo | undefined, hideIdentifiers: boolean): string {
  if (!info) return `case ${caseId.slice(0, 8)}`;
  const name = hideIdentifiers && !info.pseudonymous ? 'identifiers hidden' : info.pseudonym;
  return info.title ? `${name} · ${info.title}` : name;
}

/**
 * Builds the report from the stored meeting, its comments and the case list: discussion times
 * from the spans (a span still running counts up to `nowMs`), the median over the cases
 * discussed, and how many decisions are open or missing.
 */
export function buildBoardReport(board: BoardDocument, comments: readonly BoardComment[], cases: ReadonlyMap<string, ReportCaseInfo>, hideIdentifiers: boolean, nowMs: number): BoardReportModel {
  const times = meetingTimes(board.items, nowMs);
  const items = board.items.map((item, k) => ({
    item,
    label: caseLabel(item.caseId, cases.get(item.caseId), hideIdentifiers),
    seconds: times.cases[k]?.seconds ?? 0,
    discussed: times.cases[k]?.discussed ?? false,
    comments: comments.filter((c) => c.caseId === item.caseId).sort((a, b) => a.at.localeCompare(b.at)),
  }));
  return {
    items,
    summary: {
      cases: board.items.length,
      discussed: times.discussedCount,
      medianSeconds: times.medianSeconds,
      totalSeconds: times.totalSeconds,
      decisionsOpen: board.items.filter((i) => i.decision && !i.decision.followThrough).length,
      undecided: board.items.filter((i) => !i.decision).length,
    },
  };
}
