import { z } from 'zod';

/**
 * How a needle reaches the bone, for cementoplasty and ablation: the approach and the side it
 * is made from. A bilateral transpedicular access is two trajectories, one per side; see
 * `describeAccess`.
 */
export const accessApproachSchema = z.enum([
  'transpedicular',
  'parapedicular',
  'extrapedicular',
  'transiliac',
  'anterior',
  'anterolateral',
  'lateral',
  'posterior',
  'posterolateral',
  'other',
]);

/** An access approach. */
export type AccessApproach = z.infer<typeof accessApproachSchema>;

/** The access route of one trajectory. */
export const accessRouteSchema = z.strictObject({
  approach: accessApproachSchema,
  side: z.enum(['left', 'right', 'midline']).nullable().default(null),
});

/** An access route after defaults. */
export type AccessRoute = z.infer<typeof accessRouteSchema>;

/**
 * Words for the access of a set of trajectories to one lesion: "transpedicular left",
 * "bilateral transpedicular" when both sides are used, or several routes joined by " + ".
 */
export function describeAccess(routes: readonly AccessRoute[]): string {
  const byApproach = new Map<AccessApproach, Set<string>>();
  for (const r of routes) {
    const sides = byApproach.get(r.approach) ?? new Set<string>();
    if (r.side) sides.add(r.side);
    byApproach.set(r.approach, sides);
  }
  const parts: string[] = [];
  for (const [approach, sides] of byApproach) {
    if (sides.has('left') && sides.has('right')) parts.push(`bilateral ${approach}`);
    else if (sides.size > 0) parts.push(`${approach} ${[...sides].sort().join('/')}`);
    else parts.push(approach);
  }
  return parts.join(' + ');
}
