import type { StudyListing, SeriesListing } from '../../dicom/studyListing';
import type { ImportedObject } from '../../interop/importTypes';
import { err, ok, type Result } from '../../shared/result';

/** The image series of a study in the order to prefer them: CT first, then the most images. */
const imageSeries = (study: StudyListing): SeriesListing[] =>
  study.series
    .filter((s) => s.imageCount > 0)
    .sort((a, b) => (a.modality === 'CT' ? 0 : 1) - (b.modality === 'CT' ? 0 : 1) || b.imageCount - a.imageCount);

/** The frame of reference an object's coordinates are in, when it says one. */
function frameOf(o: ImportedObject): string | null {
  if (o.kind === 'seg') return o.frameOfReferenceUID;
  for (const g of o.groups) for (const gr of g.graphics) if (gr.dims === 3 && gr.frameOfReferenceUID) return gr.frameOfReferenceUID;
  return null;
}

/**
 * The image series of the study an object is drawn over: a SEG's ReferencedSeriesSequence
 * when the study holds that series; else the series sharing the object's frame of reference
 * (a CT preferred); else, for an SR of 2D coordinates only, the study's single image series.
 * An error says why none fits.
 */
export function referencedSeriesOf(o: ImportedObject, study: StudyListing): Result<string, string> {
  const images = imageSeries(study);
  if (o.kind === 'seg' && o.referencedSeriesInstanceUID && images.some((s) => s.seriesInstanceUID === o.referencedSeriesInstanceUID)) {
    return ok(o.referencedSeriesInstanceUID);
  }
  const frame = frameOf(o);
  if (frame) {
    const same = images.find((s) => s.frameOfReferenceUID === frame);
    if (same) return ok(same.seriesInstanceUID);
  }
  if (images.length === 1 && images[0] && !(o.kind === 'seg' && o.referencedSeriesInstanceUID)) return ok(images[0].seriesInstanceUID);
  if (o.kind === 'seg' && o.referencedSeriesInstanceUID) return err(`its referenced series ${o.referencedSeriesInstanceUID} is not in this study`);
  return err(frame ? `no image series of this study has its frame of reference ${frame}` : 'it names no frame of reference or series to draw it on');
}
