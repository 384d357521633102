/** Bytes a series takes as a Cornerstone volume (32-bit float voxels, as the loader builds them). */
export const volumeBytes = (rows: number, columns: number, slices: number): number => rows * columns * slices * 4;

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
export function tooLargeForVolume(rows: number | undefined, columns: number | undefined, slices: number, budget: number): string | undefined {
  if (!rows || !columns) return undefined;
  const bytes = volumeBytes(rows, columns, slices);
  if (bytes <= budget) return undefined;
  const mb = (b: number): string => `${Math.round(b / 1024 ** 2)} MB`;
  return `${slices} slices of ${columns}×${rows} need ${mb(bytes)} as a volume, more than this browser's budget of ${mb(budget)}`;
}
