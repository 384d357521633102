import type { BoardItem } from '../../records';

/*
 * What an agenda item records of the meeting itself: its discussion times and the board's
 * decision. The server writes both through their own routes (discussion start/stop, decision);
 * a client's save or create cannot set them, and a case carried to the next meeting leaves them
 * behind.
 */

/** The item without discussion times or decision (a new agenda item, or one carried over). */
export function withoutMeetingRecord(item: BoardItem): BoardItem {
  return { ...item, discussion: [], decision: null };
}

/**
 * The items of a save with the discussion times and decision of the stored item of the same
 * case (none for a case new to the agenda), whatever the body said.
 */
export function itemsAsStored(items: readonly BoardItem[], stored: readonly BoardItem[]): BoardItem[] {
  const byCase = new Map(stored.map((i) => [i.caseId, i]));
  return items.map((i) => {
    const was = byCase.get(i.caseId);
    return { ...i, discussion: was?.discussion ?? [], decision: was?.decision ?? null };
  });
}

/** Whether the item's discussion is running (its last span has no stop time). */
export function isRunning(item: BoardItem): boolean {
  const last = item.discussion.at(-1);
  return last !== undefined && last.stoppedAt === null;
}

/** The item with its running discussion span, if any, stopped at `at`. */
export function stopRunning(item: BoardItem, at: string): BoardItem {
  if (!isRunning(item)) return item;
  return { ...item, discussion: item.discussion.map((s) => (s.stoppedAt === null ? { ...s, stoppedAt: at } : s)) };
}
