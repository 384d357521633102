import { gradeBilsky } from './bilsky';
import { gradeGenant } from './genant';
import { classifyHarrington } from './harrington';
import type { LesionScores } from './lesion';
import { scoreMirels } from './mirels';
import { scoreSins } from './sins';

/** Recomputes every present score of a lesion from its components. */
export function scoreLesion(scores: LesionScores): LesionScores {
  return {
    sins: scores.sins && { components: scores.sins.components, result: scoreSins(scores.sins.components) },
    mirels: scores.mirels && { components: scores.mirels.components, result: scoreMirels(scores.mirels.components) },
    harrington: scores.harrington && {
      components: scores.harrington.components,
      result: classifyHarrington(scores.harrington.components),
    },
    bilsky: scores.bilsky && { components: scores.bilsky.components, result: gradeBilsky(scores.bilsky.components) },
    genant: scores.genant && { components: scores.genant.components, result: gradeGenant(scores.genant.components) },
  };
}
