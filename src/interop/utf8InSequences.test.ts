import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { encodePart10 } from './part10';
import { repairUtf8InSequences } from './utf8InSequences';

const base = { SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4', SOPInstanceUID: '2.25.5', SpecificCharacterSet: 'ISO_IR 192' };

describe('repairUtf8InSequences', () => {
  it('gives back UTF-8 text of sequence items that dcmjs 0.52 read as Latin-1', () => {
    const bytes = encodePart10({ ...base, SeriesDescription: 'Läsion', SegmentSequence: [{ SegmentNumber: 1, SegmentLabel: 'Läsion × 2' }] });
    // dcmjs itself, without decodePart10 (which applies the repair).
    const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
    const dataset = DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(bytes.slice().buffer, { ignoreErrors: true }).dict);
    const label = () => (dataset.SegmentSequence as { SegmentLabel: string }[])[0]!.SegmentLabel;
    // What dcmjs gives before the repair: the UTF-8 bytes C3 A4 of "ä" as two Latin-1 characters.
    expect(label()).toBe('LÃ¤sion Ã\u0097 2');
    repairUtf8InSequences(dataset);
    expect(label()).toBe('Läsion × 2');
    expect(dataset.SeriesDescription).toBe('Läsion');
  });

  it('also repairs what a browser gives, where "latin1" decodes as windows-1252 (0x97 → "—", 0x80 → "€")', () => {
    // "×" is C3 97 and "–" is E2 80 93 in UTF-8; a browser's windows-1252 reads 0x97 as U+2014, 0x80 as U+20AC, 0x93 as U+201C.
    const ds = { ...base, SegmentSequence: [{ SegmentLabel: 'T9\u00e2\u20ac\u201cT11 \u00c3\u2014 2' }] };
    repairUtf8InSequences(ds);
    expect(ds.SegmentSequence[0]!.SegmentLabel).toBe('T9–T11 × 2');
  });

  it('leaves top-level person names, which dcmjs decodes right, alone', () => {
    const ds = { ...base, PatientName: [{ Alphabetic: 'Ã¼ber' }], SegmentSequence: [{ SegmentLabel: 'Ã¼' }] };
    repairUtf8InSequences(ds);
    expect([ds.PatientName[0]!.Alphabetic, ds.SegmentSequence[0]!.SegmentLabel]).toEqual(['Ã¼ber', 'ü']);
  });

  it('leaves Latin-1 text that is not UTF-8 as bytes, and datasets in other character sets', () => {
    const ds = { ...base, SegmentSequence: [{ SegmentLabel: 'é' }] };
    repairUtf8InSequences(ds);
    expect(ds.SegmentSequence[0]!.SegmentLabel).toBe('é');
    const latin = { ...base, SpecificCharacterSet: 'ISO_IR 100', SegmentSequence: [{ SegmentLabel: 'Ã©' }] };
    repairUtf8InSequences(latin);
    expect(latin.SegmentSequence[0]!.SegmentLabel).toBe('Ã©');
  });
});
