import type { PlanLesion } from '../../records/planLesion';
import type { AccessApproach, AccessRoute } from '../../trajectory/accessRoute';

/**
 * The usual approach to each lesion site (as the reference plans use them): through the pedicle
 * to a vertebral body or pedicle, from behind to the posterior elements, the sacrum and the
 * ischium, posterolateral to the iliac bone, anterolateral to the acetabulum, anterior to the
 * pubic ramus, lateral to the femur. An "other" site has no usual approach.
 */
function approachOf(site: NonNullable<PlanLesion['site']>): AccessApproach | null {
  switch (site.kind) {
    case 'vertebra':
      return site.part === 'posterior-elements' ? 'posterior' : 'transpedicular';
    case 'sacrum':
    case 'ischium':
      return 'posterior';
    case 'iliac-bone':
      return 'posterolateral';
    case 'acetabulum':
      return 'anterolateral';
    case 'pubic-ramus':
      return 'anterior';
    case 'femur':
      return 'lateral';
    case 'other':
      return null;
  }
}

/**
 * The access route a new needle to `lesion` starts with: the usual approach to its site, from
 * the lesion's side. A midline lesion reached through a pedicle gets no side (the planner picks
 * the pedicle); an unknown site gives no route at all (the schema needs an approach).
 */
export function defaultAccessRoute(lesion: Pick<PlanLesion, 'site' | 'side'> | undefined): AccessRoute | null {
  if (!lesion?.site) return null;
  const approach = approachOf(lesion.site);
  if (!approach) return null;
  const side = lesion.side === 'midline' && approach === 'transpedicular' ? null : lesion.side;
  return { approach, side };
}
