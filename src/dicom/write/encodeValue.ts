import { formatDecimalString, formatIntegerString } from './decimalString';
import { formatTag, type BulkValue, type DataElement } from './dataset';
import { isValidUid } from './uid';
import { binarySize, isSingleValuedText, textPadByte, type BinaryNumberVr, type TextVr } from './vr';

/** Maximum characters of one value (PS3.5 table 6.2-1); undefined: no practical limit. */
const MAX_LENGTH: Partial<Record<TextVr | 'DS' | 'IS', number>> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, LT: 10240, PN: 64 * 3 + 2, SH: 16, ST: 1024, TM: 14, UI: 64,
};

const FORMAT: Partial<Record<TextVr, RegExp>> = {
  AS: /^\d{3}[DWMY]$/,
  CS: /^[A-Z0-9 _]*$/,
  DA: /^\d{8}$/,
  DT: /^\d{4}(\d{2}(\d{2}(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?)?)?([+-]\d{4})?$/,
  TM: /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/,
};

/** Control characters other than those text VRs may hold (TAB, LF, FF, CR, ESC). */
const hasControl = (v: string): boolean => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) || c === 0x7f) return true;
  }
  return false;
};
const LINE_CONTROL = /[\t\n\f\r]/;

/**
 * Encodes an element's value as the bytes of its value field, padded to even length.
 * Throws an error naming the tag when the value does not fit its VR.
 */
export function encodeValue(el: DataElement): Uint8Array {
  const where = `${formatTag(el.tag)} ${el.vr}`;
  switch (el.vr) {
    case 'DS':
    case 'IS': {
      const values = toArray(el.value).map((v) => {
        if (typeof v === 'string') return v.trim();
        return el.vr === 'DS' ? formatDecimalString(v) : formatIntegerString(v);
      });
      for (const v of values) {
        if (v.length > (MAX_LENGTH[el.vr] ?? Infinity)) throw new Error(`${where}: value "${v}" is too long`);
        const ok = el.vr === 'DS' ? /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) : /^[+-]?\d+$/.test(v);
        if (v !== '' && !ok) throw new Error(`${where}: "${v}" is not a valid ${el.vr}`);
      }
      return textBytes(values.join('\\'), textPadByte(el.vr), where);
    }
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'AT':
      return binaryBytes(el.vr, toArray(el.value), where);
    case 'OB':
    case 'OW':
    case 'OF':
    case 'OD':
    case 'OL':
    case 'UN':
      return bulkBytes(el.value, el.vr, where);
    case 'SQ':
      throw new Error(`${where}: sequences are encoded by the dataset writer`);
    default: {
      const vr: TextVr = el.vr;
      const values = toArray(el.value);
      if (values.length > 1 && isSingleValuedText(vr)) throw new Error(`${where}: ${vr} holds one value only`);
      for (const v of values) checkText(vr, v, where);
      return textBytes(values.join('\\'), textPadByte(vr), where);
    }
  }
}

function toArray<T>(v: T | readonly T[]): readonly T[] {
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

function checkText(vr: TextVr, v: string, where: string): void {
  const max = MAX_LENGTH[vr];
  if (max !== undefined && v.length > max) throw new Error(`${where}: value "${v}" is longer than ${max} characters`);
  if (!isSingleValuedText(vr) && v.includes('\\')) throw new Error(`${where}: "${v}" contains a backslash`);
  if (hasControl(v) || (!isSingleValuedText(vr) && LINE_CONTROL.test(v))) {
    throw new Error(`${where}: "${v}" contains control characters`);
  }
  if (v === '') return;
  if (vr === 'UI' && !isValidUid(v)) throw new Error(`${where}: "${v}" is not a valid UID`);
  if (vr === 'PN' && v.split('=').some((group) => group.length > 64)) throw new Error(`${where}: a name component group is longer than 64`);
  const format = FORMAT[vr];
  if (format && !format.test(v)) throw new Error(`${where}: "${v}" is not a valid ${vr}`);
}

function textBytes(s: string, pad: number, where: string): Uint8Array {
  const n = s.length + (s.length % 2);
  const out = new Uint8Array(n);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new Error(`${where}: character "${s[i]}" is outside ISO 8859-1`);
    out[i] = c;
  }
  if (n > s.length) out[s.length] = pad;
  return out;
}

const INT_RANGE: Partial<Record<BinaryNumberVr, [number, number]>> = {
  US: [0, 0xffff], SS: [-0x8000, 0x7fff], UL: [0, 0xffffffff], SL: [-(2 ** 31), 2 ** 31 - 1], AT: [0, 0xffffffff],
};

function binaryBytes(vr: BinaryNumberVr, values: readonly number[], where: string): Uint8Array {
  const size = binarySize(vr);
  const out = new Uint8Array(values.length * size);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => {
    const range = INT_RANGE[vr];
    if (range && (!Number.isInteger(v) || v < range[0] || v > range[1])) throw new Error(`${where}: ${v} is out of range`);
    if (!range && !Number.isFinite(v)) throw new Error(`${where}: ${v} is not finite`);
    const at = i * size;
    switch (vr) {
      case 'US': dv.setUint16(at, v, true); break;
      case 'SS': dv.setInt16(at, v, true); break;
      case 'UL': dv.setUint32(at, v, true); break;
      case 'SL': dv.setInt32(at, v, true); break;
      case 'FL': dv.setFloat32(at, v, true); break;
      case 'FD': dv.setFloat64(at, v, true); break;
      case 'AT':
        dv.setUint16(at, v >>> 16, true);
        dv.setUint16(at + 2, v & 0xffff, true);
        break;
    }
  });
  return out;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function bulkBytes(value: BulkValue, vr: string, where: string): Uint8Array {
  const size = value.BYTES_PER_ELEMENT;
  if (vr === 'OW' && size === 1 && value.length % 2 !== 0) throw new Error(`${where}: OW needs an even number of bytes`);
  let bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (!HOST_LITTLE_ENDIAN && size > 1) {
    const swapped = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += size) for (let b = 0; b < size; b++) swapped[i + b] = bytes[i + size - 1 - b]!;
    bytes = swapped;
  }
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  return padded;
}
