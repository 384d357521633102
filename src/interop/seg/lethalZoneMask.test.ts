import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { maskValue } from '../../planning/mask/voxelMask';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { indexToWorld } from '../../planning/volume/indexWorld';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import { buildCompositeZone, compositeContains } from '../../planning/zones/compositeZone';
import { voxel } from '../../shared/vec3';
import { ablationProbes, lethalZoneMask } from './lethalZoneMask';

const trajectory = (id: string, deviceId: string, entry: [number, number, number], target: [number, number, number]): Trajectory => ({
  id,
  label: id,
  deviceId,
  zoneSetId: null,
  entry,
  target,
  frameOfReferenceUID: '1.2.3',
  accessRoute: null,
  lesionId: null,
  metrics: null,
});

// Stacked head to foot (k towards −z), so the mask is built on a grid whose k is not row × column.
const GRID: VolumeGeometry = {
  dimensions: [36, 30, 16],
  spacing: [1.5, 1.5, 2],
  origin: [-26, -20, 15] as unknown as VolumeGeometry['origin'],
  direction: [[1, 0, 0], [0, 1, 0], [0, 0, -1]],
};

describe('lethalZoneMask', () => {
  it('holds exactly the voxels whose centres the composite lethal zone contains (two cryoprobes as one cluster)', () => {
    const probes = ablationProbes(
      [
        trajectory('c1', 'generic-cryoprobe-13g', [-8, 60, 0], [-8, 0, 0]),
        trajectory('c2', 'generic-cryoprobe-13g', [8, 60, 0], [8, 0, 0]),
        trajectory('n', 'bone-access-11g-100', [0, 60, 5], [0, 0, 5]),
      ],
      defaultCatalogue(),
    );
    // The needle has no zones: two probes.
    expect(probes.map((p) => p.id)).toEqual(['c1', 'c2']);
    const zone = buildCompositeZone(probes, 'lethal');
    const mask = lethalZoneMask(probes, GRID);
    expect(mask).not.toBeNull();
    let inside = 0;
    const differ: string[] = [];
    for (let k = 0; k < 16; k++) {
      for (let j = 0; j < 30; j++) {
        for (let i = 0; i < 36; i++) {
          const p = indexToWorld(GRID, voxel(i, j, k));
          const expected = compositeContains(zone, p[0], p[1], p[2]) ? 1 : 0;
          inside += expected;
          if (maskValue(mask!, i, j, k) !== expected) differ.push(`${i},${j},${k}`);
        }
      }
    }
    expect(differ).toEqual([]);
    // Two 12 mm × 32 mm lethal spheroids 16 mm apart, grown and joined: far more than one.
    expect(inside).toBeGreaterThan(200);
  });

  it('is null without an ablation device, and empty for a zone outside the grid', () => {
    const catalogue = defaultCatalogue();
    expect(lethalZoneMask(ablationProbes([trajectory('n', 'bone-access-11g-100', [0, 60, 0], [0, 0, 0])], catalogue), GRID)).toBeNull();
    const far = lethalZoneMask(ablationProbes([trajectory('m', 'generic-mwa-antenna-13g', [500, 60, 0], [500, 0, 0])], catalogue), GRID);
    expect(far?.data.includes(1) ?? true).toBe(false);
  });
});
