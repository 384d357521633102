import type { LpsBox } from '../../../records/postProcedure';
import type { PlanningVolume } from '../../volume/planningVolume';
import type { Matrix4 } from '../rigid';
import { edgeDistanceMm } from './edges';
import { indexBoxOf } from './grid';
import { score } from './metric';
import { movingAffine } from './optimise';
import { fixedBoxFor, INTENSITY, levelGrids, movingMask } from './pyramid';
import { REGISTRATION, mappedBox } from './run';
import { fixedSamples } from './samples';

/**
 * The residual of a transform the registration did not find (given by a caller, or nudged by
 * hand), measured as the registration measures its own answer: NCC over the finest level's
 * points and the mean bone-edge distance, so the numbers before and after a nudge compare.
 * Null when the region does not reach both images.
 */
export function residualAt(fixed: PlanningVolume, moving: PlanningVolume, region: LpsBox, matrix: Matrix4): { ncc: number; edgeDistanceMm: number | null; samples: number } | null {
  const fineMm = REGISTRATION.levelsMm[2];
  const fixedBox = fixedBoxFor(fixed, region, 2 * fineMm);
  const movingBox = indexBoxOf(moving, mappedBox(region, matrix, 3 * fineMm), 0);
  if (!fixedBox || !movingBox) return null;
  const grids = levelGrids(fixed, fixedBox, moving, movingBox, fineMm, movingMask(moving, movingBox));
  const samples = fixedSamples(grids.fixed, region, { airBelow: INTENSITY.airBelow, maxPoints: REGISTRATION.levelPoints[2], edgeShare: 0.6 });
  const s = score(samples, grids.moving, movingAffine(grids.moving, matrix));
  return { ncc: Number.isFinite(s.ncc) ? s.ncc : 0, edgeDistanceMm: edgeDistanceMm(grids.fixed, grids.moving, region, matrix), samples: s.count };
}
