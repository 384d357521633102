import { describe, expect, it } from 'vitest';
import { decodePart10, encodePart10 } from './part10';

const base = { SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34', SOPInstanceUID: '2.25.7' };

/** Index of the first occurrence of `needle` in `bytes`. */
function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('decodePart10', () => {
  it('reads only the file when it is a Node Buffer view inside a bigger answer (a WADO-RS multipart part)', () => {
    const file = encodePart10({ ...base, SeriesDescription: 'Part' });
    // The file sits between other bytes; the trailing bytes would read as one more element.
    const answer = Buffer.concat([Buffer.from('--boundary\r\n\r\n'), Buffer.from(file), Buffer.from([0x10, 0x00, 0x10, 0x00, 0x50, 0x4e, 0x04, 0x00, 0x58, 0x58, 0x58, 0x58])]);
    const view = answer.subarray(14, 14 + file.length);
    const d = decodePart10(view, 'view.dcm');
    if (!d.ok) throw new Error(d.error);
    expect(d.value.dataset.SeriesDescription).toBe('Part');
    expect(d.value.dataset.PatientName).toBeUndefined();
  });

  it('gives the text of a UTF-8 file as written, inside sequence items (nested too) as at the top level', () => {
    const bytes = encodePart10({
      ...base,
      SpecificCharacterSet: 'ISO_IR 192',
      SeriesDescription: 'Zone 30 × 40 mm',
      ContentSequence: [{ TextValue: '2 × 3 cm', ContentSequence: [{ TextValue: 'Läsion ×' }] }],
    });
    const d = decodePart10(bytes, 'utf8.dcm');
    if (!d.ok) throw new Error(d.error);
    const outer = (d.value.dataset.ContentSequence as { TextValue: string; ContentSequence: { TextValue: string }[] }[])[0]!;
    expect(d.value.dataset.SeriesDescription).toBe('Zone 30 × 40 mm');
    expect(outer.TextValue).toBe('2 × 3 cm');
    expect(outer.ContentSequence[0]!.TextValue).toBe('Läsion ×');
  });

  it('leaves the text of a Latin-1 (ISO_IR 100) file alone, even where its bytes would also be UTF-8', () => {
    // dcmjs writes UTF-8 only, so write ASCII placeholders and put Latin-1 bytes C3 A9 ("Ã©" in
    // Latin-1, "é" if misread as UTF-8) in their place: same length, still a valid file.
    const bytes = encodePart10({ ...base, SpecificCharacterSet: 'ISO_IR 100', ContentSequence: [{ TextValue: 'QZ' }] });
    const at = indexOf(bytes, [0x51, 0x5a]);
    expect(at).toBeGreaterThan(0);
    bytes[at] = 0xc3;
    bytes[at + 1] = 0xa9;
    const d = decodePart10(bytes, 'latin1.dcm');
    if (!d.ok) throw new Error(d.error);
    expect((d.value.dataset.ContentSequence as { TextValue: string }[])[0]!.TextValue).toBe('Ã©');
  });

  it('names the file and the reason when the bytes are not DICOM', () => {
    const d = decodePart10(new Uint8Array([1, 2, 3, 4]), 'junk.bin');
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).toMatch(/^junk\.bin: not readable as DICOM/);
  });
});
