import type { ReferencedInstance } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import type { KeyImageForExport, KeyImageObject, KeyImagesExportInput } from './keyImageExportTypes';
import { keyImageSeriesUids, keyObjectUid, secondaryCaptureUid } from './keyImageUids';
import { writeKeyObjectSelection, type KosReference } from './writeKeyObjectSelection';
import { writeSecondaryCapture } from './writeSecondaryCapture';

/** The study a key image belongs to: the CT's, else the one its view names. */
function studyOf(image: KeyImageForExport): string {
  const fromCt = image.ct.patientStudy.StudyInstanceUID;
  return typeof fromCt === 'string' && fromCt !== '' ? fromCt : image.keyImage.view.studyInstanceUid;
}

/**
 * The key image's references that are slices of its CT series, with their series. A reference
 * the series does not hold cannot be placed under a series in the KOS's evidence: left out.
 */
function resolvedSources(image: KeyImageForExport): { sources: ReferencedInstance[]; refs: KosReference[] } {
  const bySop = new Map(image.ct.slices.map((s) => [s.sopInstanceUID, s]));
  const sources: ReferencedInstance[] = [];
  const refs: KosReference[] = [];
  for (const r of image.keyImage.references) {
    const slice = bySop.get(r.sopInstanceUid);
    if (!slice) continue;
    sources.push({ sopClassUid: slice.sopClassUID, sopInstanceUid: slice.sopInstanceUID });
    refs.push({ seriesInstanceUID: slice.seriesInstanceUID, sopClassUID: slice.sopClassUID, sopInstanceUID: slice.sopInstanceUID });
  }
  return { sources, refs };
}

/**
 * A case's key images as DICOM: per study (a KOS lives in the study of what it lists), one
 * Secondary Capture per key image and one Key Object Selection document titled after the
 * purpose, listing the Secondary Captures and then the original slices. Objects come study by
 * study, each study's KOS after its Secondary Captures. Deterministic: the same key images give
 * the same UIDs and bytes. Fails with every problem found.
 */
export async function exportKeyImages(input: KeyImagesExportInput): Promise<Result<KeyImageObject[], string[]>> {
  if (!input.images.length) return err(['no key images to export']);
  const studies = new Map<string, KeyImageForExport[]>();
  for (const image of input.images) studies.set(studyOf(image), [...(studies.get(studyOf(image)) ?? []), image]);
  const out: KeyImageObject[] = [];
  const errors: string[] = [];
  for (const [study, images] of studies) {
    const series = await keyImageSeriesUids(input.caseId, study);
    const scRefs: KosReference[] = [];
    const originals = new Map<string, KosReference>();
    for (const [k, image] of images.entries()) {
      const { sources, refs } = resolvedSources(image);
      const sopInstanceUID = await secondaryCaptureUid(image.keyImage.id, image.keyImage.caption, k + 1);
      const sc = writeSecondaryCapture(image, {
        studyInstanceUID: study,
        seriesInstanceUID: series.scSeries,
        sopInstanceUID,
        instanceNumber: k + 1,
        sources,
        softwareVersion: input.softwareVersion,
      });
      if (!sc.ok) {
        errors.push(sc.error);
        continue;
      }
      out.push(sc.value);
      scRefs.push({ seriesInstanceUID: sc.value.seriesInstanceUID, sopClassUID: sc.value.sopClassUID, sopInstanceUID: sc.value.sopInstanceUID });
      for (const r of refs) originals.set(r.sopInstanceUID, r);
    }
    if (errors.length) continue;
    const references = [...scRefs, ...originals.values()];
    const ko = writeKeyObjectSelection({
      purpose: input.purpose,
      patientStudy: images[0]!.ct.patientStudy,
      studyInstanceUID: study,
      seriesInstanceUID: series.koSeries,
      sopInstanceUID: await keyObjectUid(input.caseId, input.purpose, references.map((r) => r.sopInstanceUID)),
      contentAt: images.map((i) => i.keyImage.createdAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
      captions: images.map((i) => i.keyImage.caption),
      references,
      softwareVersion: input.softwareVersion,
    });
    if (ko.ok) out.push(ko.value);
    else errors.push(ko.error);
  }
  return errors.length ? err(errors) : ok(out);
}
