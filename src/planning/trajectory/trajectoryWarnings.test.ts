import { describe, expect, it } from 'vitest';
import { trajectoryWarnings, type WarningSource } from './trajectoryWarnings';

type Structure = WarningSource['structures'][number];
const structure = (over: Partial<Structure>): Structure => ({
  structureId: 's', label: 'Spinal cord', distanceMm: 20, closestOnAxis: [0, 0, 0], closestOnStructure: [0, 0, 0],
  safetyDistanceMm: 5, lengthInsideMm: 0, warning: false, ...over,
});
const source = (over: Partial<WarningSource>): WarningSource => ({ depthMm: 50, needleMarginMm: 50, structures: [], transpedicular: null, ...over });

describe('trajectoryWarnings: one sentence per problem, one precision', () => {
  it('a clean trajectory has none', () => {
    expect(trajectoryWarnings(source({ structures: [structure({})] }))).toEqual([]);
  });

  it('words each problem once, numbers with 1 decimal mm', () => {
    const w = trajectoryWarnings(source({
      needleMarginMm: -12.34,
      structures: [
        structure({ label: 'Spinal cord', distanceMm: 4.87, warning: true }),
        structure({ label: 'Aorta', distanceMm: -1.2, lengthInsideMm: 6.25, warning: true }),
      ],
      transpedicular: { medialWallClearanceMm: -0.5, atDepthMm: 30, breach: true },
    }));
    expect(w).toEqual([
      'Needle too short: the tip falls 12.3 mm short of the target',
      'Shaft 4.9 mm from Spinal cord, within its 5.0 mm safety distance',
      'Shaft passes through Aorta (6.3 mm inside)',
      'Shaft cuts into the medial pedicle wall',
    ]);
  });

  it('the zone edge warns on its own, outside (gap) or inside (depth), with the same threshold', () => {
    const w = trajectoryWarnings(source({
      structures: [
        structure({ label: 'Nerve root', zoneEdge: { zoneId: 'ice-0c', zoneLabel: '0 °C visible ice edge', distanceMm: 3.04, warning: true } }),
        structure({ label: 'Bowel', zoneEdge: { zoneId: 'ice-0c', zoneLabel: '0 °C visible ice edge', distanceMm: -2.5, warning: true } }),
        structure({ label: 'Skin', zoneEdge: { zoneId: 'ice-0c', zoneLabel: '0 °C visible ice edge', distanceMm: 12, warning: false } }),
      ],
    }));
    expect(w).toEqual([
      'Nerve root 3.0 mm from the zone edge (0 °C visible ice edge), within its 5.0 mm safety distance',
      'Bowel reaches 2.5 mm into the zone (0 °C visible ice edge)',
    ]);
  });

  it('a zero-length trajectory says so', () => {
    expect(trajectoryWarnings(source({ depthMm: 0 }))).toEqual(['Entry and tip are the same point: no direction']);
  });
});
