import type { SubmissionScore } from '../../planning/exercise/submissionScore';

/** A score number with its unit ("5.00 mm", "12.5 °"); "—" when it does not apply. */
export function scoreNumber(value: number | null | undefined, unit: string, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(decimals)}${unit === '°' || unit === '%' ? '' : ' '}${unit}`;
}

/** A planning time as minutes and seconds ("4 min 05 s"); "—" when not reported. */
export function planningTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * The best of several attempts: a safe plan beats an unsafe one, then the smaller mean target
 * error (an attempt with no paired needle ranks last). Undefined for no attempts.
 */
export function bestScore<T extends { score: SubmissionScore }>(attempts: readonly T[]): T | undefined {
  const key = (a: T): [number, number] => [a.score.safe ? 0 : 1, a.score.targetErrorMm ?? Number.POSITIVE_INFINITY];
  let best: T | undefined;
  for (const a of attempts) {
    if (!best) best = a;
    else {
      const [s, t] = key(a), [bs, bt] = key(best);
      if (s < bs || (s === bs && t < bt)) best = a;
    }
  }
  return best;
}

/** One line for a list: "SAFE · target 5.0 mm · coverage 92%". */
export function scoreLine(score: SubmissionScore): string {
  return `${score.safe ? 'SAFE' : 'UNSAFE'} · target ${scoreNumber(score.targetErrorMm, 'mm')} · coverage ${scoreNumber(score.coveragePct, '%', 0)}`;
}
