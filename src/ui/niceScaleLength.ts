/** The largest of 1, 2, 5 × 10^n mm that is not longer than `maxMm`. */
export function niceScaleLength(maxMm: number): number {
  if (!(maxMm > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxMm));
  for (const m of [5, 2, 1]) if (m * p <= maxMm) return m * p;
  return p;
}
