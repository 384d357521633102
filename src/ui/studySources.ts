import type { SeriesInstances, StudyListing } from '../dicom/studyListing';
import { api } from '../api/client';
import { localStudies } from '../imaging';

/** A study from whichever source holds it: files read in this tab first, then the server. */
export async function getStudy(uid: string): Promise<StudyListing> {
  return localStudies.study(uid) ?? api.study(uid);
}

/** A series' images in display order, from the source that holds its study. */
export async function getSeriesInstances(study: string, series: string): Promise<SeriesInstances> {
  return localStudies.seriesInstances(study, series) ?? api.seriesInstances(study, series);
}
