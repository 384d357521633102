import { err, ok, type Result } from '../shared/result';

/** A moment as DICOM writes it in UTC: DA "YYYYMMDD", TM "HHMMSS.FFF", DT with "+0000". */
export interface DicomUtc {
  readonly date: string;
  readonly time: string;
  readonly dateTime: string;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * An ISO 8601 timestamp (as the server stores them) as DICOM date, time and date-time in UTC,
 * to the millisecond. Stored timestamps, never the clock, so exporting one plan version twice
 * gives the same bytes.
 */
export function dicomUtc(iso: string): Result<DicomUtc> {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return err(`"${iso}" is not a date and time`);
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
  return ok({ date, time, dateTime: `${date}${time}+0000` });
}
