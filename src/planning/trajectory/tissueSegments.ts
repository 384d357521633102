import type { HuProfile } from './huProfile';

/** Coarse tissue classes along a needle path, by HU band. */
export type TissueClass = 'outside' | 'air' | 'fat' | 'soft-tissue' | 'cancellous-bone' | 'cortical-bone' | 'metal-or-cement';

/** One stretch of one tissue class along the path. */
export interface TissueSegment {
  tissue: TissueClass;
  startMm: number;
  endMm: number;
}

/**
 * The HU bands used (upper limits, exclusive): air < −500 ≤ fat < −30 ≤ soft tissue < 200 ≤
 * cancellous bone < 700 ≤ cortical bone < 2000 ≤ metal or cement. Rough bands for a display of
 * what the needle crosses, not a segmentation.
 */
export function classifyHu(hu: number): TissueClass {
  if (Number.isNaN(hu)) return 'outside';
  if (hu < -500) return 'air';
  if (hu < -30) return 'fat';
  if (hu < 200) return 'soft-tissue';
  if (hu < 700) return 'cancellous-bone';
  if (hu < 2000) return 'cortical-bone';
  return 'metal-or-cement';
}

/** The profile as consecutive segments of one tissue class each. */
export function tissueSegments(profile: HuProfile): TissueSegment[] {
  const out: TissueSegment[] = [];
  for (let s = 0; s < profile.hu.length; s++) {
    const tissue = classifyHu(profile.hu[s]!);
    const d = profile.distancesMm[s]!;
    const last = out[out.length - 1];
    if (last && last.tissue === tissue) last.endMm = d;
    else out.push({ tissue, startMm: d, endMm: d });
  }
  return out;
}
