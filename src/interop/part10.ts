import dcmjs, { type NaturalDataset } from 'dcmjs';
import { err, ok, type Result } from '../shared/result';
import { repairUtf8InSequences } from './utf8InSequences';

export type { NaturalDataset } from 'dcmjs';

/** Explicit VR Little Endian: what PercuPlan writes. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** PercuPlan's implementation class UID (a 2.25 UUID-derived root) and version name in file meta. */
export const IMPLEMENTATION_CLASS_UID = '2.25.302206281137066327496358934011536842451';
export const IMPLEMENTATION_VERSION_NAME = 'PERCUPLAN_01';

let quiet = false;
/** dcmjs logs every unknown tag and odd value on the console; the caller reports problems itself. */
function quietDcmjs(): void {
  if (quiet) return;
  quiet = true;
  try {
    dcmjs.log.setLevel('error');
  } catch {
    // An older log object without levels: leave it.
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * Writes a naturalized dataset (DICOM keywords as keys) as a DICOM Part 10 file in Explicit
 * VR Little Endian, with file meta built from its SOPClassUID and SOPInstanceUID. Throws when
 * either is missing: a file without them is not DICOM a PACS accepts.
 */
export function encodePart10(dataset: NaturalDataset): Uint8Array {
  quietDcmjs();
  const sopClass = text(dataset.SOPClassUID);
  const sopInstance = text(dataset.SOPInstanceUID);
  if (!sopClass || !sopInstance) throw new Error('encodePart10: the dataset needs SOPClassUID and SOPInstanceUID');
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClass,
    MediaStorageSOPInstanceUID: sopInstance,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}

/** A decoded Part 10 file: its file meta and its dataset, both naturalized. */
export interface DecodedPart10 {
  readonly meta: NaturalDataset;
  readonly dataset: NaturalDataset;
}

/**
 * The Specific Character Set the file declared: dcmjs replaces the value with "ISO_IR 192"
 * once it has decoded the top level, keeping the original only as the element's raw value.
 */
function declaredCharacterSet(dict: Record<string, unknown>): string {
  const element = dict['00080005'];
  if (typeof element !== 'object' || element === null) return '';
  const { _rawValue: rawValue, Value: value } = element as { _rawValue?: unknown; Value?: unknown };
  const raw = rawValue ?? value;
  const first: unknown = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first.trim() : '';
}

/**
 * Reads a DICOM Part 10 file (with or without the 128-byte preamble as dcmjs reads it) into
 * naturalized form. A file dcmjs cannot read is an error naming `name` and dcmjs's reason.
 * Text inside sequence items of a UTF-8 file, which dcmjs 0.52 decodes as Latin-1, is
 * repaired here so every caller gets the text the file holds (see utf8InSequences).
 */
export function decodePart10(bytes: Uint8Array, name: string): Result<DecodedPart10> {
  quietDcmjs();
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  try {
    // Uint8Array's own slice: on a Node Buffer `bytes.slice()` is a view, whose .buffer is the whole
    // pool or multipart answer it sits in (dcmjs would then read all of it).
    const copy = Uint8Array.prototype.slice.call(bytes).buffer;
    const read = DicomMessage.readFile(copy, { ignoreErrors: true });
    const dataset = DicomMetaDictionary.naturalizeDataset(read.dict);
    if (declaredCharacterSet(read.dict) === 'ISO_IR 192') repairUtf8InSequences(dataset);
    return ok({ meta: DicomMetaDictionary.naturalizeDataset(read.meta), dataset });
  } catch (e) {
    return err(`${name}: not readable as DICOM (${e instanceof Error ? e.message : String(e)})`);
  }
}
