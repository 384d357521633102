import type { NaturalDataset } from '../part10';

/**
 * Modalities whose pixels routinely carry burned-in text (names, IDs, dates typed onto the
 * image), so a file of one is refused unless Burned In Annotation (0028,0301) says NO or the
 * caller says the pixels were cleaned:
 * - US: scanners write the patient's name, ID and date into the image itself;
 * - SC, OT: secondary captures and "other" are screenshots of a screen, text and all;
 * - XA, RF: angiography and fluoroscopy frames commonly carry patient and date banners;
 * - ES, XC, GM: endoscopy and photographs, whose overlays and labels are in the pixels;
 * - DOC: encapsulated documents (PDF) are free text throughout.
 * CT, MR, PT, SEG, SR and KO keep identifying text in attributes, which the table handles.
 */
export const BURN_IN_MODALITIES: readonly string[] = ['US', 'SC', 'OT', 'XA', 'RF', 'ES', 'XC', 'GM', 'DOC'];

/** Secondary Capture SOP classes (1.7 and the multi-frame 1.7.x): screen captures whatever Modality says. */
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

const text = (v: unknown): string => {
  const s: unknown = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim().toUpperCase() : '';
};

/**
 * Why this file's pixels may hold identifying text, naming `fileName`, or null when it may be
 * de-identified by attributes alone. `pixelsCleaned` (the caller blanked the text regions, i.e.
 * the Clean Pixel Data option) lifts the refusal.
 */
export function burnedInRefusal(dataset: NaturalDataset, fileName: string, pixelsCleaned: boolean): string | null {
  if (pixelsCleaned) return null;
  const burned = text(dataset.BurnedInAnnotation);
  if (burned === 'YES') return `${fileName}: refused, Burned In Annotation (0028,0301) is YES and its pixels were not cleaned`;
  if (burned === 'NO') return null;
  const modality = text(dataset.Modality);
  if (BURN_IN_MODALITIES.includes(modality)) {
    return `${fileName}: refused, modality ${modality} usually has text burned into the pixels and Burned In Annotation (0028,0301) does not say NO`;
  }
  const sopClass = text(dataset.SOPClassUID);
  if (sopClass === SECONDARY_CAPTURE || sopClass.startsWith(`${SECONDARY_CAPTURE}.`)) {
    return `${fileName}: refused, a Secondary Capture (${sopClass}) is a screen capture that may show text, and Burned In Annotation (0028,0301) does not say NO`;
  }
  return null;
}
