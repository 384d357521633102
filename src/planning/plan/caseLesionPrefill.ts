import { lesionSchema, sinsLocationOfLevel, type Lesion, type SinsComponents } from '../../records';
import type { PlanLesion } from '../records/planLesion';

/** Words for a plan lesion's site, as the case record's free-text site reads. */
export function siteWords(l: PlanLesion): string {
  const side = l.side && l.side !== 'midline' ? `${l.side} ` : '';
  const s = l.site;
  if (!s) return '';
  switch (s.kind) {
    case 'acetabulum':
      return `${side}${s.part} acetabulum`;
    case 'sacrum':
      return `sacrum, Denis zone ${s.zone}`;
    case 'vertebra':
      return `${s.level} ${s.part === 'posterior-elements' ? 'posterior elements' : s.part}`;
    case 'other':
      return s.description;
    default:
      return `${side}${s.kind.replace('-', ' ')}`;
  }
}

const REGION: Record<NonNullable<PlanLesion['site']>['kind'], Lesion['region']> = {
  'iliac-bone': 'pelvis-other',
  acetabulum: 'pelvis-acetabulum',
  'pubic-ramus': 'pelvis-other',
  ischium: 'pelvis-other',
  sacrum: 'sacrum',
  vertebra: 'spine',
  femur: 'long-bone',
  other: 'other',
};

/** The SINS collapse category for a loss of height in %, or undefined when not assessed. */
export function sinsCollapse(percent: number | null): SinsComponents['collapse'] {
  if (percent === null) return undefined;
  if (percent > 50) return 'over-50-percent';
  if (percent > 0) return 'under-50-percent';
  return 'none';
}

/**
 * The case record's lesion prefilled from a plan lesion (same id): what the images show —
 * region, level, side, site, type, fracture, soft-tissue extension, largest diameter — and,
 * for a spinal lesion, the SINS components the plan informs (location from the level, bone
 * lesion quality from the type, collapse from the collapse %). What the board already entered is kept: a field is
 * only filled where the case lesion has none, so the prefill never overwrites an edit.
 */
export function prefillCaseLesion(plan: PlanLesion, existing: Lesion | undefined, studyInstanceUID: string | null): Lesion {
  const base = existing ?? lesionSchema.parse({ id: plan.id });
  const keep = <T>(current: T | null | undefined, next: T | null | undefined): T | null => (current !== null && current !== undefined && current !== '' ? current : (next ?? null));
  const m = plan.measurements;
  const largest = m ? Math.round(10 * Math.max(...m.principalDiametersMm, m.longestAxialDiameterMm)) / 10 : null;
  const region = plan.site ? REGION[plan.site.kind] : null;
  const spinal = plan.site?.kind === 'vertebra' ? plan.site.level : null;
  let scores = base.scores;
  if (region === 'spine') {
    const current = base.scores.sins?.components ?? {};
    const components: SinsComponents = {
      ...current,
      location: current.location ?? (spinal ? sinsLocationOfLevel(spinal) : undefined),
      boneLesion: current.boneLesion ?? plan.type ?? undefined,
      collapse: current.collapse ?? sinsCollapse(plan.flags.vertebralBodyCollapsePercent),
    };
    scores = { ...base.scores, sins: { components, result: null } };
  }
  return {
    ...base,
    id: base.id ?? plan.id,
    label: keep(base.label, plan.label) ?? '',
    region: keep(base.region, region),
    spinalLevel: keep(base.spinalLevel, spinal),
    side: keep(base.side, plan.side),
    site: keep(base.site, siteWords(plan)) ?? '',
    lesionType: keep(base.lesionType, plan.type),
    pathologicalFracture: keep(base.pathologicalFracture, plan.flags.pathologicalFracture),
    largestDiameterMm: keep(base.largestDiameterMm, largest),
    softTissueExtension: keep(base.softTissueExtension, plan.flags.softTissueExtension),
    studyInstanceUID: keep(base.studyInstanceUID, studyInstanceUID),
    scores,
  };
}
