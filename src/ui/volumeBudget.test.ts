import { expect, it } from 'vitest';
import { tooLargeForVolume, volumeBudgetBytes, volumeBytes } from './volumeBudget';

it('falls back to a stack only when the float volume exceeds the budget', () => {
  // 512 × 512 × 400 × 4 bytes = 419,430,400 bytes = 400 MB.
  expect(volumeBytes(512, 512, 400)).toBe(419_430_400);
  expect(volumeBudgetBytes(8)).toBe(1.5 * 1024 ** 3);
  expect(volumeBudgetBytes(2)).toBe(512 * 1024 ** 2);
  expect(tooLargeForVolume(512, 512, 400, volumeBudgetBytes(8))).toBeUndefined();
  expect(tooLargeForVolume(512, 512, 2000, volumeBudgetBytes(8))).toBe('2000 slices of 512×512 need 2000 MB as a volume, more than this browser\'s budget of 1536 MB');
});
