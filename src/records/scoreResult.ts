import { z } from 'zod';

/**
 * What a score calculator gives back and what the record stores next to the components:
 * a total and its category once every component is known, or the missing components while
 * the form is being filled in (so the UI can show "2 of 6 components missing").
 */
export interface ScoreResult<C extends string> {
  total: number | null;
  category: C | null;
  /** The names of the components still missing; empty when the score is complete. */
  missing: string[];
}

/** The stored form of a score result (categories kept as strings for forward compatibility). */
export const scoreResultSchema = z.strictObject({
  total: z.number().nullable(),
  category: z.string().nullable(),
  missing: z.array(z.string().max(100)).max(20),
});

/** Sums the points of the components that are present, listing the ones that are not. */
export function sumComponents<K extends string>(
  points: { [P in K]: number | undefined },
): { total: number | null; missing: K[] } {
  let total = 0;
  const missing: K[] = [];
  for (const key of Object.keys(points) as K[]) {
    const p = points[key];
    if (p === undefined) missing.push(key);
    else total += p;
  }
  return { total: missing.length ? null : total, missing };
}
