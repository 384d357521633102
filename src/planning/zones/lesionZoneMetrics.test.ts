import { describe, expect, it } from 'vitest';
import { lps, type Vec3 } from '../../shared/vec3';
import type { Device } from '../devices/deviceSchema';
import { prepareMask } from '../trajectory/preparedMask';
import { axisGrid, sphereMask } from '../trajectory/syntheticGrids';
import type { AblationProbe } from './compositeZone';
import { planZoneMetrics } from './planZoneMetrics';
import { MARGIN_RANGE_MM, prepareLesion } from './preparedLesion';

/** A test device with one lethal zone of the given size, centred `centreFromTipMm` back from the tip. */
function device(diameterMm: number, lengthMm: number, centreFromTipMm = 0): Device {
  const provenance = { source: 'test geometry', conditions: 'none', tissue: 'none', generic: true };
  return {
    id: 'test-probe', name: 'Test probe', kind: 'microwave-antenna', gauge: 13, outerDiameterMm: 2.41, workingLengthMm: 200,
    generic: true, notes: '', zonesNote: '', synergy: null,
    zoneSets: [{ id: 'z', label: 'z', zones: [{ id: 'lethal', label: 'lethal', isothermC: null, lethal: true, diameterMm, lengthMm, centreFromTipMm, derivation: '', ...provenance }] }],
  };
}

const probeAt = (d: Device, tip: Vec3): AblationProbe => ({ id: 'a', device: d, zoneSet: d.zoneSets[0]!, entry: lps(tip[0], tip[1] + 100, tip[2]), target: lps(...tip) });

// A sphere of radius 10 mm on a 0.5 mm grid, centred at (0, 0, 0).
const grid = axisGrid([81, 81, 81], [0.5, 0.5, 0.5], [-20, -20, -20]);
const lesion = prepareLesion(sphereMask(grid, [0, 0, 0], 10));
const sphereVolume = (r: number) => (4 / 3) * Math.PI * r ** 3;
const metrics = (p: AblationProbe) => planZoneMetrics({ probes: [p], lesions: [{ id: 'L1', lesion }], structures: [] }).lesions[0]!;

describe('lesion coverage and margin against a known sphere (analytic)', () => {
  it('measures the voxelised sphere’s volume to within 1 %', () => {
    expect(Math.abs(lesion.mask.voxelCount * 0.125 - sphereVolume(10)) / sphereVolume(10)).toBeLessThan(0.01);
  });

  it('a concentric 15 mm sphere covers it all with a 5 mm margin', () => {
    const m = metrics(probeAt(device(30, 30), [0, 0, 0]));
    expect(m.coveragePercent).toBe(100);
    // Voxel centres reach at most 10 mm; the margin is 15 − 10 within half a voxel.
    expect(m.minMarginMm).toBeGreaterThan(5 - 0.01);
    expect(m.minMarginMm).toBeLessThan(5 + 0.3);
  });

  it('a concentric prolate zone (radius 15, half-length 20) leaves the short-axis margin: 5 mm', () => {
    const m = metrics(probeAt(device(30, 40), [0, 0, 0]));
    expect(m.coveragePercent).toBe(100);
    expect(m.minMarginMm).toBeCloseTo(5, 0);
  });

  it('a 15 mm sphere 8 mm off centre covers the lens volume and misses by 3 mm', () => {
    // Lens of spheres R = 15, r = 10, d = 8: V = π (R + r − d)² (d² + 2dr − 3r² + 2dR + 6rR − 3R²) / 12d
    // = π·17²·389/96 = 3679.0 mm³, 87.83 % of the lesion. The farthest lesion point is at
    // d + r = 18 mm from the zone centre: 3 mm outside.
    const lens = (Math.PI * 17 ** 2 * 389) / 96;
    const m = metrics(probeAt(device(30, 30), [8, 0, 0]));
    expect(m.coveragePercent).toBeCloseTo((100 * lens) / sphereVolume(10), -0.5);
    expect(Math.abs(m.coveragePercent - (100 * lens) / sphereVolume(10))).toBeLessThan(1);
    expect(m.minMarginMm).toBeCloseTo(-3, 0);
  });

  it('a 5 mm sphere inside it covers 12.5 % and misses by 5 mm', () => {
    const m = metrics(probeAt(device(10, 10), [0, 0, 0]));
    expect(Math.abs(m.coveragePercent - 12.5)).toBeLessThan(0.5);
    expect(m.minMarginMm).toBeCloseTo(-5, 0);
  });

  it('a zone far away covers nothing; the margin is capped at minus the range', () => {
    const m = metrics(probeAt(device(10, 10), [60, 0, 0]));
    expect(m.coveragePercent).toBe(0);
    expect([m.minMarginMm, m.marginCapped]).toEqual([-MARGIN_RANGE_MM, true]);
  });
});

describe('structures at risk inside the zones', () => {
  it('reports the volume of a structure inside the zone, with a warning', () => {
    // Structure: a 4 mm sphere at (12, 0, 0); zone: the 15 mm sphere at the origin. Inside:
    // the lens of R = 15, r = 4, d = 12: π (R + r − d)² (d² + 2dr − 3r² + 2dR + 6rR − 3R²)/12d = π·49·(144 + 96 − 48 + 360 + 360 − 675)/144 = 13.11π mm³.
    const structure = prepareMask(sphereMask(grid, [12, 0, 0], 4));
    const r = planZoneMetrics({ probes: [probeAt(device(30, 30), [0, 0, 0])], lesions: [], structures: [{ id: 'S', label: 'nerve', mask: structure }] });
    const lensMl = (Math.PI * 49 * 237) / 144 / 1000;
    // Exactly the structure voxels with centres within 15 mm of the origin; the analytic lens within 5 % (a small, coarsely voxelised lens).
    const discrete = sphereMask(grid, [12, 0, 0], 4).data.filter((v, q) => v && Math.hypot(-20 + 0.5 * (q % 81), -20 + 0.5 * (Math.floor(q / 81) % 81), -20 + 0.5 * Math.floor(q / 6561)) <= 15).length * 0.125 / 1000;
    expect(r.structures[0]!.volumeInAnyZoneMl).toBeCloseTo(discrete, 9);
    expect(Math.abs(r.structures[0]!.volumeInAnyZoneMl - lensMl) / lensMl).toBeLessThan(0.05);
    expect(r.structures[0]!.warning).toBe(true);
  });
});
