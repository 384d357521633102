/** A number with fixed decimals, "—" when there is none. */
export const num = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/** An LPS point as "x, y, z" in mm with one decimal. */
export const lpsText = (p: readonly [number, number, number]): string => p.map((v) => v.toFixed(1)).join(', ');

/** An ISO instant as "YYYY-MM-DD HH:MM UTC": one clock for every reader of a printed page. */
export function whenText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** The statement every printed page carries (the README's wording). */
export const NOT_A_MEDICAL_DEVICE =
  'Not a medical device. PercuPlan is research and teaching software. It is not cleared or approved for diagnosis, treatment planning or any clinical decision.';
