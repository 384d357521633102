import { describe, expect, it } from 'vitest';
import { tooLargeForVolume, volumeBudgetBytes, volumeBytes, voxelBytes } from './volumeBudget';

describe('voxelBytes (the volume type Cornerstone 5.14 builds)', () => {
  it('keeps 16-bit images with an integer rescale at 2 bytes, float rescale, PET and unknown at 4', () => {
    expect(voxelBytes({ bitsAllocated: 16, samplesPerPixel: 1, nonIntegerRescale: false, modality: 'CT' })).toBe(2);
    expect(voxelBytes({ bitsAllocated: 16, modality: 'MR' })).toBe(2);
    expect(voxelBytes({ bitsAllocated: 16, nonIntegerRescale: true, modality: 'CT' })).toBe(4);
    expect(voxelBytes({ bitsAllocated: 16, modality: 'PT' })).toBe(4);
    expect(voxelBytes({ bitsAllocated: 8, samplesPerPixel: 3 })).toBe(3);
    expect(voxelBytes({ bitsAllocated: 8 })).toBe(1);
    expect(voxelBytes({ bitsAllocated: 32 })).toBe(4);
    expect(voxelBytes({ modality: 'CT' })).toBe(4);
    expect(voxelBytes(undefined)).toBe(4);
  });
});

describe('the volume budget', () => {
  it('budgets a quarter of the device memory, at most 1.5 GiB', () => {
    expect(volumeBudgetBytes(8)).toBe(1.5 * 1024 ** 3);
    expect(volumeBudgetBytes(2)).toBe(512 * 1024 ** 2);
    expect(volumeBudgetBytes(undefined)).toBe(1.5 * 1024 ** 3);
  });

  it('weighs a volume at its voxel size', () => {
    // 512 × 512 × 400 × 4 bytes = 419,430,400 bytes = 400 MB; at 2 bytes half that.
    expect(volumeBytes(512, 512, 400)).toBe(419_430_400);
    expect(volumeBytes(512, 512, 400, 2)).toBe(209_715_200);
    // 512 × 512 × 1000 × 2 = 524,288,000 bytes = 500 MB.
    expect(volumeBytes(512, 512, 1000, 2)).toBe(524_288_000);
  });

  it('opens a 512×512×1000 16-bit CT as a volume on a 2 GiB device (512 MiB budget), which 4-byte voxels did not', () => {
    const budget = volumeBudgetBytes(2); // 536,870,912 bytes
    // 524,288,000 ≤ 536,870,912: fits at 2 bytes per voxel.
    expect(tooLargeForVolume(512, 512, 1000, budget, voxelBytes({ bitsAllocated: 16, modality: 'CT' }))).toBeUndefined();
    // At the old 4 bytes per voxel: 1,048,576,000 bytes = 1000 MB > 512 MB.
    expect(tooLargeForVolume(512, 512, 1000, budget)).toBe("1000 slices of 512×512 need 1000 MB as a volume (4 bytes per voxel), more than this browser's budget of 512 MB");
  });

  it('keeps the stack fallback, with its reason, for a series that truly does not fit', () => {
    // 512 × 512 × 3200 × 2 = 1,677,721,600 bytes = 1600 MB > 1.5 GiB = 1536 MB.
    expect(tooLargeForVolume(512, 512, 3200, volumeBudgetBytes(8), 2)).toBe("3200 slices of 512×512 need 1600 MB as a volume (2 bytes per voxel), more than this browser's budget of 1536 MB");
    // 3000 slices: 1,572,864,000 bytes = 1500 MB ≤ 1536 MB.
    expect(tooLargeForVolume(512, 512, 3000, volumeBudgetBytes(8), 2)).toBeUndefined();
    expect(tooLargeForVolume(undefined, 512, 3000, 1, 2)).toBeUndefined();
  });
});
