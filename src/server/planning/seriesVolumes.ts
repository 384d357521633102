import type { PlanningVolume } from '../../planning/lesions';
import type { Result } from '../../shared/result';
import type { Catalogue } from '../catalogue';
import { readSeriesVolume } from './readSeriesVolume';

/** The CT a plan was drawn on, as the server's recomputation uses it. */
export interface SeriesVolume {
  readonly volume: PlanningVolume;
  /** DICOM Patient Position (0018,5100) of the series, or null when its instances do not say. */
  readonly patientPosition: string | null;
}

/** Gives the volume of a series the server holds, or undefined when it holds none it can read. */
export type VolumeLookup = (seriesInstanceUID: string) => Promise<SeriesVolume | undefined>;

/** Options of {@link createSeriesVolumes}. */
export interface SeriesVolumesOptions {
  /** Volumes kept in memory, least recently used dropped first (2: a CT is ~75 MB as Int16). */
  readonly capacity?: number;
  /** Reads the files of a series (default {@link readSeriesVolume}). */
  readonly read?: (files: readonly string[]) => Promise<Result<PlanningVolume>>;
  /** Where a series that could not be read is reported (default console.warn). */
  readonly warn?: (message: string) => void;
}

/**
 * A small cache of the CT volumes of series in the embedded source, for recomputing plan
 * metrics on save. A series the server does not hold (on a PACS, or local files in the
 * browser) gives undefined: its plans get the geometric metrics only. So does one that
 * cannot be read (compressed, multi-frame, a single slice), with a warning; failures are not
 * cached, so a fixed file is read on the next save. Concurrent requests for one series share
 * a single read: the cache holds the promise, not the volume.
 */
export function createSeriesVolumes(catalogue: Pick<Catalogue, 'seriesFiles'>, options: SeriesVolumesOptions = {}): VolumeLookup {
  const capacity = Math.max(1, options.capacity ?? 2);
  const read = options.read ?? readSeriesVolume;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const cache = new Map<string, Promise<SeriesVolume | undefined>>();

  const load = async (uid: string): Promise<SeriesVolume | undefined> => {
    const instances = catalogue.seriesFiles(uid);
    if (!instances) return undefined;
    // Only single-frame images make a volume; a series may also hold a localizer or a report.
    const images = instances.filter((i) => i.header.hasPixelData && (i.header.numberOfFrames ?? 1) <= 1);
    const result = await read(images.map((i) => i.file));
    if (!result.ok) {
      warn(`[planning] series ${uid} is not read as a volume, so plans on it get geometric metrics only: ${result.error}`);
      return undefined;
    }
    const patientPosition = images.find((i) => i.header.patientPosition)?.header.patientPosition ?? null;
    return { volume: result.value, patientPosition };
  };

  return (uid) => {
    const hit = cache.get(uid);
    if (hit) {
      // Most recently used last.
      cache.delete(uid);
      cache.set(uid, hit);
      return hit;
    }
    if (!catalogue.seriesFiles(uid)) return Promise.resolve(undefined);
    const forget = (): void => {
      if (cache.get(uid) === pending) cache.delete(uid);
    };
    const pending: Promise<SeriesVolume | undefined> = load(uid).then(
      (v) => {
        if (v === undefined) forget();
        return v;
      },
      (e: unknown) => {
        forget();
        warn(`[planning] reading series ${uid} failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      },
    );
    cache.set(uid, pending);
    while (cache.size > capacity) cache.delete(cache.keys().next().value!);
    return pending;
  };
}
