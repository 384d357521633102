import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../shared/vec3';
import { prepareMask } from '../trajectory/preparedMask';
import { axisGrid, maskWhere, sphereMask } from '../trajectory/syntheticGrids';
import type { Spheroid } from './spheroid';
import { outermostZone, zoneEdgeDistance } from './zoneEdgeDistance';
import { placeZones } from './placeZones';
import { lps } from '../../shared/vec3';
import type { ZoneSet } from '../devices/deviceSchema';

const sphere = (centre: Vec3, r: number): Spheroid => ({ centre, axis: [0, 0, 1], radialSemiMm: r, axialSemiMm: r });
/** A grid of 1.5 mm voxels whose voxel (i, j, k) is centred at (−30 + 1.5 i, …). */
const grid = axisGrid([41, 41, 41], [1.5, 1.5, 1.5], [-30, -30, -30]);
const HALF_DIAGONAL = (Math.sqrt(3) * 1.5) / 2;
/** One voxel, the one whose centre is nearest `p` (p on the grid's lattice in these tests). */
const oneVoxel = (p: Vec3) => prepareMask(maskWhere(grid, (q) => Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]) < 0.1));

describe('zoneEdgeDistance: distance from a zone surface to a structure, by hand', () => {
  it('a one-voxel structure 15 mm from the centre of a 10 mm sphere is 5 mm from its edge', () => {
    // Voxel centre (−30 + 1.5·20, −30 + 1.5·30, 0) = (0, 15, 0): 15 − 10 = 5 mm.
    const d = zoneEdgeDistance(sphere([0, 0, 0], 10), oneVoxel([0, 15, 0]))!;
    expect(Math.abs(d.distanceMm - 5)).toBeLessThanOrEqual(HALF_DIAGONAL);
    expect(d.distanceMm).toBeCloseTo(5, 6);
    expect([...d.closestOnStructure]).toEqual([0, 15, 0]);
  });

  it('off-axis and off-centre: voxel (6, −3, 4.5) from a sphere of radius 2 centred at (0, 1, 0.5) is √(36+16+16) − 2', () => {
    // Offset (6, −4, 4): length √68 = 8.246; minus 2 = 6.246 mm.
    const d = zoneEdgeDistance(sphere([0, 1, 0.5], 2), oneVoxel([6, -3, 4.5]))!;
    expect(d.distanceMm).toBeCloseTo(Math.sqrt(68) - 2, 6);
  });

  it('a voxel inside the zone is negative: 6 mm from the centre of a 10 mm sphere is −4 mm', () => {
    const d = zoneEdgeDistance(sphere([0, 0, 0], 10), oneVoxel([0, 0, 6]))!;
    expect(d.distanceMm).toBeCloseTo(-4, 6);
  });

  it('a structure enclosing the zone reports its deepest (interior) voxel: −radius at the centre', () => {
    // A 20 mm ball around a 6 mm zone: its boundary voxels are all ~14 mm outside, but the voxel
    // at the zone's centre (0, 0, 0) lies 6 mm deep.
    const d = zoneEdgeDistance(sphere([0, 0, 0], 6), prepareMask(sphereMask(grid, [0, 0, 0], 20)))!;
    expect(d.distanceMm).toBeCloseTo(-6, 6);
  });

  it('a prolate zone (radius 5, half-length 10 along z) is 5 mm from a voxel 15 mm along its axis and 2.5 mm from one 7.5 mm across', () => {
    const zone: Spheroid = { centre: [0, 0, 0], axis: [0, 0, 1], radialSemiMm: 5, axialSemiMm: 10 };
    expect(zoneEdgeDistance(zone, oneVoxel([0, 0, 15]))!.distanceMm).toBeCloseTo(5, 6);
    expect(zoneEdgeDistance(zone, oneVoxel([7.5, 0, 0]))!.distanceMm).toBeCloseTo(2.5, 6);
  });

  it('finds the nearest of two far apart structures in one mask (the brick bound does not prune the winner)', () => {
    // A ball of radius 3 at (21, 0, 0) (its nearest voxel 18 mm from the centre) and one voxel at (0, −12, 0).
    const mask = prepareMask(maskWhere(grid, (q) => Math.hypot(q[0] - 21, q[1], q[2]) <= 3 || Math.hypot(q[0], q[1] + 12, q[2]) < 0.1));
    expect(zoneEdgeDistance(sphere([0, 0, 0], 4), mask)!.distanceMm).toBeCloseTo(8, 6);
    expect(zoneEdgeDistance(sphere([12, 0, 0], 4), mask)!.distanceMm).toBeCloseTo(18 - 12 - 4, 6);
  });

  it('remembers an answer per mask and zone, and a moved zone gets its own (a drag moves one probe)', () => {
    const m = oneVoxel([0, 15, 0]);
    const first = zoneEdgeDistance(sphere([0, 0, 0], 10), m)!;
    // The same zone again (a new object with the same numbers): the very same answer object.
    expect(zoneEdgeDistance(sphere([0, 0, 0], 10), m)).toBe(first);
    // Moved 3 mm toward the voxel: 12 − 10 = 2 mm, not the remembered 5.
    expect(zoneEdgeDistance(sphere([0, 3, 0], 10), m)!.distanceMm).toBeCloseTo(2, 6);
    // Another mask with the same zone is measured for itself: 15 + 1.5 − 10 = 6.5 mm.
    expect(zoneEdgeDistance(sphere([0, 0, 0], 10), oneVoxel([0, 16.5, 0]))!.distanceMm).toBeCloseTo(6.5, 6);
  });

  it('an empty structure has no distance', () => {
    expect(zoneEdgeDistance(sphere([0, 0, 0], 5), prepareMask(maskWhere(grid, () => false)))).toBeNull();
  });
});

describe('outermostZone', () => {
  it('picks the largest of nested zones whatever their order', () => {
    const zone = (id: string, diameterMm: number, lengthMm: number) => ({
      id, label: id, isothermC: null, lethal: id === 'lethal', diameterMm, lengthMm, centreFromTipMm: 5,
      source: 's', conditions: 'c', tissue: 't', generic: true, derivation: '',
    });
    const set: ZoneSet = { id: 's', label: 's', zones: [zone('lethal', 20, 30), zone('outer', 35, 45), zone('mid', 28, 38)] };
    expect(outermostZone(placeZones(lps(0, -50, 0), lps(0, 0, 0), set))?.zone.id).toBe('outer');
    expect(outermostZone([])).toBeUndefined();
  });
});
