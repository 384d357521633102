import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import {
  boxFromCorners,
  createMask,
  createPlanningVolume,
  encodeMask,
  IDENTITY_DIRECTION,
  type PlanningVolume,
  type VolumeGeometry,
} from '../../planning/lesions';
import { planContentSchema, type PlanContent } from '../../records';
import { lps } from '../../shared/vec3';
import { processPlanContent, type ProcessContext } from './processPlanContent';

const SERIES = '1.2.826.0.1.1';
const FOR = '1.2.826.0.1.2';
const catalogue = defaultCatalogue();
const noVolumes: ProcessContext = { catalogue, volumeFor: () => Promise.resolve(undefined) };

/** Working lengths read from the shipped catalogue file itself, not through the code under test. */
const catalogueFile = JSON.parse(readFileSync(new URL('../../planning/devices/catalogue.json', import.meta.url), 'utf8')) as {
  devices: { id: string; workingLengthMm: number }[];
};
const workingLength = (id: string): number => catalogueFile.devices.find((d) => d.id === id)!.workingLengthMm;

/** A 20 mm cube of 1 mm voxels centred near the origin: voxel (i, j, k) at (i − 10, j − 10, k − 10) mm. */
const grid: VolumeGeometry = { dimensions: [20, 20, 20], spacing: [1, 1, 1], origin: lps(-10, -10, -10), direction: IDENTITY_DIRECTION };

/** The CT: −50 HU, with 300 HU in the 10×10×10 voxels i, j, k ∈ [5, 14]. */
function cubeCt(): PlanningVolume {
  const scalars = new Int16Array(8000).fill(-50);
  for (let k = 5; k < 15; k++) for (let j = 5; j < 15; j++) for (let i = 5; i < 15; i++) scalars[i + 20 * (j + 20 * k)] = 300;
  const v = createPlanningVolume(grid, scalars);
  if (!v.ok) throw new Error(v.error);
  return v.value;
}
const withCt: ProcessContext = { catalogue, volumeFor: (uid) => Promise.resolve(uid === SERIES ? { volume: cubeCt(), patientPosition: 'HFS' } : undefined) };

/** The stored mask of those 1000 voxels (1 mm³ each: 1.0 mL). */
const cubeMask = (g: VolumeGeometry = grid, source = { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR }) => {
  const m = createMask(g.dimensions, boxFromCorners([5, 5, 5], [14, 14, 14]));
  m.data.fill(1);
  return encodeMask(m, g, source);
};

const sentMeasurements = { volumeMl: 7.5, principalDiametersMm: [1, 1, 1], longestAxialDiameterMm: 1, hu: { mean: 1, min: 1, max: 1 } };
const lesion = (over: Record<string, unknown> = {}) => ({ id: 'L1', segmentation: cubeMask(), measurements: sentMeasurements, ...over });
const needle = (over: Record<string, unknown> = {}) => ({
  id: 't1',
  deviceId: 'bone-access-11g-150',
  entry: [0, 0, 0],
  target: [30, 40, 0],
  frameOfReferenceUID: FOR,
  ...over,
});
const plan = (content: Record<string, unknown>): PlanContent => planContentSchema.parse({ seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, content });

