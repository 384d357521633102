import { err, ok, type Result } from '../../shared/result';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A stored ISO 8601 timestamp as DICOM DA "YYYYMMDD" and TM "HHMMSS.FFF" in UTC. The plan's
 * own time, never the clock: exporting one version twice gives the same bytes.
 */
export function utcDateTime(iso: string): Result<{ date: string; time: string }> {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return err(`"${iso}" is not a date and time`);
  const d = new Date(ms);
  return ok({
    date: `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`,
    time: `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`,
  });
}
