import { describe, expect, it } from 'vitest';
import { lps } from '../../../shared/vec3';
import { defaultCatalogue } from '../../devices/defaultCatalogue';
import type { PlanningVolume } from '../../volume/planningVolume';
import { IDENTITY_DIRECTION } from '../../volume/volumeGeometry';
import { planScene, reportImageList } from './planScene';
import { STRUCTURE_DEFAULTS } from '../../records/structureDefaults';

// 10 × 10 × 120 voxels, 2 mm slices from z = −100: slice k (0-based) at z = −100 + 2k.
const volume: PlanningVolume = {
  dimensions: [10, 10, 120],
  spacing: [1, 1, 2],
  origin: lps(0, 0, -100),
  direction: IDENTITY_DIRECTION,
  scalars: new Int16Array(10 * 10 * 120),
};

describe('reportImageList', () => {
  it('gives axial (with the nearest slice), the closer side view and the probe view per needle, named by device', () => {
    const list = reportImageList(
      [
        // Target z = 20.4: (20.4 + 100) / 2 = 60.2 → slice index 60, shown 61/120.
        { label: 'A', deviceId: 'generic-cryoprobe-13g', entry: [0, 0, 60], target: [5, 40, 20.4] },
        { label: '', deviceId: 'not-in-catalogue', entry: [0, 0, 0], target: [30, 5, -10] },
      ],
      volume,
      defaultCatalogue(),
    );
    expect(list.map((e) => `${e.needle}:${e.view}`)).toEqual(['0:axial', '0:sagittal', '0:probe', '1:axial', '1:coronal', '1:probe']);
    expect(list[0]!.caption).toBe('Needle 1 “A” (Generic cryoprobe 13 G (2.4 mm)): axial at the target, slice 61/120');
    expect(list[1]!.caption).toContain('the needle lies closer to the sagittal plane');
    expect(list[3]!.caption).toMatch(/^Needle 2 \(not-in-catalogue\): axial at the target, slice 46\/120$/); // (−10 + 100) / 2 = 45
  });
});

describe('planScene', () => {
  it('places the cryoprobe zones on its needle; no lesions without lesion content', () => {
    const content = {
      trajectoryContentVersion: 1,
      trajectories: [
        { id: 't1', deviceId: 'generic-cryoprobe-13g', entry: [0, 0, 60], target: [5, 5, 20], frameOfReferenceUID: '1.2.3' },
      ],
    };
    const scene = planScene({ seriesInstanceUID: '1.2.3.4', frameOfReferenceUID: '1.2.3', content }, volume, defaultCatalogue());
    if (!scene.ok) throw new Error(scene.error.join('\n'));
    expect(scene.value.needles).toHaveLength(1);
    expect(scene.value.needles[0]!.zones.length).toBeGreaterThan(0);
    expect(scene.value.lesions).toEqual([]);
  });

  it('colours an artery and a vein left at the vessel default apart, as the viewer does (red, blue)', () => {
    const vessel = (id: string, name: string, x: number) => ({
      id, kind: 'major-vessel', name, colour: STRUCTURE_DEFAULTS['major-vessel'].colour, safetyDistanceMm: 5,
      shape: { kind: 'tube', frameOfReferenceUID: '1.2.3', pointsLps: [[x, 5, -90], [x, 5, 100]], radiusMm: 2 },
    });
    const content = { lesionContentVersion: 1, lesions: [], structuresAtRisk: [vessel('a', 'Right external iliac artery', 3), vessel('v', 'Right external iliac vein', 7)] };
    const scene = planScene({ seriesInstanceUID: '1.2.3.4', frameOfReferenceUID: '1.2.3', content }, volume, defaultCatalogue());
    if (!scene.ok) throw new Error(scene.error.join('\n'));
    // #e03131 and #3b6cf6: the artery stays the default red, the vein turns blue.
    expect(scene.value.structures.map((x) => x.colour)).toEqual([[0xe0, 0x31, 0x31], [0x3b, 0x6c, 0xf6]]);
  });
});

