import type { InstanceHeader } from './instanceHeader';
import type { InstanceListing, SeriesInstances } from './studyListing';
import { analyzeSeriesGeometry } from './seriesGeometry';

/**
 * A series ready to open, from its headers: the shared geometry check orders them and gives
 * the verdict; `locate` says where the browser fetches each one (a file URL, or a frame URL
 * with the instance's DICOM JSON). Every source (embedded, local, PACS) goes through here.
 */
export function seriesInstancesOf(
  study: string,
  series: string,
  headers: readonly InstanceHeader[],
  locate: (h: InstanceHeader) => Pick<InstanceListing, 'url' | 'metadata'>,
): SeriesInstances {
  const report = analyzeSeriesGeometry(headers);
  return {
    studyInstanceUID: study,
    seriesInstanceUID: series,
    instances: report.sorted.map((h) => ({
      sopInstanceUID: h.sopInstanceUID,
      instanceNumber: h.instanceNumber,
      imagePositionPatient: h.imagePositionPatient,
      ...(h.numberOfFrames !== undefined ? { numberOfFrames: h.numberOfFrames } : {}),
      ...locate(h),
    })),
    reconstructable: report.reconstructable,
    reasons: report.reasons,
    warnings: report.warnings,
    ...(report.sliceSpacingMm === undefined ? {} : { sliceSpacingMm: report.sliceSpacingMm }),
  };
}
