import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardComment, BoardDocument, CaseDocument, PlanDocument } from '../../../records';
import { boardsApi } from '../../../api/boards';
import { boardMeetingApi } from '../../../api/boardMeeting';
import { casesApi } from '../../../api/cases';
import { plansApi } from '../../../api/plans';
import { errorText } from '../../../api/apiProblem';

/** How often the meeting and its comments are read again (issue 14: followers see the presenter within 2 s). */
export const POLL_MS = 2000;

/** A record loaded for the presenter, or why it could not be. */
export type Loaded<T> = T | { readonly error: string };

/** Narrows a loaded record. */
export const failed = <T extends object>(x: Loaded<T>): x is { readonly error: string } => 'error' in x;

/** What the presenter shows, kept fresh by polling. */
export interface PresenterData {
  readonly board: BoardDocument | undefined;
  readonly loadError: string | undefined;
  /** The last poll's failure (the page keeps the last meeting it read and says so). */
  readonly pollError: string | undefined;
  readonly cases: ReadonlyMap<string, Loaded<CaseDocument>>;
  readonly plans: ReadonlyMap<string, Loaded<PlanDocument>>;
  readonly comments: readonly BoardComment[];
  readonly commentsError: string | undefined;
  /** Replaces the meeting with one a change answered (discussion, decision), ahead of the next poll. */
  readonly setBoard: (b: BoardDocument) => void;
  /** Reads the comments now (after adding one). */
  readonly refreshComments: () => Promise<void>;
}

/**
 * Loads the meeting, its cases and attached plans, and polls the meeting and its comments every
 * {@link POLL_MS}. Cases and plans are read once each (a plan again when another is attached).
 */
export function usePresenterData(boardId: string): PresenterData {
  const [board, setBoardState] = useState<BoardDocument | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [pollError, setPollError] = useState<string | undefined>();
  const [cases, setCases] = useState<ReadonlyMap<string, Loaded<CaseDocument>>>(new Map());
  const [plans, setPlans] = useState<ReadonlyMap<string, Loaded<PlanDocument>>>(new Map());
  const [comments, setComments] = useState<readonly BoardComment[]>([]);
  const [commentsError, setCommentsError] = useState<string | undefined>();
  const requested = useRef(new Set<string>());
  // A change's answer is newer than a poll started before it: keep the highest version.
  const setBoard = useCallback((b: BoardDocument) => setBoardState((old) => (old && old.id === b.id && old.version > b.version ? old : b)), []);

  const refreshComments = useCallback(async () => {
    try {
      setComments(await boardMeetingApi.comments(boardId));
      setCommentsError(undefined);
    } catch (e) {
      setCommentsError(errorText(e));
    }
  }, [boardId]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (first: boolean): Promise<void> => {
      try {
        const b = await boardsApi.get(boardId);
        if (stopped) return;
        setBoard(b);
        setPollError(undefined);
      } catch (e) {
        if (stopped) return;
        if (first) setLoadError(`The meeting could not be loaded: ${errorText(e)}`);
        else setPollError(`Not up to date: ${errorText(e)}`);
      }
      await refreshComments();
      if (!stopped) timer = setTimeout(() => void poll(false), POLL_MS);
    };
    void poll(true);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [boardId, setBoard, refreshComments]);

  useEffect(() => {
    if (!board) return;
    for (const it of board.items) {
      const caseKey = `case:${it.caseId}`;
      if (!requested.current.has(caseKey)) {
        requested.current.add(caseKey);
        casesApi.get(it.caseId).then(
          (c) => setCases((m) => new Map(m).set(it.caseId, c)),
          (e: unknown) => setCases((m) => new Map(m).set(it.caseId, { error: errorText(e) })),
        );
      }
      const planId = it.preparation.planAttached;
      if (planId && !requested.current.has(`plan:${planId}`)) {
        requested.current.add(`plan:${planId}`);
        plansApi.get(planId).then(
          (p) => setPlans((m) => new Map(m).set(planId, p)),
          (e: unknown) => setPlans((m) => new Map(m).set(planId, { error: errorText(e) })),
        );
      }
    }
  }, [board]);

  return { board, loadError, pollError, cases, plans, comments, commentsError, setBoard, refreshComments };
}
