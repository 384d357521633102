/** The shortest password an account may have (the server refuses shorter; no composition rules). */
export const MIN_PASSWORD_LENGTH = 12;

/** Why a new password is refused before sending it, or undefined when it may be sent. */
export function passwordProblem(password: string): string | undefined {
  // Counted in characters as a person types them (an emoji is one), not UTF-16 units.
  const n = [...password].length;
  return n < MIN_PASSWORD_LENGTH ? `At least ${MIN_PASSWORD_LENGTH} characters (${n} now)` : undefined;
}

/** An audit outcome as DICOM codes it: 0 success, 4 minor failure, 8 serious failure. */
export function outcomeLabel(outcome: number): string {
  if (outcome === 0) return 'success';
  if (outcome === 4) return 'minor failure';
  if (outcome === 8) return 'serious failure';
  return `outcome ${outcome}`;
}

/** An instant as "YYYY-MM-DD HH:MM:SS UTC" (the audit trail is read in UTC whatever the browser's zone). */
export function utcTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * A `datetime-local` input's value read as UTC ("2026-12-06T18:00" → "2026-12-06T18:00:00.000Z");
 * empty or unreadable gives undefined (no filter).
 */
export function utcFromInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** How many pages `total` rows make (at least one, so "page 1 of 1" for none). */
export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
