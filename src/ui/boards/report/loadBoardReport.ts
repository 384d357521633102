import { api } from '../../../api/client';
import { ApiError, errorText } from '../../../api/apiProblem';
import { boardsApi } from '../../../api/boards';
import { boardMeetingApi } from '../../../api/boardMeeting';
import { casesApi } from '../../../api/cases';
import type { BoardComment, BoardDocument } from '../../../records';
import type { ReportCaseInfo } from './boardReportModel';
import { loadCaseAssessments } from '../../cases/postProcedure/loadCaseAssessments';
import { postProcedureLines, type PostProcedureLine } from '../postProcedure/postProcedureLines';

/** Everything the meeting report prints, as the server answered it. */
export interface BoardReportData {
  readonly board: BoardDocument;
  /** The comments, or why they could not be read (the report still prints the decisions). */
  readonly comments: BoardComment[] | { readonly error: string };
  readonly cases: ReadonlyMap<string, ReportCaseInfo>;
  readonly casesError: string | null;
  readonly softwareVersion: string | null;
  /** Per case: its post-procedure lines (one per assessed plan, none when not assessed), or why they could not be read. */
  readonly postProcedure: ReadonlyMap<string, readonly PostProcedureLine[] | { readonly error: string }>;
}

/** Why there is no report. */
export interface BoardReportFailure {
  readonly notFound: boolean;
  readonly message: string;
}

const settle = async <T>(p: Promise<T>): Promise<T | { error: string }> => {
  try {
    return await p;
  } catch (e) {
    return { error: errorText(e) };
  }
};

/** Reads the meeting (required), its comments, the case list (labels) and the software version. */
export async function loadBoardReport(id: string): Promise<BoardReportData | BoardReportFailure> {
  let board: BoardDocument;
  try {
    board = await boardsApi.get(id);
  } catch (e) {
    const notFound = e instanceof ApiError && (e.status === 404 || e.status === 400);
    return { notFound, message: notFound ? `No meeting ${id}: ${errorText(e)}` : errorText(e) };
  }
  const [comments, list, health, assessed] = await Promise.all([
    settle(boardMeetingApi.comments(id)),
    settle(casesApi.list()),
    settle(api.health()),
    Promise.all(board.items.map(async (i) => [i.caseId, await settle(loadCaseAssessments(i.caseId).then(postProcedureLines))] as const)),
  ]);
  const cases = new Map<string, ReportCaseInfo>('error' in list ? [] : list.cases.map((c) => [c.id, { title: c.title, pseudonym: c.patient.pseudonym, pseudonymous: c.patient.pseudonymous }]));
  return { board, comments, cases, casesError: 'error' in list ? list.error : null, softwareVersion: 'error' in health ? null : health.version, postProcedure: new Map(assessed) };
}

/** Narrowing helper for the loader's answer. */
export const isBoardReportFailure = (r: BoardReportData | BoardReportFailure): r is BoardReportFailure => 'message' in r && !('board' in r);
