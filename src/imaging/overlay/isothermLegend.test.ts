import { describe, expect, it } from 'vitest';
import { legendEntries, zoneStroke } from './isothermLegend';

// The generic cryoprobe's zones in catalogue.json: 0, −20, −30 (lethal), −40 °C.
const CRYO = [
  { isothermC: 0, lethal: false },
  { isothermC: -20, lethal: false },
  { isothermC: -30, lethal: true },
  { isothermC: -40, lethal: false },
];
const MWA = [{ isothermC: null, lethal: true }];

describe('legendEntries', () => {
  it('names each cryo isotherm once, warmest first, in the contour colours and dashes', () => {
    const e = legendEntries([...CRYO, ...CRYO]);
    expect(e.map((x) => x.text)).toEqual(['0 °C', '−20 °C', '−30 °C lethal', '−40 °C']);
    expect(e.map((x) => x.colour)).toEqual(['#e6f7ff', '#4dabf7', '#ff6b6b', '#9775fa']);
    expect(e.map((x) => x.dash.length > 0)).toEqual([true, true, false, true]);
  });

  it('names a heat zone as the ablation zone, after any isotherms', () => {
    expect(legendEntries(MWA).map((x) => x.text)).toEqual(['Ablation zone (lethal)']);
    const mixed = legendEntries([...MWA, CRYO[0]!]);
    expect(mixed.map((x) => x.text)).toEqual(['0 °C', 'Ablation zone (lethal)']);
    expect(mixed[1]!.dash).toEqual([]);
  });

  it('is empty where no zone shows', () => {
    expect(legendEntries([])).toEqual([]);
  });
});

describe('zoneStroke', () => {
  it('draws the lethal zone solid and wider, the others dashed', () => {
    expect(zoneStroke({ isothermC: -30, lethal: true })).toEqual({ colour: '#ff6b6b', width: 2, dash: [] });
    expect(zoneStroke({ isothermC: -20, lethal: false })).toEqual({ colour: '#4dabf7', width: 1.2, dash: [5, 4] });
    expect(zoneStroke({ isothermC: null, lethal: false }).colour).toBe('#ffd43b');
  });
});
