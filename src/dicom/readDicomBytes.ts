import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import type { ImageAttributes, InstanceHeader } from './instanceHeader';
import { headerFromDataSet, imageAttributesOf } from './readInstanceHeader';
import { classifySopClass } from './sopClasses';
import { describeParseFailure, describeNonDicom } from './parseDiagnosis';
import { pixelDataShortfall } from './pixelDataLength';

/** What reading one file gave: a header (with notes), a failure, or a file that is not DICOM. */
export type FileOutcome =
  | { status: 'read'; path: string; header: InstanceHeader; notes: string[]; image?: ImageAttributes }
  | { status: 'failed'; path: string; reason: string }
  | { status: 'skipped'; path: string; reason: string };

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const DICOMDIR = '1.2.840.10008.1.3.10';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

const hasPreamble = (b: Uint8Array): boolean =>
  b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d;

/**
 * Guesses how a file without the 128-byte preamble is encoded from its first element: a file
 * meta group (0002) written without preamble, or a bare data set starting with group 0008
 * (as older tools and some exports write them), little or big endian, explicit or implicit VR.
 */
function sniffBareFile(b: Uint8Array): { meta: true } | { meta: false; syntax: string } | undefined {
  if (b.length < 8) return undefined;
  const le = (b[0] ?? 0) | ((b[1] ?? 0) << 8);
  const be = ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  const explicit = VRS.has(String.fromCharCode(b[4] ?? 0, b[5] ?? 0));
  if (le === 0x0002 && explicit) return { meta: true };
  if (le === 0x0008) return { meta: false, syntax: explicit ? EXPLICIT_LE : IMPLICIT_LE };
  if (be === 0x0008 && explicit) return { meta: false, syntax: EXPLICIT_BE };
  return undefined;
}

/** Raw-deflate decompression, injected so this module stays free of Node and browser APIs. */
export type InflateRaw = (data: Uint8Array) => Uint8Array;

/** dicom-parser's deflate hook: inflate everything after the file meta header. */
const inflaterFor =
  (inflateRaw: InflateRaw) =>
  (bytes: Uint8Array, position: number): Uint8Array => {
    const inflated = inflateRaw(bytes.subarray(position));
    const full = new Uint8Array(position + inflated.length);
    full.set(bytes.subarray(0, position), 0);
    full.set(inflated, position);
    return full;
  };

const str = (ds: DataSet, tag: string): string | undefined => {
  const v = ds.string(tag)?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** Names every identifying UID the object lacks, so one message says all that is wrong. */
function missingIdentity(ds: DataSet): string[] {
  const missing: string[] = [];
  if (!str(ds, 'x00080018') && !str(ds, 'x00020003')) missing.push('SOPInstanceUID (0008,0018)');
  return missing;
}

function notesOn(ds: DataSet, header: InstanceHeader, bareSyntax: string | undefined): string[] {
  const notes: string[] = [];
  if (bareSyntax) notes.push(`no DICOM preamble or file meta header; read as a bare data set (${bareSyntax})`);
  if (!str(ds, 'x00080018') && str(ds, 'x00020003')) {
    notes.push('SOPInstanceUID (0008,0018) empty; the file meta copy (0002,0003) is used');
  }
  if (!str(ds, 'x00080016') && str(ds, 'x00020002')) {
    notes.push('SOPClassUID (0008,0016) empty; the file meta copy (0002,0002) is used');
  }
  for (const uid of header.surrogateUids ?? []) notes.push(`${uid} empty; a stable stand-in derived from the patient, study and series fields is used`);
  const sop = classifySopClass(header.sopClassUID);
  if (sop.kind === 'image' && !header.hasPixelData) {
    notes.push(`${sop.name} without pixel data (7FE0,0010): nothing to display`);
  }
  return notes;
}

/** What else to keep of a file than its header. */
export interface ReadOptions {
  /** Also keep the {@link ImageAttributes} a viewer needs to show the file without parsing it again. */
  imageAttributes?: boolean;
}

/**
 * Reads one file's bytes as the worklist, the import report and the inspect command need them. Never throws: every
 * problem becomes a `failed` outcome with a reason a person can act on, and files that are
 * not DICOM at all (text, archives, .DS_Store) are `skipped`.
 */
export function readDicomBytes(path: string, bytes: Uint8Array, inflateRaw: InflateRaw, options: ReadOptions = {}): FileOutcome {
  const inflater = inflaterFor(inflateRaw);
  let input = bytes;
  let bareSyntax: string | undefined;
  if (!hasPreamble(bytes)) {
    const sniff = sniffBareFile(bytes);
    if (!sniff) return { status: 'skipped', path, reason: describeNonDicom(bytes) };
    if (sniff.meta) {
      // A meta group without preamble: give it the preamble dicom-parser expects.
      input = new Uint8Array(132 + bytes.length);
      input.set([0x44, 0x49, 0x43, 0x4d], 128);
      input.set(bytes, 132);
    } else {
      bareSyntax = sniff.syntax;
    }
  }
  if (!bareSyntax) {
    let meta: DataSet;
    try {
      meta = dicomParser.readPart10Header(input);
    } catch (e) {
      return { status: 'failed', path, reason: `unreadable file meta header: ${describeParseFailure(e, input.length)}` };
    }
    if (!str(meta, 'x00020010')) return { status: 'failed', path, reason: 'file meta header has no TransferSyntaxUID (0002,0010)' };
    if (str(meta, 'x00020002') === DICOMDIR) {
      return { status: 'skipped', path, reason: 'DICOMDIR: an index of other files, which are read on their own' };
    }
  }
  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(input, bareSyntax ? { TransferSyntaxUID: bareSyntax, inflater } : { inflater });
  } catch (e) {
    return { status: 'failed', path, reason: describeParseFailure(e, input.length) };
  }
  const missing = missingIdentity(ds);
  if (missing.length > 0) return { status: 'failed', path, reason: `missing ${missing.join(', ')}` };
  try {
    const parsed = headerFromDataSet(ds);
    const header = bareSyntax ? { ...parsed, transferSyntaxUID: bareSyntax } : parsed;
    const shortfall = pixelDataShortfall(ds, header.transferSyntaxUID);
    if (shortfall) return { status: 'failed', path, reason: shortfall };
    const read: FileOutcome = { status: 'read', path, header, notes: notesOn(ds, header, bareSyntax) };
    if (!options.imageAttributes) return read;
    // Positions in `input` are the file's, less the preamble put in front of a bare meta group;
    // an inflated data set's are not the file's at all.
    const fileOffset = header.transferSyntaxUID === DEFLATED ? undefined : bytes.length - input.length;
    return { ...read, image: imageAttributesOf(ds, header.transferSyntaxUID, fileOffset) };
  } catch (e) {
    return { status: 'failed', path, reason: describeParseFailure(e, input.length) };
  }
}
