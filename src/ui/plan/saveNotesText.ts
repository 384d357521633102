/** The server's clause that repeats what the sentence's head already says. */
const GEOMETRIC_ONLY = ', so plans on it get geometric metrics only';

/**
 * What the plan panel says after a save whose CT the server could not use (the notes of the
 * answer, see `plansApi`), or undefined when the save has nothing to say. The head names which
 * numbers are blank, so the user does not read them as "nothing found"; each note then gives
 * the reason as the server worded it, less its own "geometric metrics only" clause.
 */
export function saveNotesText(version: number, notes: readonly string[]): string | undefined {
  if (notes.length === 0) return undefined;
  const reasons = notes.map((n) => n.replace(GEOMETRIC_ONLY, '').trim());
  return `Saved v${version} — HU-based metrics (tissue strip, cortical crossings, transpedicular clearance, lesion HU) not computed: ${reasons.join('; ')}`;
}
