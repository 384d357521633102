import { Enums as MetadataEnums, metaData } from '@cornerstonejs/metadata';

const PIXEL_KEYS = ['PixelData', 'FloatPixelData', 'DoubleFloatPixelData'] as const;

/**
 * Once a volume is complete its slices live in Cornerstone's cache, decoded; the Part 10 bytes
 * the loader decoded them from stay inside the naturalized metadata (`PixelData`) and would keep
 * the series in memory twice. This drops them, keeping every other attribute. Opening a series
 * again registers its files afresh (fetchInstances), so a later load finds its pixels.
 */
export function releasePart10PixelData(imageIds: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of imageIds) {
    const base = id.replace(/[?&]frame=\d+$/, '');
    if (seen.has(base) || !base.startsWith('wadouri:')) continue;
    seen.add(base);
    const natural = metaData.get(MetadataEnums.MetadataModules.NATURALIZED, base) as Record<string, unknown> | undefined;
    if (!natural) continue;
    for (const k of PIXEL_KEYS) if (k in natural) delete natural[k];
  }
}
