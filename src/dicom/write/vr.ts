/**
 * Value representations the writer knows, grouped by how their values are encoded.
 * Explicit VR little endian only (the transfer syntax every Part 10 reader supports).
 */
export type TextVr = 'AE' | 'AS' | 'CS' | 'DA' | 'DT' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UC' | 'UI' | 'UR' | 'UT';
/** Numbers written as decimal (DS) or integer (IS) strings. */
export type NumericTextVr = 'DS' | 'IS';
/** Fixed-size binary numbers; AT holds tags written as (group, element) pairs. */
export type BinaryNumberVr = 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD' | 'AT';
/** Byte and word streams, e.g. pixel data. */
export type BulkVr = 'OB' | 'OW' | 'OF' | 'OD' | 'OL' | 'UN';
export type SequenceVr = 'SQ';
export type Vr = TextVr | NumericTextVr | BinaryNumberVr | BulkVr | SequenceVr;

const LONG_LENGTH: ReadonlySet<Vr> = new Set<Vr>(['OB', 'OW', 'OF', 'OD', 'OL', 'UN', 'SQ', 'UC', 'UR', 'UT']);

/** True when the VR's explicit header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
export const hasLongLength = (vr: Vr): boolean => LONG_LENGTH.has(vr);

/** UI values are padded with NUL, other text with a space (PS3.5 6.2). */
export const textPadByte = (vr: TextVr | NumericTextVr): number => (vr === 'UI' ? 0x00 : 0x20);

/** Text VRs whose values may not contain a backslash because it separates multiple values. */
export const isSingleValuedText = (vr: TextVr): boolean => vr === 'LT' || vr === 'ST' || vr === 'UT' || vr === 'UR';

/** Bytes per value of a binary number VR. */
export const binarySize = (vr: BinaryNumberVr): number => {
  switch (vr) {
    case 'US':
    case 'SS':
      return 2;
    case 'UL':
    case 'SL':
    case 'FL':
    case 'AT':
      return 4;
    case 'FD':
      return 8;
  }
};

const TEXT: ReadonlySet<string> = new Set(['AE', 'AS', 'CS', 'DA', 'DT', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
const BINARY: ReadonlySet<string> = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'AT']);
const BULK: ReadonlySet<string> = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'UN']);

export const isTextVr = (vr: Vr): vr is TextVr => TEXT.has(vr);
export const isNumericTextVr = (vr: Vr): vr is NumericTextVr => vr === 'DS' || vr === 'IS';
export const isBinaryNumberVr = (vr: Vr): vr is BinaryNumberVr => BINARY.has(vr);
export const isBulkVr = (vr: Vr): vr is BulkVr => BULK.has(vr);
