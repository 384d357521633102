import { mmText } from './metricText';
import type { StoredTrajectoryMetrics } from './trajectorySchema';

/** The metrics a trajectory's warnings are derived from (everything but the warnings themselves). */
export type WarningSource = Pick<StoredTrajectoryMetrics, 'depthMm' | 'needleMarginMm' | 'structures' | 'transpedicular'>;

/**
 * THE producer of a trajectory's warnings, one sentence per problem, every number through
 * {@link mmText}: the server stores these on save, and the panel and the report show them (or
 * re-derive them from older stored metrics), so a warning is worded and rounded the same
 * everywhere and never listed twice. Order: geometry, then structures (shaft, then zone edge),
 * then the pedicle wall.
 */
export function trajectoryWarnings(m: WarningSource): string[] {
  const out: string[] = [];
  if (m.depthMm === 0) out.push('Entry and tip are the same point: no direction');
  if (m.needleMarginMm < 0) out.push(`Needle too short: the tip falls ${mmText(-m.needleMarginMm)} short of the target`);
  for (const s of m.structures) {
    const safety = `its ${mmText(s.safetyDistanceMm)} safety distance`;
    if (s.lengthInsideMm > 0) out.push(`Shaft passes through ${s.label} (${mmText(s.lengthInsideMm)} inside)`);
    else if (s.warning) out.push(`Shaft ${mmText(Math.max(0, s.distanceMm))} from ${s.label}, within ${safety}`);
    const z = s.zoneEdge;
    if (z?.warning) {
      out.push(z.distanceMm < 0
        ? `${s.label} reaches ${mmText(-z.distanceMm)} into the zone (${z.zoneLabel})`
        : `${s.label} ${mmText(z.distanceMm)} from the zone edge (${z.zoneLabel}), within ${safety}`);
    }
  }
  if (m.transpedicular?.breach) out.push('Shaft cuts into the medial pedicle wall');
  return out;
}
