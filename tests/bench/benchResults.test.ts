import { describe, expect, it } from 'vitest';
import { markOf, printTable, Results } from '../../bench/results';

const none = (): number | null => null;

describe('bench goals: pass and miss marks', () => {
  it('judges a ratio to the floor and a speed-up over the peer together', () => {
    const goal = { text: 'g', maxRatioToFloor: 1.5, minSpeedupOverPeer: 5 };
    // 110 / 80 = 1.375 ≤ 1.5 and 600 / 110 = 5.45 ≥ 5: pass.
    expect(markOf(goal, 110, 80, 600, none)).toBe('pass');
    // 130 / 80 = 1.625 > 1.5: miss, whatever the peer says.
    expect(markOf(goal, 130, 80, 6000, none)).toBe('miss');
    // 110 / 80 fine but 500 / 110 = 4.5 < 5: miss.
    expect(markOf(goal, 110, 80, 500, none)).toBe('miss');
    // No peer value: cannot be judged, unless something already misses.
    expect(markOf(goal, 110, 80, null, none)).toBe('not measured');
    expect(markOf(goal, 200, 80, null, none)).toBe('miss');
    expect(markOf(goal, null, 80, 600, none)).toBe('not measured');
  });

  it('judges absolute bounds and a ratio to another row', () => {
    expect(markOf({ text: 'g', max: 2.0 }, 2.0, null, null, none)).toBe('pass');
    expect(markOf({ text: 'g', max: 2.0 }, 2.01, null, null, none)).toBe('miss');
    expect(markOf({ text: 'g', min: 1 }, 0, null, null, none)).toBe('miss');
    expect(markOf({ text: 'g', max: 0 }, 0, null, null, none)).toBe('pass');
    const other = (id: string): number | null => (id === 'dicomweb.firstImageMs' ? 200 : null);
    const vsPacs = { text: 'g', maxRatioToRow: { id: 'dicomweb.firstImageMs', ratio: 1.1 } };
    expect(markOf(vsPacs, 219, null, null, other)).toBe('pass');
    expect(markOf(vsPacs, 221, null, null, other)).toBe('miss');
  });

  it('writes medians, ratios and marks, and prints the count of goals', () => {
    const r = new Results();
    for (const v of [300, 100, 200]) r.record('a.ms', 'ms', 'ours', v, { text: '≤ 1.3× the floor', maxRatioToFloor: 1.3 });
    r.record('a.ms', 'ms', 'floor', 100);
    r.row('b.ms', 'ms', { text: '< 5 ms', max: 5 });
    r.note('b.ms', 'ms', 'not measured here');
    const [a, b] = r.metrics();
    // Median of 100, 200, 300 is 200; 200 / 100 = 2 > 1.3.
    expect(a).toMatchObject({ id: 'a.ms', ours: 200, floor: 100, ratioToFloor: 2, mark: 'miss', goal: '≤ 1.3× the floor' });
    expect(b).toMatchObject({ id: 'b.ms', ours: null, mark: 'not measured', note: 'not measured here' });
    const lines: string[] = [];
    printTable(r.metrics(), (s) => lines.push(s));
    expect(lines.find((l) => l.startsWith('a.ms'))).toMatch(/MISS/);
    expect(lines).toContain('goals: 0 pass, 1 miss, 1 not measured');
  });
});
