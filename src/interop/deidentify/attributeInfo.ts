import dcmjs from 'dcmjs';
import type { NaturalDataset } from '../part10';

/** What the walk needs to know about one key of a naturalized dataset. */
export type AttributeInfo =
  | { readonly kind: 'known'; readonly tag: string; readonly vr: string }
  | { readonly kind: 'private'; readonly tag: string }
  | { readonly kind: 'unknown'; readonly tag: string };

const HEX_TAG = /^[0-9A-Fa-f]{8}$/;

/**
 * The tag and VR of `key` in `dataset`. dcmjs names an attribute by its dictionary keyword and
 * keeps the VR it read when it differs (`_vrMap`); an attribute its dictionary lacks (private
 * ones, repeating groups such as overlays) stays under its 8-hex-digit tag with no VR.
 */
export function attributeInfo(dataset: NaturalDataset, key: string): AttributeInfo {
  const entry = dcmjs.data.DicomMetaDictionary.nameMap[key];
  if (entry) {
    const tag = entry.tag.replace(/[(),]/g, '').toUpperCase();
    const vrMap = dataset._vrMap;
    const override = typeof vrMap === 'object' && vrMap !== null ? (vrMap as Record<string, unknown>)[key] : undefined;
    const vr = typeof override === 'string' ? override : entry.vr;
    return isOddGroup(tag) ? { kind: 'private', tag } : { kind: 'known', tag, vr };
  }
  if (HEX_TAG.test(key)) {
    const tag = key.toUpperCase();
    return isOddGroup(tag) ? { kind: 'private', tag } : { kind: 'unknown', tag };
  }
  return { kind: 'unknown', tag: '' };
}

/** Odd groups are private (PS3.5 7.8), private creators (gggg,0010-00FF) included. */
const isOddGroup = (tag: string): boolean => parseInt(tag.slice(0, 4), 16) % 2 === 1;

/** "(gggg,eeee)" for a tag of 8 hex digits, as the change list shows it. */
export const punctuated = (tag: string): string => (tag.length === 8 ? `(${tag.slice(0, 4)},${tag.slice(4)})` : '');

/** dcmjs's bookkeeping keys on a naturalized dataset, which are not attributes. */
export const BOOKKEEPING_KEYS: ReadonlySet<string> = new Set(['_vrMap', '_meta']);
