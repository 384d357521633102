import { describe, expect, it } from 'vitest';
import type { ImageAttributes } from '../../dicom/instanceHeader';
import { servesLocally } from './localImageStore';
import { frameBytes } from './frameBytes';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';

/** A 512 × 512 16-bit monochrome image's attributes, with `extra` attributes over them. */
function ct(extra: ImageAttributes['json'] = {}, pixelData: NonNullable<ImageAttributes['pixelData']> = { encapsulated: false, offset: 1000, length: 524288 }): ImageAttributes {
  return {
    json: {
      '00280002': { vr: 'US', Value: [1] },
      '00280004': { vr: 'CS', Value: ['MONOCHROME2'] },
      '00280010': { vr: 'US', Value: [512] },
      '00280011': { vr: 'US', Value: [512] },
      '00280100': { vr: 'US', Value: [16] },
      ...extra,
    },
    pixelData,
  };
}

describe('which local files the local loader serves', () => {
  it('serves a single-frame monochrome image whose pixel data lies in the file', () => {
    expect(servesLocally(ct(), EXPLICIT_LE)).toBe(true);
    expect(servesLocally(ct({ '00280004': { vr: 'CS', Value: ['MONOCHROME1'] } }), EXPLICIT_LE)).toBe(true);
  });

  it('leaves to the whole-file path what needs more than the recorded attributes', () => {
    expect(servesLocally(ct({ '00280008': { vr: 'IS', Value: [2] } }), EXPLICIT_LE)).toBe(false); // multi-frame: per-frame geometry
    expect(servesLocally(ct({ '00280004': { vr: 'CS', Value: ['YBR_FULL_422'] }, '00280002': { vr: 'US', Value: [3] } }), EXPLICIT_LE)).toBe(false);
    expect(servesLocally(ct({ '00280004': { vr: 'CS', Value: ['RGB'] } }), EXPLICIT_LE)).toBe(false);
    expect(servesLocally(ct({ '00280100': { vr: 'US', Value: [32] } }), EXPLICIT_LE)).toBe(false);
    expect(servesLocally(ct(), '1.2.840.10008.1.2.2')).toBe(false); // big endian
    expect(servesLocally({ json: ct().json }, EXPLICIT_LE)).toBe(false); // deflated: no place in the file
  });

  it('serves encapsulated single frames that have fragments', () => {
    const jpeg = { encapsulated: true, offset: 900, length: 5000, fragments: [{ offset: 916, length: 4984 }] };
    expect(servesLocally(ct({}, jpeg), '1.2.840.10008.1.2.4.80')).toBe(true);
    expect(servesLocally(ct({}, { ...jpeg, fragments: [] }), '1.2.840.10008.1.2.4.80')).toBe(false);
  });
});

describe('frameBytes', () => {
  const file = new Blob([new Uint8Array(64).map((_, i) => i)]);

  it('takes a native value where it lies', async () => {
    expect([...(await frameBytes(file, { encapsulated: false, offset: 10, length: 4 }))]).toEqual([10, 11, 12, 13]);
  });

  it('joins the fragments of an encapsulated frame, leaving out the item headers between them', async () => {
    // Fragments at 20–22 and 30–33 (the 8 bytes before each are its item tag and length).
    const bytes = await frameBytes(file, { encapsulated: true, offset: 4, length: 40, fragments: [{ offset: 20, length: 3 }, { offset: 30, length: 4 }] });
    expect([...bytes]).toEqual([20, 21, 22, 30, 31, 32, 33]);
  });
});
