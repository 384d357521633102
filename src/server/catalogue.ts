import type { InstanceHeader } from '../dicom/instanceHeader';
import type { SeriesInstances, StudyListing, StudySource } from '../dicom/studyListing';
import type { IndexedInstance } from './embeddedSource';
import { seriesInstancesOf } from '../dicom/seriesInstancesOf';

/** The study listing and file lookup the API serves from an index of instances. */
export interface Catalogue {
  studies(): StudyListing[];
  study(uid: string): StudyListing | undefined;
  seriesInstances(study: string, series: string): SeriesInstances | undefined;
  fileOf(sopInstanceUID: string): string | undefined;
  /**
   * The indexed instances (header and file) of a series, in index order, or undefined when
   * the embedded source does not hold it. For the server's own reads of a series (the CT a
   * plan was drawn on); series UIDs are unique, so no study UID is needed.
   */
  seriesFiles(seriesInstanceUID: string): readonly IndexedInstance[] | undefined;
  /** Why the embedded folder could not be read (a sentence naming it), or null when it was. */
  readonly problem: string | null;
}

/** Builds the listing DTOs for a set of headers belonging to one source. */
export type ListStudies = (headers: InstanceHeader[], source: StudySource) => StudyListing[];

/**
 * An in-memory catalogue over indexed files. Series order is computed once per series, on
 * first request, by the shared dicom/ geometry check.
 */
export function createCatalogue(indexed: IndexedInstance[], listStudies: ListStudies, problem: string | null = null): Catalogue {
  const files = new Map<string, string>();
  const bySeries = new Map<string, InstanceHeader[]>();
  const bySeriesUid = new Map<string, IndexedInstance[]>();
  for (const instance of indexed) {
    const { header, file } = instance;
    files.set(header.sopInstanceUID, file);
    const same = bySeriesUid.get(header.seriesInstanceUID);
    if (same) same.push(instance);
    else bySeriesUid.set(header.seriesInstanceUID, [instance]);
    const key = `${header.studyInstanceUID}|${header.seriesInstanceUID}`;
    const list = bySeries.get(key);
    if (list) list.push(header);
    else bySeries.set(key, [header]);
  }
  const listing = listStudies(
    indexed.map((i) => i.header),
    'embedded',
  );
  const ordered = new Map<string, SeriesInstances>();
  return {
    problem,
    studies: () => listing,
    study: (uid) => listing.find((s) => s.studyInstanceUID === uid),
    fileOf: (sop) => files.get(sop),
    seriesFiles: (series) => bySeriesUid.get(series),
    seriesInstances(study, series) {
      const key = `${study}|${series}`;
      const cached = ordered.get(key);
      if (cached) return cached;
      const headers = bySeries.get(key);
      if (!headers) return undefined;
      const result = seriesInstancesOf(study, series, headers, (h) => ({ url: `/api/files/${h.sopInstanceUID}` }));
      ordered.set(key, result);
      return result;
    },
  };
}
