import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { encodeMask } from '../encoding/encodeMask';
import { boxFromCorners } from '../mask/voxelBox';
import { createMask } from '../mask/voxelMask';
import { measureMask } from '../measure/measureMask';
import { phantomVolume } from '../testSupport/phantomVolume';
import { siteLabel } from './anatomicalSite';
import { lesionContentSchema } from './lesionContent';
import { lesionMeasurementsOf } from './lesionMeasurementsRecord';
import { planLesionSchema } from './planLesion';
import { structureAtRiskSchema } from './structureAtRisk';
import { STRUCTURE_DEFAULTS } from './structureDefaults';

describe('plan lesion records', () => {
  it('take defaults for what is not given', () => {
    const l = planLesionSchema.parse({ id: 'L1' });
    expect(l.flags).toEqual({
      pathologicalFracture: false,
      corticalBreach: false,
      softTissueExtension: false,
      posteriorVertebralWallInvolvement: false,
      vertebralBodyCollapsePercent: null,
    });
    expect(l.segmentation).toBeNull();
  });

  it('keep a segmentation with its measurements and grow settings through JSON', () => {
    const v = phantomVolume({ dimensions: [8, 8, 8], spacing: [1, 1, 1] }, () => 40);
    const m = createMask(v.dimensions, boxFromCorners([2, 2, 2], [4, 4, 4]));
    m.data.fill(1);
    const lesion = planLesionSchema.parse({
      id: 'L1',
      label: 'T10 vertebra plana with osteolysis',
      site: { kind: 'vertebra', level: 'T10', part: 'body' },
      type: 'lytic',
      flags: { pathologicalFracture: true, vertebralBodyCollapsePercent: 75 },
      segmentation: encodeMask(m, v, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4' }),
      measurements: lesionMeasurementsOf(measureMask(v, m)),
      grow: { seedLps: [3, 3, 3], huRange: [16, 64], maxVolumeMl: 300, maxDistanceMm: 60, leaked: false },
    });
    const again = planLesionSchema.parse(JSON.parse(JSON.stringify(lesion)));
    expect(again).toEqual(lesion);
    expect(again.measurements?.volumeMl).toBeCloseTo(0.027, 12);
  });

  it('refuse a level that does not exist and a collapse over 100 %', () => {
    expect(planLesionSchema.safeParse({ id: 'L1', site: { kind: 'vertebra', level: 'T13', part: 'body' } }).success).toBe(false);
    expect(planLesionSchema.safeParse({ id: 'L1', flags: { vertebralBodyCollapsePercent: 120 } }).success).toBe(false);
  });

  it('name sites as a report would', () => {
    expect(siteLabel({ kind: 'acetabulum', part: 'superior' }, 'right')).toBe('right superior acetabulum');
    expect(siteLabel({ kind: 'vertebra', level: 'T10', part: 'body' })).toBe('T10 vertebral body');
    expect(siteLabel({ kind: 'vertebra', level: 'L2', part: 'pedicle' }, 'left')).toBe('L2 left pedicle');
    expect(siteLabel({ kind: 'sacrum', zone: 'II' }, 'left')).toBe('left sacrum, zone II');
  });
});

describe('structures at risk', () => {
  it('are a mask or a tube, with a name, colour and safety distance', () => {
    const nerve = structureAtRiskSchema.parse({
      id: 'S1',
      kind: 'nerve-root',
      name: 'Left T10 nerve root',
      colour: STRUCTURE_DEFAULTS['nerve-root'].colour,
      safetyDistanceMm: 5,
      shape: { kind: 'tube', frameOfReferenceUID: '1.2.4', pointsLps: [[12, 25, -135], [30, 30, -140]], radiusMm: 2 },
    });
    expect(nerve.shape.kind).toBe('tube');
    expect(structureAtRiskSchema.safeParse({ ...nerve, shape: { ...nerve.shape, pointsLps: [[0, 0, 0]] } }).success).toBe(false);
    expect(structureAtRiskSchema.safeParse({ ...nerve, colour: 'red' }).success).toBe(false);
    expect(lps(0, 0, 0)).toEqual([0, 0, 0]);
  });
});

describe('the lesion part of plan content', () => {
  it('defaults to no lesions and no structures, and refuses duplicate ids', () => {
    expect(lesionContentSchema.parse({})).toEqual({ lesionContentVersion: 1, lesions: [], structuresAtRisk: [] });
    expect(lesionContentSchema.safeParse({ lesions: [{ id: 'L1' }, { id: 'L1' }] }).success).toBe(false);
  });
});
