/**
 * One row of PS3.15 Table E.1-1 as data, and the action codes it uses (PS3.15 E.1.1):
 * D dummy non-empty value, Z empty (or dummy), X remove, K keep (sequences cleaned),
 * C clean, U replace UID consistently; combined forms pick by the attribute's Type in its IOD.
 */
export type BasicAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U' | 'Z/D' | 'X/Z' | 'X/D' | 'X/Z/D' | 'X/Z/U*';

/**
 * [tag as 8 hex digits ("XX" where the table has a repeating group), keyword, Basic Profile action,
 * option columns as "M:C P:K D:C S:C" (Modified Dates, Patient Characteristics, Clean Descriptors,
 * Clean Structured Content); absent when none of those options names the attribute].
 */
export type ProfileRow = readonly [tag: string, keyword: string, basic: BasicAction, options?: string];

/** The option columns of Table E.1-1 this engine implements. */
export type ProfileOption = 'M' | 'P' | 'D' | 'S';

/** The action an option column gives a row ('K' or 'C'), or null when the column is blank for it. */
export function optionAction(row: ProfileRow, option: ProfileOption): 'K' | 'C' | null {
  const cells = row[3];
  if (!cells) return null;
  for (const cell of cells.split(' ')) {
    if (cell.startsWith(`${option}:`)) {
      const a = cell.slice(2);
      if (a === 'K' || a === 'C') return a;
    }
  }
  return null;
}
