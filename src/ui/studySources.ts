import type { SeriesInstances, StudyListing } from '../dicom/studyListing';
import { api } from '../api/client';
import { localStudies } from '../imaging';

/** A study from whichever source holds it: files read in this tab first, then the server. */
export async function getStudy(uid: string): Promise<StudyListing> {
  return localStudies.study(uid) ?? api.study(uid);
}

/** Series listings being fetched, shared by callers that ask together (the viewer and the series browser). */
const inFlight = new Map<string, Promise<SeriesInstances>>();

/**
 * A series' images in display order, from the source that holds its study. Two callers asking
 * for the same series at once (the viewer opening it, its thumbnail) share one request: a PACS
 * series' listing carries every instance's DICOM JSON, fetched and validated once.
 */
export async function getSeriesInstances(study: string, series: string): Promise<SeriesInstances> {
  const local = localStudies.seriesInstances(study, series);
  if (local) return local;
  const key = `${study}|${series}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = api.seriesInstances(study, series).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}
