import type { PlanningVolume } from '../../planning/lesions';
import { err, ok, type Result } from '../../shared/result';
import type { Catalogue } from '../catalogue';
import { createBoundedCache } from './boundedCache';
import type { RemoteVolumeSource } from './pacsSeriesVolume';
import { readSeriesVolume } from './readSeriesVolume';

/** The CT a plan was drawn on, as the server's recomputation uses it. */
export interface SeriesVolume {
  readonly volume: PlanningVolume;
  /** DICOM Patient Position (0018,5100) of the series, or null when its instances do not say. */
  readonly patientPosition: string | null;
}

/** What a caller may tell about the series it asks for, and where it hears why there is no volume. */
export interface VolumeRequest {
  /** The study the series belongs to, when the caller knows it (saves the PACS a search). */
  readonly studyInstanceUID?: string | null;
  /** Hears, for this request, why a series the server could have read gave no volume. */
  readonly warn?: (message: string) => void;
}

/** Gives the volume of a series the server holds, or undefined when it holds none it can read. */
export type VolumeLookup = (seriesInstanceUID: string, request?: VolumeRequest) => Promise<SeriesVolume | undefined>;

/** Options of {@link createSeriesVolumes}. */
export interface SeriesVolumesOptions {
  /** Volumes kept in memory, least recently used dropped first (default 2). */
  readonly capacity?: number;
  /** Bytes of volumes kept in memory (default 512 MiB: a CT is ~75 MB as Int16). */
  readonly maxBytes?: number;
  /** Reads the files of a series (default {@link readSeriesVolume}). */
  readonly read?: (files: readonly string[]) => Promise<Result<PlanningVolume>>;
  /** Where series the embedded source does not hold are fetched from (the PACS, when configured). */
  readonly remote?: RemoteVolumeSource;
  /** Where a series that could not be read is reported, once per attempt (default console.warn). */
  readonly warn?: (message: string) => void;
}

/** A load that found the series held nowhere: not worth a warning, and not kept. */
const NOT_HELD = '';

/**
 * A small cache of the CT volumes of series, for recomputing plan metrics on save. A series in
 * the embedded source is read from its files; any other one from `remote` (the PACS) when
 * given; a series neither holds (local files in the browser) gives undefined: its plans get the
 * geometric metrics only. So does one that cannot be read (compressed, multi-frame, a single
 * slice, slices missing from the series or a PACS answering only part of it, the PACS down or
 * too slow), with a warning logged once and told to each request that waited for it; failures are not kept, so a fixed file or a PACS back up is read on the next
 * save. Concurrent requests for one series share a single read; the cache is bounded by count
 * and by bytes (see {@link createBoundedCache}).
 */
export function createSeriesVolumes(catalogue: Pick<Catalogue, 'seriesFiles'>, options: SeriesVolumesOptions = {}): VolumeLookup {
  const read = options.read ?? readSeriesVolume;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const remote = options.remote;
  const cache = createBoundedCache<SeriesVolume>({
    maxEntries: options.capacity ?? 2,
    maxBytes: options.maxBytes ?? 512 * 1024 ** 2,
    sizeOf: (v) => v.volume.scalars.byteLength,
  });

  const fromCatalogue = async (uid: string): Promise<Result<SeriesVolume>> => {
    const instances = catalogue.seriesFiles(uid) ?? [];
    // Only single-frame images make a volume; a series may also hold a localizer or a report.
    const images = instances.filter((i) => i.header.hasPixelData && (i.header.numberOfFrames ?? 1) <= 1);
    const why = (e: string): string => `series ${uid} is not read as a volume, so plans on it get geometric metrics only: ${e}`;
    try {
      const result = await read(images.map((i) => i.file));
      if (!result.ok) return err(why(result.error));
      const patientPosition = images.find((i) => i.header.patientPosition)?.header.patientPosition ?? null;
      return ok({ volume: result.value, patientPosition });
    } catch (e) {
      return err(why(`reading failed: ${e instanceof Error ? e.message : String(e)}`));
    }
  };

  const fromRemote = async (source: RemoteVolumeSource, uid: string, study: string | null | undefined): Promise<Result<SeriesVolume>> => {
    const why = (e: string): string => `series ${uid} could not be read from ${source.name}, so plans on it get geometric metrics only: ${e}`;
    try {
      const result = await source.load(uid, study);
      if (!result) return err(NOT_HELD);
      return result.ok ? result : err(why(result.error));
    } catch (e) {
      return err(why(e instanceof Error ? e.message : String(e)));
    }
  };

  return async (uid, request = {}) => {
    const embedded = catalogue.seriesFiles(uid) !== undefined;
    if (!embedded && !remote) return undefined;
    const result = await cache.get(uid, async () => {
      const r = embedded ? await fromCatalogue(uid) : await fromRemote(remote!, uid, request.studyInstanceUID);
      if (!r.ok && r.error !== NOT_HELD) warn(`[planning] ${r.error}`);
      return r;
    });
    if (result.ok) return result.value;
    if (result.error !== NOT_HELD) request.warn?.(result.error);
    return undefined;
  };
}
