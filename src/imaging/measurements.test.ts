import { expect, it } from 'vitest';
import { angleDeg, angleLabel, lengthLabel } from './measurements';

it('measures lengths and angles from world points in patient millimetres', () => {
  // A 3-4-5 triangle: 5 mm hypotenuse; the angle at the right-angle vertex is 90°.
  expect(lengthLabel([[0, 0, 0], [3, 4, 0]])).toEqual(['5.0 mm']);
  expect(angleDeg([3, 0, 0], [0, 0, 0], [0, 4, 0])).toBeCloseTo(90, 10);
  // 45° between the x axis and the x=y diagonal, out of the axial plane too.
  expect(angleLabel([[10, 0, 5], [0, 0, 5], [7, 7, 5]])).toEqual(['45.0°']);
  expect(lengthLabel([[0, 0, 0]])).toEqual([]);
});
