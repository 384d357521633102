import { describe, expect, it } from 'vitest';
import { centreOutOrder } from './centreOutOrder';

describe('centreOutOrder', () => {
  it('starts in the middle and alternates outwards, visiting every index once', () => {
    expect(centreOutOrder(5)).toEqual([2, 3, 1, 4, 0]);
    expect(centreOutOrder(4)).toEqual([2, 3, 1, 0]);
    expect(centreOutOrder(1)).toEqual([0]);
    expect(centreOutOrder(0)).toEqual([]);
    const big = centreOutOrder(401);
    expect(big[0]).toBe(200);
    expect(new Set(big).size).toBe(401);
    expect(Math.min(...big)).toBe(0);
    expect(Math.max(...big)).toBe(400);
  });
});
