import type { SubmissionSummary } from '../../api/exercises';

/** One trainee's attempts, oldest first. */
export interface TraineeAttempts {
  readonly account: string;
  readonly displayName: string;
  readonly attempts: readonly SubmissionSummary[];
}

/** The caller's own attempts (a teacher's answer holds everyone's); all of them in single-user mode (no username). */
export function ownAttempts(subs: readonly SubmissionSummary[], username: string | undefined): SubmissionSummary[] {
  return username ? subs.filter((s) => s.account === username) : [...subs];
}

/** Attempts grouped per trainee (by display name, then account), each trainee's ordered by attempt number. */
export function attemptsByTrainee(subs: readonly SubmissionSummary[]): TraineeAttempts[] {
  const byAccount = new Map<string, SubmissionSummary[]>();
  for (const s of subs) byAccount.set(s.account, [...(byAccount.get(s.account) ?? []), s]);
  return [...byAccount.entries()]
    .map(([account, list]) => ({ account, displayName: list[0]?.displayName || account, attempts: [...list].sort((a, b) => a.attempt - b.attempt) }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.account.localeCompare(b.account));
}

/** A point of the attempts chart in SVG units, with the value it plots. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly value: number;
  readonly attempt: number;
}

/** The frame of the attempts chart: SVG size and the plot area inside its margins. */
export const CHART = { width: 320, height: 120, left: 36, right: 36, top: 10, bottom: 22 } as const;

/**
 * The polyline points of one series of the chart: attempt k of n at evenly spaced x across the
 * plot area (a single attempt in the middle), the value scaled linearly from [0, max] to the
 * plot's bottom..top. Attempts without the value (null) are left out.
 */
export function chartPoints(values: readonly (number | null)[], max: number): ChartPoint[] {
  const w = CHART.width - CHART.left - CHART.right, h = CHART.height - CHART.top - CHART.bottom;
  const n = values.length;
  const top = max > 0 ? max : 1;
  return values.flatMap((v, i) => {
    if (v === null || !Number.isFinite(v)) return [];
    const x = CHART.left + (n === 1 ? w / 2 : (w * i) / (n - 1));
    const y = CHART.top + h - (h * Math.min(Math.max(v, 0), top)) / top;
    return [{ x, y, value: v, attempt: i + 1 }];
  });
}

/** A round upper bound for an axis: the smallest of 1, 2, 5 × 10^k at or above `v` (10 for nothing to plot). */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 10;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v - 1e-9) ?? 10 * p;
}
