import type { NeedleReport } from '../../records/postProcedure';
import type { Vec3 } from '../../shared/vec3';
import type { PlanningVolume } from '../volume/planningVolume';
import type { AssessmentInput } from './assess';
import { findNeedle, SEARCH_RADIUS_MM, type FoundNeedle } from './needles/findNeedle';
import { needleReport } from './needles/needleReport';
import { applyMatrix, applyToDirection, type Matrix4 } from './rigid';

/** The needles phase: reports, the metal found, where the cement was injected (CBCT LPS). */
export interface NeedlesPhase {
  readonly reports: NeedleReport[];
  readonly found: FoundNeedle[];
  readonly injectionPointsCbct: Vec3[];
  readonly warnings: string[];
}

const name = (t: { id: string; label: string }) => (t.label ? `${t.label} (${t.id})` : t.id);

/**
 * Each planned trajectory's needle: placed by the user (CBCT LPS, taken to planning LPS), or
 * looked for along the planned path mapped into the CBCT; a trajectory with neither is left out
 * of the reports with a warning (no numbers can be given for a needle not seen), and its
 * planned target stands in as the injection point.
 */
export function assessNeedles(input: AssessmentInput, m: Matrix4, inverse: Matrix4, cbct: PlanningVolume, padding: number | null, cementHu: number | null): NeedlesPhase {
  const reports: NeedleReport[] = [];
  const found: FoundNeedle[] = [];
  const injectionPointsCbct: Vec3[] = [];
  const warnings: string[] = [];
  for (const t of input.plan.trajectories) {
    const placed = input.placedNeedles?.[t.id];
    if (placed) {
      const tip = applyMatrix(inverse, placed.tipLps), entry = applyMatrix(inverse, placed.entryLps);
      reports.push(needleReport(t, 'placed', tip, entry, [tip[0] - entry[0], tip[1] - entry[1], tip[2] - entry[2]]));
      injectionPointsCbct.push(placed.tipLps);
      continue;
    }
    const f = findNeedle(cbct, padding, applyMatrix(m, t.entry), applyMatrix(m, t.target), cementHu);
    if (!f) {
      warnings.push(`${name(t)}: no needle found in the CBCT within ${SEARCH_RADIUS_MM} mm of the planned path; place it by hand to measure it`);
      injectionPointsCbct.push(applyMatrix(m, t.target));
      continue;
    }
    found.push(f);
    injectionPointsCbct.push(f.tipLps);
    const entry = f.entryLps ? applyMatrix(inverse, f.entryLps) : null;
    if (!entry) {
      warnings.push(
        `${name(t)}: the needle's skin entry is ${f.entryMissing === 'field-of-view' ? 'outside the CBCT field of view' : f.entryMissing === 'volume' ? 'outside the CBCT volume' : 'not visible'}; entry error not measured, depth taken from the point nearest the planned entry`,
      );
    }
    reports.push(needleReport(t, 'detected', applyMatrix(inverse, f.tipLps), entry, applyToDirection(inverse, f.axis)));
  }
  return { reports, found, injectionPointsCbct, warnings };
}
