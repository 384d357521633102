import type { UidMapper } from '../../interop/deidentify/uidMap';
import { shiftIsoDate } from '../../records/pseudonymousCase';
import type { PlanContent } from '../../records';

/** What moving a plan to the teaching case's UIDs did. */
export interface MovedPlan {
  readonly plan: PlanContent;
  /** "path = uid" for each UID-like value the package held no object for: kept as it was. */
  readonly unmapped: readonly string[];
}

// A DICOM UID: digits and dots, at least three components (so "1.5" of a number written as text is not one).
const UID_LIKE = /^[0-9]+(\.[0-9]+){2,}$/;

/**
 * A plan moved onto a teaching case: every UID string anywhere in its envelope and content that
 * the de-identified package replaced (study, series, frame of reference, instances) goes through
 * the same mapping as the images, so the plan draws on the copied series; a UID the package did
 * not contain stays and is reported (DICOM-defined UIDs, 1.2.840.10008.*, are classes, not
 * instances, and stay silently). Every ISO date and date-time moves by the teaching case's shift.
 */
export function movePlan(plan: PlanContent, sourceUids: ReadonlySet<string>, uidMap: UidMapper, dateShiftDays: number): MovedPlan {
  const unmapped: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      if (sourceUids.has(value)) return uidMap(value);
      if (UID_LIKE.test(value) && value.length <= 64) {
        if (!value.startsWith('1.2.840.10008.')) unmapped.push(`${path} = ${value}`);
        return value;
      }
      return shiftIsoDate(value, dateShiftDays) ?? value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
    }
    return value;
  };
  return { plan: walk(plan, '') as PlanContent, unmapped };
}
