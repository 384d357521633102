import { describe, expect, it } from 'vitest';
import { lps, type LpsPoint } from '../../shared/vec3';
import { defaultCatalogue } from '../devices/defaultCatalogue';
import { deviceById, zoneSetOf } from '../devices/deviceById';
import type { Device } from '../devices/deviceSchema';
import { gridTransform } from '../trajectory/gridTransform';
import { prepareMask } from '../trajectory/preparedMask';
import { axisGrid, maskWhere } from '../trajectory/syntheticGrids';
import { buildCompositeZone, compositeContains, type AblationProbe } from './compositeZone';
import { maskVoxelsInZone } from './maskVoxelsInZone';
import { placeZones } from './placeZones';
import { dilationRadiusMm, synergyGrowthMm } from './synergyGrowth';
import { zoneRowEvaluator } from './zoneRows';

const cryo = deviceById(defaultCatalogue(), 'generic-cryoprobe-13g')!;
const set = zoneSetOf(cryo)!;

/** Vertical probes (entry 100 mm above the tip) at the given (x, y), tips at z = 0. */
const probes = (xy: readonly (readonly [number, number])[], device: Device = cryo): AblationProbe[] =>
  xy.map(([x, y], i) => ({ id: `p${i}`, device, zoneSet: zoneSetOf(device)!, entry: lps(x, y, 100), target: lps(x, y, 0) }));

/**
 * Equivalent diameter 2·√(area/π) of the composite's cross-section in the plane z = zc
 * (through the zone centres, perpendicular to the probes), by counting a 0.05 mm grid.
 */
function equivalentDiameter(ps: AblationProbe[], zc: number): number {
  const zone = buildCompositeZone(ps, 'lethal');
  const h = 0.05;
  let n = 0;
  for (let x = -45; x <= 45; x += h) for (let y = -45; y <= 45; y += h) if (compositeContains(zone, x, y, zc)) n++;
  return 2 * Math.sqrt((n * h * h) / Math.PI);
}

const s = 20;
const layouts: Record<number, [number, number][]> = {
  1: [[0, 0]],
  2: [[-s / 2, 0], [s / 2, 0]],
  3: [[0, s / Math.sqrt(3)], [-s / 2, -s / (2 * Math.sqrt(3))], [s / 2, -s / (2 * Math.sqrt(3))]],
  4: [[-s / 2, -s / 2], [s / 2, -s / 2], [s / 2, s / 2], [-s / 2, s / 2]],
};

describe('placeZones', () => {
  it('centres each zone centreFromTip back from the tip, along the shaft', () => {
    const placed = placeZones(lps(0, 100, 0), lps(0, 0, 0), set);
    expect(placed.map((p) => p.shape.centre)).toEqual(set.zones.map(() => [0, 12, 0]));
    expect(placed[0]!.shape.axis).toEqual([0, -1, 0]);
    expect(placed.map((p) => [p.shape.radialSemiMm, p.shape.axialSemiMm])).toEqual([[16, 26], [9.335, 19.335], [6, 16], [2.665, 12.665]]);
  });
});

