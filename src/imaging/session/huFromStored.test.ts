import { describe, expect, it } from 'vitest';
import { huFromStored } from './huFromStored';

describe('huFromStored', () => {
  it('rescales a stored value the loader left raw: 2048 × 0.5 − 1024 = 0 HU', () => {
    expect(huFromStored(2048, { slope: 0.5, intercept: -1024, preScaled: false })).toBe(0);
  });

  it('the usual CT rescale (slope 1, intercept −1024): stored 24 is −1000 HU (air)', () => {
    expect(huFromStored(24, { slope: 1, intercept: -1024, preScaled: false })).toBe(-1000);
  });

  it('passes a pre-scaled value through untouched', () => {
    expect(huFromStored(2048, { slope: 0.5, intercept: -1024, preScaled: true })).toBe(2048);
    expect(huFromStored(-1000, { slope: 1, intercept: -1024, preScaled: true })).toBe(-1000);
  });

  it('treats a missing (NaN) slope or intercept as identity', () => {
    expect(huFromStored(300, { slope: Number.NaN, intercept: Number.NaN, preScaled: false })).toBe(300);
  });
});
