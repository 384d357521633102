import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../shared/vec3';
import { matchNeedles } from './needleMatching';

const at = (...target: Vec3): { target: Vec3 } => ({ target });

describe('matchNeedles', () => {
  it('pairs each needle with the expert needle it aimed at', () => {
    const pairs = matchNeedles([at(20, 0, 0), at(0, 0, 1)], [at(0, 0, 0), at(21, 0, 0)]);
    expect(pairs.map((p) => [p.trainee, p.expert])).toEqual([[0, 1], [1, 0]]);
    expect(pairs.map((p) => p.targetDistanceMm)).toEqual([1, 1]);
  });

  it('is one to one and greedy: the closest pair is taken first, the other needle gets what is left', () => {
    // Both trainee needles are nearest expert needle 0; trainee 1 is closer (2 mm vs 3 mm), so it wins it.
    const pairs = matchNeedles([at(3, 0, 0), at(-2, 0, 0)], [at(0, 0, 0), at(10, 0, 0)]);
    expect(pairs.map((p) => [p.trainee, p.expert, p.targetDistanceMm])).toEqual([[0, 1, 7], [1, 0, 2]]);
  });

  it('breaks ties by plan order: the earlier trainee needle, then the earlier expert needle', () => {
    expect(matchNeedles([at(5, 0, 0), at(-5, 0, 0)], [at(0, 0, 0)]).map((p) => [p.trainee, p.expert])).toEqual([[0, 0]]);
    expect(matchNeedles([at(0, 0, 0)], [at(0, 5, 0), at(0, -5, 0)]).map((p) => [p.trainee, p.expert])).toEqual([[0, 0]]);
    // Float noise is no preference: 0.1 + 0.2 is a tie with 0.3.
    expect(matchNeedles([at(0.1 + 0.2, 0, 0), at(0, 0.3, 0)], [at(0, 0, 0)]).map((p) => p.trainee)).toEqual([0]);
    expect(matchNeedles([at(0, 0.3, 0), at(0.1 + 0.2, 0, 0)], [at(0, 0, 0)]).map((p) => p.trainee)).toEqual([0]);
  });

  it('leaves the extra needles of either side unpaired', () => {
    expect(matchNeedles([at(0, 0, 0), at(30, 0, 0)], [at(1, 0, 0)]).map((p) => [p.trainee, p.expert])).toEqual([[0, 0]]);
    expect(matchNeedles([], [at(1, 0, 0)])).toEqual([]);
    expect(matchNeedles([at(1, 0, 0)], [])).toEqual([]);
  });
});
