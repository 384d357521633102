import { expect, it } from 'vitest';
import { niceScaleLength } from './niceScaleLength';

it('picks 1-2-5 scale bar lengths no longer than allowed', () => {
  expect(niceScaleLength(73)).toBe(50);
  expect(niceScaleLength(20)).toBe(20);
  expect(niceScaleLength(19.9)).toBe(10);
  expect(niceScaleLength(0.7)).toBe(0.5);
  expect(niceScaleLength(0)).toBe(0);
});
