import type { InstanceHeader } from '../dicom/instanceHeader';
import type { StudyListing, StudySource } from '../dicom/studyListing';
import { analyzeSeriesGeometry } from '../dicom/seriesGeometry';
import { isImageObject } from '../dicom/sopClasses';
import type { SeriesOrder } from './catalogue';

/** Orders a series with the shared geometry check. */
export const orderSeries = (headers: InstanceHeader[]): SeriesOrder => analyzeSeriesGeometry(headers);

/** Groups headers into the worklist's study listing, newest study first. */
export function listStudies(headers: InstanceHeader[], source: StudySource): StudyListing[] {
  const studies = new Map<string, { first: InstanceHeader; series: Map<string, InstanceHeader[]> }>();
  for (const h of headers) {
    let s = studies.get(h.studyInstanceUID);
    if (!s) studies.set(h.studyInstanceUID, (s = { first: h, series: new Map() }));
    const list = s.series.get(h.seriesInstanceUID);
    if (list) list.push(h);
    else s.series.set(h.seriesInstanceUID, [h]);
  }
  const out: StudyListing[] = [];
  for (const [uid, { first, series }] of studies) {
    const seriesListings = [...series.values()]
      .map((list) => {
        const h = list[0] as InstanceHeader;
        const images = list.filter((x) => isImageObject(x.sopClassUID, x.hasPixelData));
        return {
          seriesInstanceUID: h.seriesInstanceUID,
          seriesNumber: h.seriesNumber,
          seriesDescription: h.seriesDescription,
          modality: h.modality,
          frameOfReferenceUID: h.frameOfReferenceUID,
          instanceCount: list.length,
          imageCount: images.length,
          rows: images[0]?.rows,
          columns: images[0]?.columns,
        };
      })
      .sort((a, b) => (a.seriesNumber ?? 1e9) - (b.seriesNumber ?? 1e9) || (a.seriesDescription ?? '').localeCompare(b.seriesDescription ?? ''));
    out.push({
      studyInstanceUID: uid,
      source,
      patientName: first.patientName,
      patientID: first.patientID,
      patientSex: first.patientSex,
      patientAge: first.patientAge,
      patientBirthDate: first.patientBirthDate,
      studyDate: first.studyDate,
      studyTime: first.studyTime,
      studyDescription: first.studyDescription,
      accessionNumber: first.accessionNumber,
      bodyPartExamined: first.bodyPartExamined,
      modalities: [...new Set(seriesListings.map((s) => s.modality).filter((m): m is string => !!m))],
      series: seriesListings,
      imageCount: seriesListings.reduce((n, s) => n + s.imageCount, 0),
    });
  }
  return out.sort((a, b) => (b.studyDate ?? '').localeCompare(a.studyDate ?? '') || a.studyInstanceUID.localeCompare(b.studyInstanceUID));
}
