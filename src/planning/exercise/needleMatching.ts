import { distance, type Vec3 } from '../../shared/vec3';

/** One trainee needle paired with an expert needle, by their indices in plan order. */
export interface NeedlePair {
  readonly trainee: number;
  readonly expert: number;
  /** Distance between the two targets, mm. */
  readonly targetDistanceMm: number;
}

/**
 * Distances are compared on a grid of this many mm, so floating-point noise in otherwise equal
 * distances does not decide a pairing (and the order stays transitive, unlike a tolerance).
 */
const TIE_MM = 1e-6;

/**
 * Pairs trainee needles with expert needles by target, one to one, greedily: of all
 * (trainee, expert) pairs, the one whose targets are closest is taken first, then the closest
 * among the needles still free, and so on, until one side runs out. Ties (distances equal to
 * 1e-6 mm) go to the earlier trainee needle in plan order, then to the earlier expert needle,
 * so the result never depends on sort stability.
 *
 * Greedy is not the assignment that minimises the total distance (Hungarian), but with the few
 * needles of a plan and the spread of real targets it pairs each needle with the expert needle
 * it was plainly aiming for, and it is easy to explain to a trainee. Needles left over on
 * either side (more or fewer applicators than the expert) stay unpaired.
 */
export function matchNeedles(trainee: readonly { readonly target: Vec3 }[], expert: readonly { readonly target: Vec3 }[]): NeedlePair[] {
  const candidates: NeedlePair[] = [];
  trainee.forEach((t, i) => expert.forEach((e, j) => candidates.push({ trainee: i, expert: j, targetDistanceMm: distance(t.target, e.target) })));
  const key = (p: NeedlePair): number => Math.round(p.targetDistanceMm / TIE_MM);
  candidates.sort((a, b) => key(a) - key(b) || a.trainee - b.trainee || a.expert - b.expert);
  const usedT = new Set<number>(), usedE = new Set<number>();
  const pairs: NeedlePair[] = [];
  for (const c of candidates) {
    if (usedT.has(c.trainee) || usedE.has(c.expert)) continue;
    usedT.add(c.trainee);
    usedE.add(c.expert);
    pairs.push(c);
  }
  return pairs.sort((a, b) => a.trainee - b.trainee);
}