async function processed(content: Record<string, unknown>, ctx: ProcessContext = noVolumes): Promise<Record<string, unknown>> {
  const r = await processPlanContent(plan(content), ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.content;
}
async function issues(content: Record<string, unknown>, ctx: ProcessContext = noVolumes): Promise<{ path: string; message: string }[]> {
  const r = await processPlanContent(plan(content), ctx);
  if (r.ok) throw new Error('expected issues');
  return r.error;
}

describe('processPlanContent', () => {
  it('replaces sent trajectory metrics with the domain definitions, worked by hand', async () => {
    // E = (0, 0, 0), T = (30, 40, 0): depth √(30² + 40²) = 50 mm; d = (0.6, 0.8, 0):
    // craniocaudal asin(0) = 0° (in plane); axial atan(0.6 / 0.8) = 36.87° from the AP axis, d_x > 0: toward patient left.
    const bogus = { ...needle(), metrics: { depthMm: 1, needleMarginMm: 1, craniocaudalAngleDeg: 9, craniocaudalDirection: 'cranial', axialAngleDeg: 9, axialDirection: 'right', inPlane: false, tableVerticalAngleDeg: null, tableVerticalDirection: null, structures: [], path: null, transpedicular: null, warnings: [] } };
    const content = await processed({ trajectories: [bogus], other: { kept: true } });
    expect(content.other).toEqual({ kept: true });
    expect((content.trajectories as { metrics: unknown }[])[0]!.metrics).toEqual({
      depthMm: 50,
      needleMarginMm: workingLength('bone-access-11g-150') - 50,
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
  });

  it('recomputes lesion measurements from the mask on the CT, whatever the client sent', async () => {
    const content = await processed({ lesions: [lesion()] }, withCt);
    const m = (content.lesions as { measurements: Record<string, unknown> }[])[0]!.measurements;
    // 1000 voxels of 1 mm³; all at 300 HU; an axial slice is a 10 × 10 mm square, corner to corner √200 = 14.142 mm.
    expect(m.volumeMl).toBeCloseTo(1, 12);
    expect(m.hu).toEqual({ mean: 300, min: 300, max: 300 });
    expect(m.longestAxialDiameterMm).toBeCloseTo(Math.SQRT2 * 10, 3);
    expect(content).toMatchObject({ lesionContentVersion: 1, structuresAtRisk: [] });
  });

  it('without the CT recomputes what the mask alone gives and keeps the sent HU', async () => {
    const content = await processed({ lesions: [lesion()] });
    const m = (content.lesions as { measurements: Record<string, unknown> }[])[0]!.measurements;
    expect(m.volumeMl).toBeCloseTo(1, 12);
    expect(m.longestAxialDiameterMm).toBeCloseTo(Math.SQRT2 * 10, 3);
    expect(m.hu).toEqual({ mean: 1, min: 1, max: 1 });
    const unsegmented = await processed({ lesions: [lesion({ segmentation: null })] });
    expect((unsegmented.lesions as { measurements: unknown }[])[0]!.measurements).toEqual(sentMeasurements);
  });

  it('names the field of every problem, lesion and trajectory parts together', async () => {
    expect(await issues({ trajectories: [needle({ deviceId: 'no-such-device' })] })).toEqual([
      { path: 'content.trajectories[0].deviceId', message: 'no device "no-such-device" in the catalogue' },
    ]);
    // 0x05 = "BQ==": a run of 5 zeros where the box holds 1000 voxels.
    const corrupt = await issues({ lesions: [lesion({ segmentation: { ...cubeMask(), runs: 'BQ==' } })], trajectories: [needle({ deviceId: 'nope' })] });
    expect(corrupt.map((i) => i.path)).toEqual(['content.lesions[0].segmentation.runs', 'content.trajectories[0].deviceId']);
    expect((await issues({ lesions: [lesion({ segmentation: { ...cubeMask(), runs: 'not base64!' } })] })).map((i) => i.path)).toEqual(['content.lesions[0].segmentation.runs']);
    const elsewhere = cubeMask(grid, { seriesInstanceUID: '1.2.826.0.1.9', frameOfReferenceUID: '1.2.826.0.1.8' });
    expect((await issues({ lesions: [lesion({ segmentation: elsewhere })] })).map((i) => i.path)).toEqual([
      'content.lesions[0].segmentation.seriesInstanceUID',
      'content.lesions[0].segmentation.frameOfReferenceUID',
    ]);
    const shifted = cubeMask({ ...grid, origin: lps(-10, -10, -8) });
    expect(await processed({ lesions: [lesion({ segmentation: shifted })] })).toBeTruthy();
    const offGrid = await issues({ lesions: [lesion({ segmentation: shifted })] }, withCt);
    expect(offGrid).toEqual([{ path: 'content.lesions[0].segmentation.geometry', message: expect.stringMatching(/origin differs/) as unknown }]);
    const tube = { id: 's1', kind: 'nerve-root', name: 'L5 root', colour: '#ffcc00', safetyDistanceMm: 3, shape: { kind: 'tube', frameOfReferenceUID: '1.2.826.0.1.8', pointsLps: [[0, 0, 0], [0, 0, 5]], radiusMm: 2 } };
    expect((await issues({ structuresAtRisk: [tube] })).map((i) => i.path)).toEqual(['content.structuresAtRisk[0].shape.frameOfReferenceUID']);
    expect((await issues({ lesions: [{ id: 'L1', surprise: 1 }] })).map((i) => i.path)).toEqual(['content.lesions[0].surprise']);
  });

  it('rasterises tubes on a mask grid when there is no CT, and skips them when there is no grid at all', async () => {
    // A tube along z at (x, y) = (0, 5), radius 2: its voxels nearest the needle are centred at y = 3,
    // their faces at y = 2.5. The needle runs along y = −8: 10.5 mm from those faces, less the
    // 11 G radius 3.05 / 2 = 1.525 mm: 8.975 mm.
    const tube = { id: 'root', kind: 'nerve-root', name: 'root', colour: '#ffcc00', safetyDistanceMm: 3, shape: { kind: 'tube', frameOfReferenceUID: FOR, pointsLps: [[0, 5, -9], [0, 5, 9]], radiusMm: 2 } };
    const across = needle({ entry: [-9, -8, 0], target: [9, -8, 0] });
    const onMaskGrid = await processed({ lesions: [lesion()], structuresAtRisk: [tube], trajectories: [across] });
    const d = (onMaskGrid.trajectories as { metrics: { structures: { structureId: string; distanceMm: number; warning: boolean }[] } }[])[0]!.metrics.structures;
    expect(d).toHaveLength(1);
    expect(d[0]!.structureId).toBe('root');
    expect(d[0]!.distanceMm).toBeCloseTo(8.975, 1);
    expect(d[0]!.warning).toBe(false);
    const noGrid = await processed({ structuresAtRisk: [tube], trajectories: [across] });
    expect((noGrid.trajectories as { metrics: { structures: unknown[] } }[])[0]!.metrics.structures).toEqual([]);
  });

  it('without the CT takes the grid of the first mask, and refuses a mask on another grid (a series has one)', async () => {
    const shifted = cubeMask({ ...grid, origin: lps(-10, -10, -8) });
    const two = await issues({ lesions: [lesion(), lesion({ id: 'L2', segmentation: shifted })] });
    expect(two).toEqual([{ path: 'content.lesions[1].segmentation.geometry', message: expect.stringMatching(/^not the grid of the plan's other masks \(content\.lesions\[0\]\.segmentation\): origin differs/) as unknown }]);
  });

  it('is deterministic: processing twice, or processing what it returned, gives the same text', async () => {
    const content = { lesions: [lesion()], trajectories: [needle()], notes: 'x' };
    const a = await processed(content, withCt);
    const b = await processed(content, withCt);
    const again = await processed(a, withCt);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(again)).toBe(JSON.stringify(a));
  });

  it('leaves content without lesion or trajectory keys as it came, and asks for no volume then', async () => {
    let asked = 0;
    const counting: ProcessContext = { catalogue, volumeFor: () => ((asked += 1), Promise.resolve(undefined)) };
    expect(await processed({ a: 1 }, counting)).toEqual({ a: 1 });
    expect(await processed({ trajectories: [] }, counting)).toEqual({ trajectories: [], trajectoryContentVersion: 1, zoneMetrics: null });
    expect(asked).toBe(0);
  });
});
