import { classifySopClass } from '../../dicom/sopClasses';
import { err, type Result } from '../../shared/result';
import type { ImportedObject } from '../importTypes';
import { decodePart10 } from '../part10';
import { str } from './naturalValues';
import { readReport } from './readReport';
import { LABEL_MAP_SEGMENTATION_STORAGE, readSegmentation } from './readSegmentation';

/** Segmentation Storage. */
const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** SR storage classes read: Basic Text, Enhanced, Comprehensive, Comprehensive 3D, Extensible. */
const SR_CLASSES = new Set([
  '1.2.840.10008.5.1.4.1.1.88.11',
  '1.2.840.10008.5.1.4.1.1.88.22',
  '1.2.840.10008.5.1.4.1.1.88.33',
  '1.2.840.10008.5.1.4.1.1.88.34',
  '1.2.840.10008.5.1.4.1.1.88.35',
]);

/**
 * Reads a DICOM Part 10 file as a SEG or an SR. Anything else, or a SEG or SR that cannot be
 * read, is an error naming `name` and the reason. Never throws: a file from another tool may
 * be malformed in ways no check foresaw, and one bad file must not stop a study's listing.
 */
export function readDicomObject(bytes: Uint8Array, name: string): Result<ImportedObject, string> {
  try {
    const decoded = decodePart10(bytes, name);
    if (!decoded.ok) return decoded;
    const sopClass = str(decoded.value.dataset.SOPClassUID) ?? str(decoded.value.meta.MediaStorageSOPClassUID) ?? '';
    if (sopClass === SEGMENTATION_STORAGE || sopClass === LABEL_MAP_SEGMENTATION_STORAGE) return readSegmentation(decoded.value, name);
    if (SR_CLASSES.has(sopClass)) return readReport(decoded.value, name);
    const info = classifySopClass(sopClass);
    return err(`${name}: ${info.name}${info.name.includes(sopClass) ? '' : ` (${sopClass})`} is neither a segmentation nor a structured report`);
  } catch (e) {
    return err(`${name}: could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}
