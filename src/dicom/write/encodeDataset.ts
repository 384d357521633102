import { ByteSink } from './byteSink';
import { formatTag, type DataElement, type Dataset } from './dataset';
import { encodeValue } from './encodeValue';
import { hasLongLength } from './vr';

const ITEM = 0xfffee000;

/**
 * Encodes a dataset in explicit VR little endian: elements sorted by tag, sequences with
 * defined-length items. Throws on duplicate tags and on values that do not fit their VR.
 */
export function encodeDataset(dataset: Dataset, sink: ByteSink = new ByteSink()): ByteSink {
  const sorted = [...dataset].sort((a, b) => a.tag - b.tag);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.tag === sorted[i - 1]!.tag) throw new Error(`duplicate element ${formatTag(sorted[i]!.tag)}`);
  }
  for (const el of sorted) writeElement(el, sink);
  return sink;
}

function writeElement(el: DataElement, sink: ByteSink): void {
  if (el.tag >>> 16 === 0xfffe) throw new Error(`${formatTag(el.tag)}: item tags cannot be dataset elements`);
  const value = el.vr === 'SQ' ? encodeItems(el.value) : encodeValue(el);
  sink.u16(el.tag >>> 16);
  sink.u16(el.tag & 0xffff);
  sink.u16(el.vr.charCodeAt(0) | (el.vr.charCodeAt(1) << 8));
  if (hasLongLength(el.vr)) {
    sink.u16(0);
    sink.u32(value.length);
  } else {
    if (value.length > 0xffff) throw new Error(`${formatTag(el.tag)} ${el.vr}: value of ${value.length} bytes exceeds 65535`);
    sink.u16(value.length);
  }
  sink.bytes(value);
}

function encodeItems(items: readonly Dataset[]): Uint8Array {
  const sink = new ByteSink();
  for (const item of items) {
    const body = encodeDataset(item).toUint8Array();
    sink.u16(ITEM >>> 16);
    sink.u16(ITEM & 0xffff);
    sink.u32(body.length);
    sink.bytes(body);
  }
  return sink.toUint8Array();
}
