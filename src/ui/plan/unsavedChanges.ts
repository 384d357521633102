/** Revisions of a plan store, enough to know whether edits are unsaved. */
export interface Revisions {
  readonly revision: number;
  readonly savedRevision: number;
}

/** True when the plan holds edits not yet saved. */
export const hasUnsavedEdits = (s: Revisions): boolean => s.revision !== s.savedRevision;

/**
 * Whether the edits may be left behind: always when there are none, else only when the user
 * says so (`ask` is `window.confirm` in the page). `what` says what the user is about to do.
 */
export function mayDiscard(s: Revisions, what: string, ask: (question: string) => boolean): boolean {
  if (!hasUnsavedEdits(s)) return true;
  return ask(`The plan has unsaved changes. ${what} anyway and lose them?`);
}
