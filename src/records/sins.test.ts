import { describe, expect, it } from 'vitest';
import { scoreSins, sinsCategory } from './sins';
import { sinsLocationOfLevel } from './spinalLevel';

describe('SINS', () => {
  it('scores a lytic T10 lesion with mechanical pain, >50% collapse and unilateral posterolateral involvement as 10', () => {
    // location semi-rigid (T3–T10) 1 + mechanical pain 3 + lytic 2 + normal alignment 0
    // + collapse >50% 3 + unilateral posterolateral 1 = 10: potentially unstable (7–12).
    const r = scoreSins({
      location: sinsLocationOfLevel('T10'),
      pain: 'mechanical',
      boneLesion: 'lytic',
      alignment: 'normal',
      collapse: 'over-50-percent',
      posterolateral: 'unilateral',
    });
    expect(r).toEqual({ total: 10, category: 'potentially-unstable', missing: [] });
  });

  it('scores a blastic painless L3 lesion without collapse as 2, stable', () => {
    // mobile (L2–L4) 2 + pain-free 0 + blastic 0 + normal 0 + no collapse 0 + none 0 = 2.
    const r = scoreSins({
      location: sinsLocationOfLevel('L3'),
      pain: 'pain-free',
      boneLesion: 'blastic',
      alignment: 'normal',
      collapse: 'none',
      posterolateral: 'none',
    });
    expect(r).toEqual({ total: 2, category: 'stable', missing: [] });
  });

  it('reaches the maximum of 18 at a junctional level with every worst finding', () => {
    // junctional (T11–L1) 3 + mechanical 3 + lytic 2 + subluxation 4 + >50% 3 + bilateral 3 = 18.
    const r = scoreSins({
      location: sinsLocationOfLevel('T12'),
      pain: 'mechanical',
      boneLesion: 'lytic',
      alignment: 'subluxation-translation',
      collapse: 'over-50-percent',
      posterolateral: 'bilateral',
    });
    expect(r).toEqual({ total: 18, category: 'unstable', missing: [] });
  });

  it('puts 7 in the potentially unstable band, where surgical opinion starts', () => {
    // C5 mobile 2 + mechanical 3 + mixed 1 + normal 0 + no collapse but >50% involved 1 + none 0 = 7.
    const r = scoreSins({
      location: sinsLocationOfLevel('C5'),
      pain: 'mechanical',
      boneLesion: 'mixed',
      alignment: 'normal',
      collapse: 'none-over-50-percent-involved',
      posterolateral: 'none',
    });
    expect(r.total).toBe(7);
    expect(r.category).toBe('potentially-unstable');
  });

  it('gives the band edges 6, 7, 12 and 13 their categories', () => {
    expect([6, 7, 12, 13].map(sinsCategory)).toEqual(['stable', 'potentially-unstable', 'potentially-unstable', 'unstable']);
  });

  it('lists the missing components instead of a total while the form is incomplete', () => {
    const r = scoreSins({ location: 'rigid', pain: 'occasional-non-mechanical' });
    expect(r).toEqual({ total: null, category: null, missing: ['boneLesion', 'alignment', 'collapse', 'posterolateral'] });
  });

  it('maps vertebral levels to the SINS location classes at every boundary', () => {
    const cases: [string, string | undefined][] = [
      ['occiput', 'junctional'],
      ['C2', 'junctional'],
      ['C3', 'mobile'],
      ['C6', 'mobile'],
      ['C7', 'junctional'],
      ['T2', 'junctional'],
      ['T3', 'semi-rigid'],
      ['T10', 'semi-rigid'],
      ['T11', 'junctional'],
      ['L1', 'junctional'],
      ['L2', 'mobile'],
      ['L4', 'mobile'],
      ['L5', 'junctional'],
      ['S1', 'junctional'],
      ['S2', 'rigid'],
      ['S5', 'rigid'],
      ['T13', undefined],
    ];
    for (const [level, expected] of cases) expect([level, sinsLocationOfLevel(level)]).toEqual([level, expected]);
  });
});
