/**
 * What is known about a lesion that bears on cement leakage (shared/docs/domain.md: posterior
 * wall destruction, vertebral collapse and endplate destruction raise the risk, the first also
 * for leakage into the canal; vertebra plana makes access hard). Unknown is null.
 */
export interface LeakageFactors {
  posteriorWallInvolved: boolean | null;
  /** Height loss of the vertebral body in percent (Genant), or null. */
  collapsePercent: number | null;
  /** Cortex broken anywhere (pathological fracture through the cortex, soft-tissue extension). */
  corticalBreach: boolean | null;
  endplateDestroyed: boolean | null;
  /** True for a vertebral lesion (the posterior wall and collapse flags only apply there). */
  vertebral: boolean;
}

/** One leakage risk flag. */
export interface LeakageFlag {
  code: 'canal-leak' | 'collapse' | 'vertebra-plana' | 'cortical-breach' | 'endplate-leak' | 'unknown-posterior-wall';
  severity: 'high' | 'moderate' | 'info';
  message: string;
}

/** Height loss (%) from which a body counts as vertebra plana here (an assumption: Genant grade 3 starts at 40 %, plana is far beyond). */
export const VERTEBRA_PLANA_PERCENT = 70;

/** The leakage risk flags of a lesion, most severe first. */
export function leakageRiskFlags(f: LeakageFactors): LeakageFlag[] {
  const out: LeakageFlag[] = [];
  if (f.vertebral) {
    if (f.posteriorWallInvolved === true) {
      out.push({ code: 'canal-leak', severity: 'high', message: 'Posterior wall involved: risk of cement leaking into the spinal canal' });
    } else if (f.posteriorWallInvolved === null) {
      out.push({ code: 'unknown-posterior-wall', severity: 'info', message: 'Posterior wall not assessed: check it before injecting' });
    }
    if (f.collapsePercent !== null && f.collapsePercent >= VERTEBRA_PLANA_PERCENT) {
      out.push({ code: 'vertebra-plana', severity: 'high', message: `Vertebra plana (${Math.round(f.collapsePercent)} % height loss): access is hard and leakage likely` });
    } else if (f.collapsePercent !== null && f.collapsePercent >= 20) {
      out.push({ code: 'collapse', severity: 'moderate', message: `Vertebral collapse (${Math.round(f.collapsePercent)} % height loss) raises the leakage risk` });
    }
  }
  if (f.corticalBreach === true) out.push({ code: 'cortical-breach', severity: 'moderate', message: 'Cortical breach: cement may leak out of the bone there' });
  if (f.endplateDestroyed === true) out.push({ code: 'endplate-leak', severity: 'moderate', message: 'Endplate destroyed: risk of leakage into the disc' });
  const rank = { high: 0, moderate: 1, info: 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
