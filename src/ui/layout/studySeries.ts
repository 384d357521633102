import type { SeriesInstances, StudyListing } from '../../dicom/studyListing';
import { getSeriesInstances } from '../studySources';
import { tooLargeForVolume, volumeBudgetBytes, voxelBytes } from '../volumeBudget';

const budget = volumeBudgetBytes((navigator as Navigator & { deviceMemory?: number }).deviceMemory);

/**
 * Stack mode, with the reason, when a series cannot or should not be a volume. The volume is
 * weighed at the voxel size the loader will build for this series (16-bit CT: 2 bytes).
 */
export function modeFor(si: SeriesInstances, listing: StudyListing['series'][number] | undefined, wanted: 'mpr' | 'stack'): { mode: 'mpr' | 'stack'; tooLarge?: string } {
  if (wanted === 'stack' || !si.reconstructable) return { mode: 'stack' };
  const tooLarge = tooLargeForVolume(listing?.rows, listing?.columns, si.instances.length, budget, voxelBytes(listing));
  return tooLarge ? { mode: 'stack', tooLarge } : { mode: 'mpr' };
}

/** Which series to show first: the one wanted (an exercise's), else the first CT series whose geometry allows MPR. */
export async function pickDefaultSeries(study: StudyListing, wanted?: string): Promise<SeriesInstances | undefined> {
  if (wanted && study.series.some((s) => s.seriesInstanceUID === wanted)) return getSeriesInstances(study.studyInstanceUID, wanted);
  const candidates = [...study.series].filter((s) => s.imageCount > 0).sort((a, b) => (a.modality === 'CT' ? 0 : 1) - (b.modality === 'CT' ? 0 : 1));
  let first: SeriesInstances | undefined;
  for (const s of candidates) {
    const si = await getSeriesInstances(study.studyInstanceUID, s.seriesInstanceUID);
    first ??= si;
    if (si.reconstructable && si.instances.length >= 3) return si;
  }
  return first;
}
