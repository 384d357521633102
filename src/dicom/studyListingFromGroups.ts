import type { InstanceHeader } from './instanceHeader';
import type { StudyListing, StudySource } from './studyListing';
import { groupStudies } from './groupStudies';

/** The worklist's listing of the studies among some headers, newest study first. */
export function studyListings(headers: readonly InstanceHeader[], source: StudySource): StudyListing[] {
  return groupStudies(headers)
    .map(
      (g): StudyListing => ({
        studyInstanceUID: g.studyInstanceUID,
        source,
        patientName: g.patientName,
        patientID: g.patientID,
        patientSex: g.patientSex,
        patientAge: g.patientAge,
        patientBirthDate: g.patientBirthDate,
        studyDate: g.studyDate,
        studyTime: g.studyTime,
        studyDescription: g.studyDescription,
        accessionNumber: g.accessionNumber,
        bodyPartExamined: g.series.flatMap((s) => s.instances).find((h) => h.bodyPartExamined)?.bodyPartExamined,
        modalities: g.modalities,
        series: g.series.map((s) => ({
          seriesInstanceUID: s.seriesInstanceUID,
          seriesNumber: s.seriesNumber,
          seriesDescription: s.seriesDescription,
          modality: s.modalities[0],
          frameOfReferenceUID: s.frameOfReferenceUID,
          instanceCount: s.instanceCount,
          imageCount: s.imageCount,
          rows: s.instances.find((h) => h.rows)?.rows,
          columns: s.instances.find((h) => h.columns)?.columns,
          bitsAllocated: s.instances.find((h) => h.bitsAllocated)?.bitsAllocated,
          samplesPerPixel: s.instances.find((h) => h.samplesPerPixel)?.samplesPerPixel,
          nonIntegerRescale: s.instances.some((h) => !Number.isInteger(h.rescaleSlope ?? 1) || !Number.isInteger(h.rescaleIntercept ?? 0)),
          patientPosition: s.instances.find((h) => h.patientPosition)?.patientPosition,
        })),
        imageCount: g.series.reduce((n, s) => n + s.imageCount, 0),
        warnings: g.warnings,
      }),
    )
    .reverse();
}
