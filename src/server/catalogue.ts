import type { InstanceHeader } from '../dicom/instanceHeader';
import type { SeriesInstances, StudyListing, StudySource } from '../dicom/studyListing';
import type { IndexedInstance } from './embeddedSource';
import { seriesInstancesOf } from '../dicom/seriesInstancesOf';
import { embeddedInstanceRef } from './dicomweb/embeddedFrames';

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

/**
 * A catalogue that more files can join while the server runs: the de-identified files of a
 * teaching case (server/teaching/) are served like the embedded source from the moment they are
 * written. Joining is all-or-nothing per call and never removes what was served before.
 */
export interface MutableCatalogue extends Catalogue {
  /** Adds instances (an instance already known by SOP Instance UID is replaced by the new file). */
  add(instances: readonly IndexedInstance[]): void;
}

/** Builds the listing DTOs for a set of headers belonging to one source. */
export type ListStudies = (headers: InstanceHeader[], source: StudySource) => StudyListing[];

/**
 * An in-memory catalogue over indexed files. Series order is computed once per series, on
 * first request, by the shared dicom/ geometry check; the study listing once per change.
 */
export function createCatalogue(indexed: IndexedInstance[], listStudies: ListStudies, problem: string | null = null): MutableCatalogue {
  const files = new Map<string, string>();
  const bySop = new Map<string, IndexedInstance>();
  const bySeries = new Map<string, InstanceHeader[]>();
  const bySeriesUid = new Map<string, IndexedInstance[]>();
  const ordered = new Map<string, SeriesInstances>();
  let listing: StudyListing[] | undefined;

  const remove = (old: IndexedInstance): void => {
    const h = old.header;
    const same = bySeriesUid.get(h.seriesInstanceUID);
    if (same) bySeriesUid.set(h.seriesInstanceUID, same.filter((i) => i !== old));
    const key = `${h.studyInstanceUID}|${h.seriesInstanceUID}`;
    const list = bySeries.get(key);
    if (list) bySeries.set(key, list.filter((x) => x !== h));
    ordered.delete(key);
  };
  const addAll = (instances: readonly IndexedInstance[]): void => {
    for (const instance of instances) {
      const { header, file } = instance;
      const old = bySop.get(header.sopInstanceUID);
      if (old) remove(old);
      bySop.set(header.sopInstanceUID, instance);
      files.set(header.sopInstanceUID, file);
      const same = bySeriesUid.get(header.seriesInstanceUID);
      if (same) same.push(instance);
      else bySeriesUid.set(header.seriesInstanceUID, [instance]);
      const key = `${header.studyInstanceUID}|${header.seriesInstanceUID}`;
      // A series that grows is ordered again on its next request.
      ordered.delete(key);
      const list = bySeries.get(key);
      if (list) list.push(header);
      else bySeries.set(key, [header]);
    }
    listing = undefined;
  };
  addAll(indexed);
  const studies = (): StudyListing[] => {
    listing ??= listStudies(
      [...bySop.values()].map((i) => i.header),
      'embedded',
    );
    return listing;
  };
  return {
    problem,
    studies,
    study: (uid) => studies().find((s) => s.studyInstanceUID === uid),
    fileOf: (sop) => files.get(sop),
    seriesFiles: (series) => {
      const found = bySeriesUid.get(series);
      return found?.length ? found : undefined;
    },
    seriesInstances(study, series) {
      const key = `${study}|${series}`;
      const cached = ordered.get(key);
      if (cached) return cached;
      const headers = bySeries.get(key);
      if (!headers?.length) return undefined;
      const result = seriesInstancesOf(study, series, headers, (h) => embeddedInstanceRef(h, bySop.get(h.sopInstanceUID)?.image));
      ordered.set(key, result);
      return result;
    },
    add: addAll,
  };
}
