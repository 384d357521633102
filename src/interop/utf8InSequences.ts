import type { NaturalDataset } from 'dcmjs';

/**
 * dcmjs 0.52 decodes the text of sequence items of defined length as Latin-1 whatever the
 * Specific Character Set: it reads such an item from a fresh sub-stream (ReadBufferStream.more)
 * whose decoder is the default. A UTF-8 (ISO_IR 192) file's "×" then reads as "Ã\u0097" in a
 * segment label or an SR text item, while the top-level attributes are right. This repairs
 * the strings inside sequences in place; `decodePart10` applies it to every file that
 * declares ISO_IR 192, so no caller ever sees the broken text.
 *
 * A string is re-decoded only when every character is a byte (≤ U+00FF, or a windows-1252
 * character, see below), at least one is not
 * ASCII, and the bytes are valid UTF-8: a correctly decoded Latin-1 text such as "é" alone is
 * not valid UTF-8 as bytes, so it stays (an item of undefined length is decoded right). dcmjs
 * rewrites SpecificCharacterSet to "ISO_IR 192" for every character set it supports, so
 * `decodePart10` decides from the value the file declared, not from the naturalized one.
 */

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * In a browser, TextDecoder's "latin1" is really windows-1252 (WHATWG Encoding): bytes
 * 0x80–0x9F come out as characters such as "€" (U+20AC) or "—" (U+2014), so "×" (C3 97)
 * reads as "Ã—". Node decodes them as U+0080–U+009F. Both are mapped back to the byte.
 */
const WINDOWS_1252: ReadonlyMap<number, number> = new Map([[0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f]]);

const byteOf = (c: number): number | undefined => (c <= 0xff ? c : WINDOWS_1252.get(c));

function recode(s: string): string {
  let nonAscii = false;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const b = byteOf(s.charCodeAt(i));
    if (b === undefined) return s;
    if (b >= 0x80) nonAscii = true;
    bytes[i] = b;
  }
  if (!nonAscii) return s;
  try {
    return decoder.decode(bytes);
  } catch {
    return s;
  }
}

/** A sequence item or person name object, as opposed to a string, number or binary value. */
const isItem = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer);

function repairValue(v: unknown): unknown {
  if (typeof v === 'string') return recode(v);
  if (Array.isArray(v)) return v.map((x) => (isItem(x) ? repairItem(x) : repairValue(x)));
  return v;
}

function repairItem(item: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(item)) {
    if (key === '_vrMap' || key === 'PixelData') continue;
    const v = item[key];
    if (typeof v === 'string' || Array.isArray(v)) item[key] = repairValue(v);
    else if (isItem(v)) repairItem(v);
  }
  return item;
}

/** Repairs UTF-8 text read as Latin-1 inside the sequences of a UTF-8 dataset (in place). */
export function repairUtf8InSequences(ds: NaturalDataset): void {
  const charset = ds.SpecificCharacterSet;
  const names = (Array.isArray(charset) ? charset : [charset]).map((c) => (typeof c === 'string' ? c.trim() : ''));
  if (!names.includes('ISO_IR 192')) return;
  for (const key of Object.keys(ds)) {
    if (key === '_vrMap' || key === 'PixelData') continue;
    const value: unknown = ds[key];
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      // A top-level person name ({ Alphabetic }) was decoded with the right character set.
      if (isItem(item) && !('Alphabetic' in item || 'Ideographic' in item || 'Phonetic' in item)) repairItem(item);
    }
  }
}
