/** What the voxel type of a series' volume depends on, as the series listing states it. */
export interface VoxelFormat {
  bitsAllocated?: number;
  samplesPerPixel?: number;
  /** An image's Rescale Slope or Intercept is not an integer. */
  nonIntegerRescale?: boolean;
  modality?: string;
}

/** The voxel size assumed when the listing does not say: 32-bit float, the largest a 16-bit series can become. */
export const UNKNOWN_VOXEL_BYTES = 4;

/**
 * Bytes per voxel of the volume Cornerstone 5.14 builds for a series (its streaming loader's
 * `_determineDataType`, generateVolumePropsFromImageIds): 8-bit → Uint8 (one byte per sample);
 * 16-bit → Int16/Uint16 (2 bytes) unless the rescale is not an integer, when it builds
 * Float32 (4) on a browser that renders float textures (assumed, the larger case); PET and RT
 * dose scale by SUV or dose factors that are not integers, so float too; 32-bit → Float32;
 * 64-bit → Float64. Unknown bits give {@link UNKNOWN_VOXEL_BYTES}.
 */
export function voxelBytes(format: VoxelFormat | undefined): number {
  const samples = Math.max(1, format?.samplesPerPixel ?? 1);
  switch (format?.bitsAllocated) {
    case 8:
      return samples;
    case 16:
      return format.nonIntegerRescale || format.modality === 'PT' || format.modality === 'RTDOSE' ? 4 : 2;
    case 32:
      return 4;
    case 64:
      return 8;
    default:
      return UNKNOWN_VOXEL_BYTES;
  }
}

/** Bytes a series takes as a Cornerstone volume, `bytesPerVoxel` from {@link voxelBytes}. */
export const volumeBytes = (rows: number, columns: number, slices: number, bytesPerVoxel: number = UNKNOWN_VOXEL_BYTES): number => rows * columns * slices * bytesPerVoxel;

/**
 * The most a volume may take before the viewer falls back to a stack: a quarter of the
 * device memory the browser reports (at most 1.5 GiB), so a long spine series cannot take
 * the tab down.
 */
export function volumeBudgetBytes(deviceMemoryGiB: number | undefined): number {
  const gib = 1024 ** 3;
  return Math.min(1.5 * gib, ((deviceMemoryGiB ?? 8) * gib) / 4);
}

/** Why a series is too large for MPR, or undefined when it fits. */
export function tooLargeForVolume(rows: number | undefined, columns: number | undefined, slices: number, budget: number, bytesPerVoxel: number = UNKNOWN_VOXEL_BYTES): string | undefined {
  if (!rows || !columns) return undefined;
  const bytes = volumeBytes(rows, columns, slices, bytesPerVoxel);
  if (bytes <= budget) return undefined;
  const mb = (b: number): string => `${Math.round(b / 1024 ** 2)} MB`;
  return `${slices} slices of ${columns}×${rows} need ${mb(bytes)} as a volume (${bytesPerVoxel} bytes per voxel), more than this browser's budget of ${mb(budget)}`;
}