describe('cluster hull model against Littrup 2009 (1.2, 3.3, 4.1, 4.9 cm at 2 cm spacing)', () => {
  it('calibrates the growth by Steiner’s formula', () => {
    // π r² + P r + A = π (D/2)²: pair P = 40, A = 0 → r = (−40 + √(1600 + 4π·855.30))/2π = 11.319 mm.
    expect(dilationRadiusMm(2, 20, 33)).toBeCloseTo(11.319, 3);
    expect(synergyGrowthMm(cryo.synergy!.calibration).map((g) => Math.round(g * 100) / 100)).toEqual([0, 5.32, 5.81, 6.47]);
  });

  // Tolerance ±0.3 mm: the published diameters are given to 1 mm; the area count on a 0.05 mm
  // grid is good to about 0.01 mm, so any larger miss is a modelling or coding error.
  it.each([[1, 12], [2, 33], [3, 41], [4, 49]])('%i probe(s): lethal equivalent diameter %i mm ± 0.3', (n, published) => {
    const ps = probes(layouts[n]!);
    // Measured: 11.997, 33.007, 40.997, 49.008 mm.
    expect(Math.abs(equivalentDiameter(ps, 12) - published)).toBeLessThan(0.3);
  });

  it('is more than the union of single-probe zones, as the source says', () => {
    const noSynergy: Device = { ...cryo, id: 'cryo-without-model', synergy: null };
    // Four separate 12 mm discs: equivalent diameter 12·√4 = 24 mm, far below 49.
    expect(equivalentDiameter(probes(layouts[4]!, noSynergy), 12)).toBeCloseTo(24, 0);
  });

  it('does not link probes farther apart than the synergy distance', () => {
    const zone = buildCompositeZone(probes([[-15, 0], [15, 0]]), 'lethal');
    expect(zone.clusters.map((c) => c.growthMm)).toEqual([0, 0]);
  });

  it('fills a ring of five (no hole in the middle) but not across an L', () => {
    const ring = Array.from({ length: 5 }, (_, k) => [17.01 * Math.cos((2 * Math.PI * k) / 5), 17.01 * Math.sin((2 * Math.PI * k) / 5)] as [number, number]);
    expect(compositeContains(buildCompositeZone(probes(ring), 'lethal'), 0, 0, 12)).toBe(true);
    const ell = probes([[0, 0], [20, 0], [40, 0], [40, 20], [40, 40]]);
    const zone = buildCompositeZone(ell, 'lethal');
    expect(zone.clusters.length).toBe(1);
    // Deep in the concave corner, 20 mm and more from every probe.
    expect(compositeContains(zone, 18, 22, 12)).toBe(false);
  });

  it('keeps the visible ice 10 mm outside the lethal zone of a cluster', () => {
    const lethal = buildCompositeZone(probes(layouts[2]!), 'lethal');
    const outer = buildCompositeZone(probes(layouts[2]!), 'outer');
    const r = (zone: typeof lethal) => {
      let x = 0;
      while (compositeContains(zone, 0, x + 0.01, 12)) x += 0.01;
      return x;
    };
    expect(r(outer) - r(lethal)).toBeCloseTo(10, 1);
  });
});

describe('row evaluation', () => {
  it('counts a partial mask exactly like the point test, wherever it lies against the zone', () => {
    const g = axisGrid([60, 60, 30], [0.8, 0.8, 1.5], [-24, -24, -10]);
    const zone = buildCompositeZone(probes(layouts[4]!), 'lethal');
    const ev = zoneRowEvaluator(zone, gridTransform(g));
    for (const [cx, cy, r] of [[0, 0, 10], [18, 0, 8], [23, 23, 3], [-5, 20, 6], [40, 40, 5]] as const) {
      const mask = maskWhere(g, (p) => Math.hypot(p[0] - cx, p[1] - cy, p[2] - 12) <= r);
      const byRows = maskVoxelsInZone(zone, ev, prepareMask(mask));
      const byPoints = maskWhere(g, (p) => Math.hypot(p[0] - cx, p[1] - cy, p[2] - 12) <= r && compositeContains(zone, p[0], p[1], p[2])).data.reduce((a, b) => a + b, 0);
      expect(Math.abs(byRows - byPoints)).toBeLessThanOrEqual(1);
    }
  });

  it('counts exactly the voxels whose centres the point test puts inside', () => {
    const g = axisGrid([70, 70, 40], [0.8, 0.8, 1.5], [-28, -28, -10]);
    const ps = probes(layouts[3]!).map((p, i) => (i === 1 ? { ...p, entry: lps(p.entry[0] + 20, p.entry[1], p.entry[2]) } : p));
    const zone = buildCompositeZone(ps, 'lethal');
    const everything = prepareMask(maskWhere(g, () => true));
    const byRows = maskVoxelsInZone(zone, zoneRowEvaluator(zone, gridTransform(g)), everything);
    const byPoints = maskWhere(g, (p: LpsPoint) => compositeContains(zone, p[0], p[1], p[2])).data.reduce((a, b) => a + b, 0);
    expect(byRows).toBeGreaterThan(10000);
    expect(Math.abs(byRows - byPoints)).toBeLessThanOrEqual(2);
  });
});
