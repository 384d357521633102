import type { DiscussionSpan } from '../../../records';

/**
 * Discussion times of a meeting from its agenda items' spans (issue 14, "Presenting"): seconds per
 * case, the case being discussed now, and the median over the cases discussed. A running span
 * (stoppedAt null) counts up to `nowMs`, so the card's clock and the summary agree while it runs.
 */

/** The agenda item fields the times need. */
export interface TimedItem {
  readonly caseId: string;
  readonly discussion: readonly DiscussionSpan[];
}

/** One case's time. */
export interface CaseTime {
  readonly caseId: string;
  /** Whole seconds discussed, running span included up to now. */
  readonly seconds: number;
  /** At least one span recorded (a case opened and closed at once still counts as discussed). */
  readonly discussed: boolean;
  /** A span of this case is running. */
  readonly running: boolean;
}

/**
 * The milliseconds of one span. A span whose end is before its start (two clocks) or whose start
 * is in the future counts 0 rather than going negative.
 */
export function spanMs(span: DiscussionSpan, nowMs: number): number {
  const start = Date.parse(span.startedAt);
  const end = span.stoppedAt === null ? nowMs : Date.parse(span.stoppedAt);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 0;
  return Math.max(0, end - start);
}

/** Each item's total in agenda order (milliseconds summed before rounding down, so two 0.6 s spans make 1 s). */
export function caseTimes(items: readonly TimedItem[], nowMs: number): CaseTime[] {
  return items.map((it) => ({
    caseId: it.caseId,
    seconds: Math.floor(it.discussion.reduce((ms, s) => ms + spanMs(s, nowMs), 0) / 1000),
    discussed: it.discussion.length > 0,
    running: it.discussion.some((s) => s.stoppedAt === null),
  }));
}

/** The median of the values (mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The meeting summary: per-case times, the median and total over the cases discussed. */
export interface MeetingTimes {
  readonly cases: CaseTime[];
  /** Median seconds over the discussed cases, null when none was discussed. */
  readonly medianSeconds: number | null;
  readonly totalSeconds: number;
  readonly discussedCount: number;
}

/** Per-case times and the median of the discussed cases (the undiscussed ones would pull it to 0). */
export function meetingTimes(items: readonly TimedItem[], nowMs: number): MeetingTimes {
  const cases = caseTimes(items, nowMs);
  const discussed = cases.filter((c) => c.discussed).map((c) => c.seconds);
  return { cases, medianSeconds: median(discussed), totalSeconds: discussed.reduce((a, b) => a + b, 0), discussedCount: discussed.length };
}

/** The case whose discussion is running, or null. */
export function runningCase(items: readonly TimedItem[]): string | null {
  return items.find((it) => it.discussion.some((s) => s.stoppedAt === null))?.caseId ?? null;
}

/** Seconds as "mm:ss" (minutes not wrapped at 60: a 75-minute case reads "75:00"); "—" for null. */
export function clockText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
