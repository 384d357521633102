import type { BinaryNumberVr, BulkVr, NumericTextVr, SequenceVr, TextVr, Vr } from './vr';

/** Typed arrays accepted as bulk (OB/OW/OF/OD/OL/UN) values; written little endian. */
export type BulkValue = Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** The value a VR takes: text, numbers, bytes, or a sequence's items. */
export type ValueOf<V extends Vr> = V extends TextVr
  ? string | readonly string[]
  : V extends NumericTextVr
    ? number | string | readonly (number | string)[]
    : V extends BinaryNumberVr
      ? number | readonly number[]
      : V extends BulkVr
        ? BulkValue
        : V extends SequenceVr
          ? readonly Dataset[]
          : never;

type ElementOf<V extends Vr> = V extends Vr ? { readonly tag: number; readonly vr: V; readonly value: ValueOf<V> } : never;

/**
 * One data element. `tag` is the 32-bit (group << 16 | element) number, e.g. 0x00100010.
 * An empty string or empty array writes a zero-length (type 2 "empty") value.
 */
export type DataElement = ElementOf<Vr>;

/** A dataset is a list of elements; the writer sorts them by tag and rejects duplicates. */
export type Dataset = readonly DataElement[];

/** Builds an element with its value type checked against its VR. */
export function element<V extends Vr>(tag: number, vr: V, value: ValueOf<V>): DataElement {
  return { tag, vr, value } as DataElement;
}

/** `(GGGG,EEEE)` form of a tag for messages. */
export function formatTag(tag: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `(${hex(tag >>> 16)},${hex(tag & 0xffff)})`;
}
