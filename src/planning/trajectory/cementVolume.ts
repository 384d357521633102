/**
 * The rule for the cement volume to plan for a lesion. An assumption, stated so the user can
 * judge and change it, not a published formula: domain.md gives no rule. The rationale is the
 * one usually given for cementoplasty of lytic lesions — the aim is to fill the lytic cavity
 * enough to bear load, not to overfill it, because leakage rises with the volume injected.
 * So the estimate is a fraction of the lesion volume with a range around it, capped (when the
 * host vertebral body's volume is known) at a fraction of the body.
 */
export interface CementRule {
  /** Planned fraction of the lesion volume (default 0.5). */
  fraction: number;
  /** Range of fractions shown with the estimate (default 0.3–0.7). */
  lowFraction: number;
  highFraction: number;
  /** Cap as a fraction of the vertebral body volume, when one is given (default 0.3). */
  bodyCapFraction: number;
}

/** The default rule (an assumption; see `CementRule`). */
export const DEFAULT_CEMENT_RULE: CementRule = { fraction: 0.5, lowFraction: 0.3, highFraction: 0.7, bodyCapFraction: 0.3 };

/** A cement volume estimate with its range and the rule, in words, that produced it. */
export interface CementEstimate {
  estimateMl: number;
  lowMl: number;
  highMl: number;
  /** True when the vertebral-body cap lowered the numbers. */
  capped: boolean;
  rule: string;
}

/**
 * Estimated cement volume for a lesion of `lesionVolumeMl` (lytic or mixed; a blastic lesion
 * is not filled and gets 0), optionally capped by the vertebral body volume.
 */
export function estimateCementVolume(
  lesionVolumeMl: number,
  lesionType: 'lytic' | 'mixed' | 'blastic' | null,
  vertebralBodyVolumeMl: number | null = null,
  rule: CementRule = DEFAULT_CEMENT_RULE,
): CementEstimate {
  const words = `${Math.round(rule.fraction * 100)} % of the lesion volume (range ${Math.round(rule.lowFraction * 100)}–${Math.round(rule.highFraction * 100)} %)` +
    (vertebralBodyVolumeMl !== null ? `, at most ${Math.round(rule.bodyCapFraction * 100)} % of the vertebral body` : '') +
    '; an assumption, not a published formula';
  if (lesionType === 'blastic' || !(lesionVolumeMl > 0)) return { estimateMl: 0, lowMl: 0, highMl: 0, capped: false, rule: words };
  const cap = vertebralBodyVolumeMl !== null ? rule.bodyCapFraction * vertebralBodyVolumeMl : Infinity;
  const est = rule.fraction * lesionVolumeMl, low = rule.lowFraction * lesionVolumeMl, high = rule.highFraction * lesionVolumeMl;
  return { estimateMl: Math.min(est, cap), lowMl: Math.min(low, cap), highMl: Math.min(high, cap), capped: high > cap, rule: words };
}
