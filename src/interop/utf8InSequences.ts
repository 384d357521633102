import type { NaturalDataset } from 'dcmjs';

/**
 * dcmjs 0.52 decodes the text of sequence items of defined length as Latin-1 whatever the
 * Specific Character Set: it reads such an item from a fresh sub-stream (ReadBufferStream.more)
 * whose decoder is the default. A UTF-8 (ISO_IR 192) file's "×" then reads as "Ã\u0097" in a
 * segment label or an SR text item, while the top-level attributes are right. This repairs
 * the strings inside sequences in place; `decodePart10` applies it to every file that
 * declares ISO_IR 192, so no caller ever sees the broken text.
 *
 * A string is re-decoded only when every character is a byte (≤ U+00FF), at least one is not
 * ASCII, and the bytes are valid UTF-8: a correctly decoded Latin-1 text such as "é" alone is
 * not valid UTF-8 as bytes, so it stays (an item of undefined length is decoded right). dcmjs
 * rewrites SpecificCharacterSet to "ISO_IR 192" for every character set it supports, so
 * `decodePart10` decides from the value the file declared, not from the naturalized one.
 */

const decoder = new TextDecoder('utf-8', { fatal: true });

function recode(s: string): string {
  let nonAscii = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) nonAscii = true;
  }
  if (!nonAscii) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
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
