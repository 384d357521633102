import { describe, expect, it } from 'vitest';
import { describeAccess } from './accessRoute';
import { estimateCementVolume } from './cementVolume';
import { leakageRiskFlags } from './leakageRisk';

describe('estimateCementVolume', () => {
  it('plans half of a lytic lesion, with a 30–70 % range', () => {
    expect(estimateCementVolume(10, 'lytic')).toMatchObject({ estimateMl: 5, lowMl: 3, highMl: 7, capped: false });
  });

  it('caps at 30 % of the vertebral body when it is known', () => {
    expect(estimateCementVolume(20, 'lytic', 25)).toMatchObject({ estimateMl: 7.5, lowMl: 6, highMl: 7.5, capped: true });
  });

  it('does not fill a blastic lesion', () => {
    expect(estimateCementVolume(10, 'blastic').estimateMl).toBe(0);
  });

  it('states its rule as an assumption', () => {
    expect(estimateCementVolume(10, 'mixed').rule).toMatch(/assumption/);
  });
});

describe('leakageRiskFlags', () => {
  it('puts a posterior wall breach and vertebra plana first', () => {
    const flags = leakageRiskFlags({ vertebral: true, posteriorWallInvolved: true, collapsePercent: 75, corticalBreach: true, endplateDestroyed: true });
    expect(flags.map((f) => f.code)).toEqual(['canal-leak', 'vertebra-plana', 'cortical-breach', 'endplate-leak']);
  });

  it('asks about an unassessed posterior wall and grades moderate collapse', () => {
    const flags = leakageRiskFlags({ vertebral: true, posteriorWallInvolved: null, collapsePercent: 30, corticalBreach: false, endplateDestroyed: null });
    expect(flags.map((f) => [f.code, f.severity])).toEqual([['collapse', 'moderate'], ['unknown-posterior-wall', 'info']]);
  });

  it('ignores vertebral factors outside the spine', () => {
    expect(leakageRiskFlags({ vertebral: false, posteriorWallInvolved: null, collapsePercent: null, corticalBreach: true, endplateDestroyed: null }).map((f) => f.code)).toEqual(['cortical-breach']);
  });
});

describe('describeAccess', () => {
  it('joins both sides of a transpedicular access as bilateral', () => {
    expect(describeAccess([{ approach: 'transpedicular', side: 'left' }, { approach: 'transpedicular', side: 'right' }])).toBe('bilateral transpedicular');
    expect(describeAccess([{ approach: 'transpedicular', side: 'left' }])).toBe('transpedicular left');
    expect(describeAccess([{ approach: 'transiliac', side: null }, { approach: 'anterior', side: 'right' }])).toBe('transiliac + anterior right');
  });
});
