import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { nativePixelBytes, pixelDataShortfall } from './pixelDataLength';
import { readDicomBytes, type FileOutcome } from './readDicomBytes';
import { studyListings } from './studyListingFromGroups';
import { attr, element, writePart10, type Dataset } from './write';

const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const STUDY = '1.2.826.0.1.3680043.10.999.7';
const SERIES = '1.2.826.0.1.3680043.10.999.7.1';
const ROWS = 4;
const COLUMNS = 3;

/** One 4 × 3 16-bit CT slice at z, with `pixelBytes` bytes of pixel data (24 is complete). */
function ctSlice(n: number, pixelBytes = ROWS * COLUMNS * 2): Uint8Array {
  const pixels = new Uint8Array(pixelBytes).map((_, i) => i & 0xff);
  const ds: Dataset = [
    attr('SOPClassUID', CT_IMAGE),
    attr('SOPInstanceUID', `${SERIES}.${n}`),
    attr('StudyInstanceUID', STUDY),
    attr('SeriesInstanceUID', SERIES),
    attr('Modality', 'CT'),
    attr('InstanceNumber', n),
    attr('ImagePositionPatient', [0, 0, 2 * n]),
    attr('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]),
    attr('PixelSpacing', [1, 1]),
    attr('SamplesPerPixel', 1),
    attr('PhotometricInterpretation', 'MONOCHROME2'),
    attr('Rows', ROWS),
    attr('Columns', COLUMNS),
    attr('BitsAllocated', 16),
    attr('BitsStored', 16),
    attr('HighBit', 15),
    attr('PixelRepresentation', 1),
    element(0x7fe00010, 'OW', pixels),
  ];
  return writePart10(ds, { implementationClassUID: '1.2.826.0.1.3680043.10.999.1' });
}

const read = (path: string, bytes: Uint8Array): FileOutcome => readDicomBytes(path, bytes, (d) => new Uint8Array(inflateRawSync(d)));

describe('native pixel data shorter than the header says', () => {
  it('needs rows × columns × bytes per sample × samples × frames bytes (hand-worked sizes)', () => {
    // 512 × 512 × 2 bytes = 524288; RGB 8-bit 10 × 10 × 3 = 300; 3 frames of 4 × 3 × 2 = 72.
    expect(nativePixelBytes({ rows: 512, columns: 512, bitsAllocated: 16, samplesPerPixel: 1, frames: 1 })).toBe(524288);
    expect(nativePixelBytes({ rows: 10, columns: 10, bitsAllocated: 8, samplesPerPixel: 3, frames: 1 })).toBe(300);
    expect(nativePixelBytes({ rows: 4, columns: 3, bitsAllocated: 16, samplesPerPixel: 1, frames: 3 })).toBe(72);
    // 4:2:2: Y1 Y2 Cb Cr per two pixels, 2 bytes a pixel at 8 bits: 555 × 800 × 2.
    expect(nativePixelBytes({ rows: 555, columns: 800, bitsAllocated: 8, samplesPerPixel: 3, frames: 1, photometricInterpretation: 'YBR_FULL_422' })).toBe(888000);
    // 1-bit packed over frames: 5 × 5 × 3 frames = 75 bits → 10 bytes.
    expect(nativePixelBytes({ rows: 5, columns: 5, bitsAllocated: 1, samplesPerPixel: 1, frames: 3 })).toBe(10);
  });

  it('names a 4 × 3 16-bit slice with 12 of its 24 pixel bytes, and passes the complete one', () => {
    const short = dicomParser.parseDicom(ctSlice(1, 12));
    expect(pixelDataShortfall(short, '1.2.840.10008.1.2.1')).toBe(
      'truncated: PixelData (7FE0,0010) has 12 bytes but the header (4 × 3 × 16 bits × 1 frame) needs 24',
    );
    expect(pixelDataShortfall(dicomParser.parseDicom(ctSlice(1)), '1.2.840.10008.1.2.1')).toBeUndefined();
    // Compressed syntaxes keep their pixels in fragments whose length says nothing of the image.
    expect(pixelDataShortfall(short, '1.2.840.10008.1.2.4.50')).toBeUndefined();
  });

  it('in one dropped batch: the short slice is failed with the reason, the good slices beside it form the study', () => {
    const batch: [string, Uint8Array][] = [
      ['drop/IM1.dcm', ctSlice(1)],
      ['drop/IM2.dcm', ctSlice(2, 12)],
      ['drop/IM3.dcm', ctSlice(3)],
      // A file cut off inside its pixel data (element length intact, bytes missing) fails too.
      ['drop/IM4.dcm', ctSlice(4).subarray(0, ctSlice(4).length - 10)],
      ['drop/IM5.dcm', ctSlice(5)],
    ];
    const outcomes = batch.map(([p, b]) => read(p, b));
    expect(outcomes.map((o) => [o.path, o.status])).toEqual([
      ['drop/IM1.dcm', 'read'],
      ['drop/IM2.dcm', 'failed'],
      ['drop/IM3.dcm', 'read'],
      ['drop/IM4.dcm', 'failed'],
      ['drop/IM5.dcm', 'read'],
    ]);
    expect(outcomes[1]).toMatchObject({ reason: 'truncated: PixelData (7FE0,0010) has 12 bytes but the header (4 × 3 × 16 bits × 1 frame) needs 24' });
    expect(outcomes[3]).toMatchObject({ reason: expect.stringMatching(/^truncated/) });
    const headers = outcomes.flatMap((o) => (o.status === 'read' ? [o.header] : []));
    const [study, ...others] = studyListings(headers, 'local');
    expect(others).toEqual([]);
    expect(study?.studyInstanceUID).toBe(STUDY);
    expect(study?.series.map((s) => [s.seriesInstanceUID, s.imageCount])).toEqual([[SERIES, 3]]);
  });
});
