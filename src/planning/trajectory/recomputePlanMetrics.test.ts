import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../devices/defaultCatalogue';
import { prepareLesion } from '../zones/preparedLesion';
import { prepareMask } from './preparedMask';
import { recomputePlanMetrics, type RecomputeContext } from './recomputePlanMetrics';
import { axisGrid, sphereMask } from './syntheticGrids';
import type { Trajectory } from './trajectorySchema';

const FOR = '1.2.3.4';
const catalogue = defaultCatalogue();
const base = { frameOfReferenceUID: FOR, catalogue } satisfies RecomputeContext;

const needle = (over: Partial<Record<keyof Trajectory, unknown>> = {}) => ({
  id: 't1',
  label: 'T10 left',
  deviceId: 'bone-access-11g-100',
  entry: [-30, 40, 0],
  target: [0, 0, 0],
  frameOfReferenceUID: FOR,
  accessRoute: { approach: 'transpedicular', side: 'left' },
  ...over,
});

describe('recomputePlanMetrics', () => {
  it('computes the metrics with the issue’s names and leaves other content alone', () => {
    const r = recomputePlanMetrics({ lesions: [{ id: 'L1' }], trajectories: [needle()] }, base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lesions).toEqual([{ id: 'L1' }]);
    expect(r.value.trajectoryContentVersion).toBe(1);
    const [t] = r.value.trajectories as Trajectory[];
    expect(t!.metrics).toEqual({
      depthMm: 50,
      needleMarginMm: 50,
      craniocaudalAngleDeg: 0,
      craniocaudalDirection: 'none',
      axialAngleDeg: 36.87,
      axialDirection: 'left',
      inPlane: true,
      tableVerticalAngleDeg: null,
      tableVerticalDirection: null,
      structures: [],
      path: null,
      transpedicular: null,
      warnings: [],
    });
    expect(t!.entry).toEqual([-30, 40, 0]);
    expect(r.value.zoneMetrics).toBeNull();
  });

  it('replaces whatever metrics a client sent', () => {
    const bogus = { ...needle(), metrics: { depthMm: 1, needleMarginMm: 1, craniocaudalAngleDeg: 0, craniocaudalDirection: 'none', axialAngleDeg: 0, axialDirection: 'none', inPlane: true, tableVerticalAngleDeg: null, tableVerticalDirection: null, structures: [], path: null, transpedicular: null, warnings: [] } };
    const r = recomputePlanMetrics({ trajectories: [bogus] }, base);
    expect(r.ok && (r.value.trajectories as Trajectory[])[0]!.metrics!.depthMm).toBe(50);
  });

  it('refuses, naming the field, a trajectory in another frame, an unknown device or zone set', () => {
    const r = recomputePlanMetrics({
      trajectories: [needle({ id: 'a', frameOfReferenceUID: '9.9' }), needle({ id: 'b', deviceId: 'nope' }), needle({ id: 'c', deviceId: 'generic-cryoprobe-13g', zoneSetId: 'x' })],
    }, base);
    expect(r).toEqual({
      ok: false,
      error: [
        'trajectories[0].frameOfReferenceUID: 9.9 is not the plan\'s frame of reference 1.2.3.4',
        'trajectories[1].deviceId: no device "nope" in the catalogue',
        'trajectories[2].zoneSetId: device "generic-cryoprobe-13g" has no zone set "x"',
      ],
    });
  });

  it('refuses malformed content with its path', () => {
    const r = recomputePlanMetrics({ trajectories: [needle({ entry: [0, 0] })] }, base);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatch(/^trajectories\[0\]\.entry/);
  });

  it('adds distances to structures, the path and zone metrics when volumes are given', () => {
    const g = axisGrid([60, 60, 60], [1, 1, 1], [-30, -30, -30]);
    const cord = prepareMask(sphereMask(g, [0, 20, 0], 4));
    const ct = { ...g, scalars: new Float32Array(60 * 60 * 60).fill(40) };
    const cryo = needle({ id: 'p1', deviceId: 'generic-cryoprobe-13g', entry: [0, -29, -20], target: [0, -5, 0], accessRoute: null });
    const r = recomputePlanMetrics({ trajectories: [cryo] }, {
      ...base,
      ct,
      structures: [{ id: 'cord', label: 'spinal cord', mask: cord, safetyDistanceMm: 30 }],
      lesions: [{ id: 'L1', lesion: prepareLesion(sphereMask(g, [0, 0, 0], 5)) }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = (r.value.trajectories as Trajectory[])[0]!;
    expect(t.metrics!.structures[0]).toMatchObject({ structureId: 'cord', warning: true });
    expect(t.metrics!.warnings[0]).toMatch(/spinal cord/);
    expect(t.metrics!.path).toMatchObject({ corticalCrossings: 0, tissues: [{ tissue: 'soft-tissue' }] });
    const z = r.value.zoneMetrics as { lesions: { lesionId: string; coveragePercent: number }[]; clusters: unknown[] };
    expect(z.lesions[0]!.lesionId).toBe('L1');
    expect(z.lesions[0]!.coveragePercent).toBeGreaterThan(0);
    expect(z.clusters).toEqual([{ probeIds: ['p1'], growthMm: 0 }]);
  });

  it('stores each warning once, worded by the one producer with 1 decimal (not the geometry code or 2 decimals)', () => {
    // bone-access-11g-100 has a 100 mm working length; a 120 mm track leaves the tip 20 mm short.
    const r = recomputePlanMetrics({ trajectories: [needle({ entry: [0, 120, 0], target: [0, 0, 0], accessRoute: null })] }, base);
    expect(r.ok && (r.value.trajectories as Trajectory[])[0]!.metrics!.warnings).toEqual(['Needle too short: the tip falls 20.0 mm short of the target']);
  });

  describe('distance from the zone edge to each structure (ablation devices only)', () => {
    // Cryoprobe tip at the origin, shaft from +y: its outermost zone (0 °C ice, ⌀ 32 × 52 mm,
    // centred 12 mm back from the tip) is centred at (0, 12, 0) with radius 16 across the shaft.
    const g = axisGrid([60, 60, 60], [1, 1, 1], [-30, -30, -30]);
    const cryo = needle({ id: 'p1', deviceId: 'generic-cryoprobe-13g', entry: [0, 29, 0], target: [0, 0, 0], accessRoute: null });
    const run = (centre: [number, number, number], deviceId = 'generic-cryoprobe-13g') => {
      const structures = [{ id: 'cord', label: 'spinal cord', mask: prepareMask(sphereMask(g, centre, 2)), safetyDistanceMm: 10 }];
      const r = recomputePlanMetrics({ trajectories: [{ ...cryo, deviceId }] }, { ...base, structures });
      if (!r.ok) throw new Error(r.error.join('; '));
      return (r.value.trajectories as Trajectory[])[0]!.metrics!;
    };

    it('a structure 7 mm outside the ice, across the shaft: +7 mm, warned against its 10 mm safety distance', () => {
      // Ball of radius 2 at (25, 12, 0): nearest voxel centre (23, 12, 0), 23 − 16 = 7 mm from the surface.
      const m = run([25, 12, 0]);
      expect(m.structures[0]!.zoneEdge).toEqual({ zoneId: 'ice-0c', zoneLabel: '0 °C visible ice edge', distanceMm: 7, warning: true });
      // The shaft (x = 0) is 22.5 − 1.205 mm from the voxel boxes: no shaft warning, so one warning.
      expect(m.structures[0]!.warning).toBe(false);
      expect(m.warnings).toEqual(['spinal cord 7.0 mm from the zone edge (0 °C visible ice edge), within its 10.0 mm safety distance']);
    });

    it('a structure reaching into the ice is negative: its deepest voxel (8, 12, 0) lies 16 − 8 = 8 mm inside', () => {
      const m = run([10, 12, 0]);
      expect(m.structures[0]!.zoneEdge?.distanceMm).toBe(-8);
      expect(m.warnings).toContain('spinal cord reaches 8.0 mm into the zone (0 °C visible ice edge)');
    });

    it('a needle without zones has no zone edge', () => {
      expect(run([25, 12, 0], 'bone-access-11g-100').structures[0]).not.toHaveProperty('zoneEdge');
    });
  });

  it('is deterministic: the same content gives the same document', () => {
    const a = recomputePlanMetrics({ trajectories: [needle()] }, base);
    const b = recomputePlanMetrics({ trajectories: [needle()] }, base);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

