import { jsonEqual, type CaseBoardDecision } from '../../records';

/**
 * A case save (POST or PUT /api/cases…) cannot write board decisions: they are signed by the
 * attending who recorded them through the board meeting's decision route, and a trainee has
 * `case.write` but not `board.decide`. Rather than refuse a save whose copy differs (an older
 * client that knows nothing of the field would then never save again), the server puts the
 * stored list back and says so in the save notes. Answers the list to store and the note, if any.
 */
export function keepStoredDecisions(
  sent: readonly CaseBoardDecision[],
  stored: readonly CaseBoardDecision[],
): { boardDecisions: CaseBoardDecision[]; note: string | null } {
  if (jsonEqual(sent, stored)) return { boardDecisions: [...stored], note: null };
  const n = stored.length;
  return {
    boardDecisions: [...stored],
    note: `boardDecisions: the stored board decisions (${n === 0 ? 'none' : n}) were kept; decisions are recorded through the board meeting (PUT /api/boards/<id>/items/<caseId>/decision)`,
  };
}
