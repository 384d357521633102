import { sha256 } from './sha256';

/** Replaces one UID by its de-identified counterpart; must be a pure function of the UID. */
export type UidMapper = (uid: string) => string;

/**
 * The de-identified UID for `uid` under `salt`: "2.25." and the decimal of a 128-bit UUID made
 * from SHA-256(salt, uid) with the RFC 9562 version 8 (custom) and variant bits set, so the
 * result is a valid UUID-derived UID (PS3.5 B.2) of at most 44 characters. The same salt and UID
 * always give the same result, so every file of a package (CT, SEG, SR, KOS) maps a reference
 * to the same new UID without a shared table; without the salt nobody can recompute it.
 */
export function deidentifiedUid(salt: string, uid: string): string {
  const digest = sha256(new TextEncoder().encode(`percuplan-deid/v1\u0000${salt}\u0000${uid.replace(/\0+$/, '').trim()}`));
  const b = digest.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return `2.25.${n.toString(10)}`;
}

/** A UidMapper bound to a salt (one per teaching case: all its files share it). */
export const uidMapperFor =
  (salt: string): UidMapper =>
  (uid) =>
    deidentifiedUid(salt, uid);

/**
 * Attributes whose UIDs name a kind of thing (a SOP class, transfer syntax, coding scheme,
 * software), not an instance, so they identify nobody and must survive for the files to stay
 * readable, even when a vendor's private root is used.
 */
const CLASS_UID_KEYWORDS = new Set([
  'SOPClassUID',
  'ReferencedSOPClassUID',
  'MediaStorageSOPClassUID',
  'AffectedSOPClassUID',
  'RequestedSOPClassUID',
  'ReferencedSOPClassUIDInFile',
  'RelatedGeneralSOPClassUID',
  'OriginalSpecializedSOPClassUID',
  'TransferSyntaxUID',
  'ReferencedTransferSyntaxUIDInFile',
  'ImplementationClassUID',
  'CodingSchemeUID',
  'ContextGroupExtensionCreatorUID',
  'MappingResourceUID',
  'PrivateInformationCreatorUID',
]);

/**
 * True for a UID that must be kept: any DICOM-defined UID (root 1.2.840.10008: SOP classes,
 * transfer syntaxes, the DCM coding scheme, well-known frames of reference) or any value of a
 * class-like attribute. Everything else in a UI attribute is treated as an instance UID.
 */
export function isWellKnownUid(keyword: string, uid: string): boolean {
  return uid.trim().startsWith('1.2.840.10008.') || CLASS_UID_KEYWORDS.has(keyword);
}
