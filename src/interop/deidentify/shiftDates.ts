/**
 * Date shifting for the Retain Longitudinal Temporal Information with Modified Dates option:
 * every date moves by the same whole number of days so intervals between them stay true; times
 * of day are kept. Calendar arithmetic in UTC so no daylight-saving day is 23 or 25 hours.
 */

const DAY_MS = 86_400_000;

/** "YYYYMMDD" moved by `days`, or null when the text is not a full DICOM DA value. */
export function shiftDa(value: string, days: number): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Reject 20240230 and the like instead of letting Date roll it into March.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  const s = new Date(t + days * DAY_MS);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${pad(s.getUTCFullYear(), 4)}${pad(s.getUTCMonth() + 1, 2)}${pad(s.getUTCDate(), 2)}`;
}

/**
 * A DT value ("YYYYMMDDHHMMSS.FFFFFF&ZZXX", any precision from the year down) with its date
 * moved by `days` and the rest kept; a DT of year or month precision only cannot be shifted by
 * days and yields null, as does anything that is not a DT.
 */
export function shiftDt(value: string, days: number): string | null {
  const v = value.trim();
  if (!/^\d{8}/.test(v)) return null;
  const date = shiftDa(v.slice(0, 8), days);
  return date === null ? null : date + v.slice(8);
}
