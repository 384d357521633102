import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDicomBytes } from './readDicomBytes';
import { attr, element, writePart10, type Dataset } from './write';

const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const SERIES = '1.2.826.0.1.3680043.10.999.8.1';
const inflate = (d: Uint8Array): Uint8Array => new Uint8Array(inflateRawSync(d));

/** A 4 × 3 16-bit CT slice whose 24 pixel bytes count 100, 101, … so a misplaced offset shows. */
function ctSlice(): { bytes: Uint8Array; pixels: Uint8Array } {
  const pixels = new Uint8Array(24).map((_, i) => 100 + i);
  const ds: Dataset = [
    attr('SOPClassUID', CT_IMAGE),
    attr('SOPInstanceUID', `${SERIES}.1`),
    attr('PatientName', 'DOE^JANE'),
    attr('StudyInstanceUID', '1.2.826.0.1.3680043.10.999.8'),
    attr('SeriesInstanceUID', SERIES),
    attr('Modality', 'CT'),
    attr('ImagePositionPatient', [-250, -250, 42.5]),
    attr('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]),
    attr('PixelSpacing', [0.7, 0.8]),
    attr('SamplesPerPixel', 1),
    attr('PhotometricInterpretation', 'MONOCHROME2'),
    attr('Rows', 4),
    attr('Columns', 3),
    attr('BitsAllocated', 16),
    attr('BitsStored', 12),
    attr('HighBit', 11),
    attr('PixelRepresentation', 0),
    attr('WindowCenter', [40, 400]),
    attr('WindowWidth', [400, 2000]),
    attr('RescaleIntercept', -1024),
    attr('RescaleSlope', 1),
    element(0x7fe00010, 'OW', pixels),
  ];
  return { bytes: writePart10(ds, { implementationClassUID: '1.2.826.0.1.3680043.10.999.1' }), pixels };
}

/** One implicit VR little endian element: tag, 32-bit length, value (no VR: the reader must know it). */
function implicit(group: number, el: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + value.length);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, group, true);
  dv.setUint16(2, el, true);
  dv.setUint32(4, value.length, true);
  out.set(value, 8);
  return out;
}
const text = (s: string): Uint8Array => new TextEncoder().encode(s.length % 2 ? `${s}\0` : s);
const u16 = (n: number): Uint8Array => new Uint8Array(new Int16Array([n]).buffer);

describe('the image attributes the import keeps for the viewer', () => {
  it('records the pixel data where it lies in the file, and the image modules as DICOM JSON', () => {
    const { bytes, pixels } = ctSlice();
    const outcome = readDicomBytes('a.dcm', bytes, inflate, { imageAttributes: true });
    if (outcome.status !== 'read' || !outcome.image?.pixelData) throw new Error('not read');
    const { json, pixelData } = outcome.image;
    expect(pixelData.encapsulated).toBe(false);
    expect(pixelData.length).toBe(24);
    // The last 24 bytes of the file are the pixel data (it is the last element written).
    expect(pixelData.offset).toBe(bytes.length - 24);
    expect([...bytes.subarray(pixelData.offset, pixelData.offset + pixelData.length)]).toEqual([...pixels]);
    expect(json['00280010']).toEqual({ vr: 'US', Value: [4] });
    expect(json['00280011']).toEqual({ vr: 'US', Value: [3] });
    expect(json['00280101']).toEqual({ vr: 'US', Value: [12] });
    expect(json['00200032']).toEqual({ vr: 'DS', Value: [-250, -250, 42.5] });
    expect(json['00280030']).toEqual({ vr: 'DS', Value: [0.7, 0.8] });
    expect(json['00281050']).toEqual({ vr: 'DS', Value: [40, 400] });
    expect(json['00281052']).toEqual({ vr: 'DS', Value: [-1024] });
    expect(json['00280004']).toEqual({ vr: 'CS', Value: ['MONOCHROME2'] });
    expect(json['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] });
    expect(json['00020010']).toEqual({ vr: 'UI', Value: ['1.2.840.10008.1.2.1'] });
    // Pixel data is never copied into the attributes.
    expect(json['7FE00010']).toBeUndefined();
  });

  it('keeps nothing more unless asked (the server index and the inspect command do not need it)', () => {
    const outcome = readDicomBytes('a.dcm', ctSlice().bytes, inflate);
    expect(outcome.status === 'read' && outcome.image).toBeUndefined();
  });

  it('places the pixel data in the file itself when a meta group came without the preamble', () => {
    const { bytes, pixels } = ctSlice();
    const bare = bytes.subarray(132); // file meta group first, no preamble, no "DICM"
    const outcome = readDicomBytes('b.dcm', bare, inflate, { imageAttributes: true });
    if (outcome.status !== 'read' || !outcome.image?.pixelData) throw new Error('not read');
    const { offset, length } = outcome.image.pixelData;
    expect(offset).toBe(bare.length - 24);
    expect([...bare.subarray(offset, offset + length)]).toEqual([...pixels]);
  });

  it('reads an implicit VR data set by the VRs it knows, signed values as SS', () => {
    const pixels = new Uint8Array([1, 2, 3, 4]);
    const parts = [
      implicit(0x0008, 0x0016, text(CT_IMAGE)),
      implicit(0x0008, 0x0018, text(`${SERIES}.2`)),
      implicit(0x0020, 0x000d, text('1.2.3')),
      implicit(0x0020, 0x000e, text('1.2.3.4')),
      implicit(0x0020, 0x0032, text('1\\2\\-3.5')),
      implicit(0x0028, 0x0010, u16(1)),
      implicit(0x0028, 0x0011, u16(2)),
      implicit(0x0028, 0x0103, u16(1)),
      implicit(0x0028, 0x0120, u16(-2000)),
      implicit(0x7fe0, 0x0010, pixels),
    ];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (bytes.set(p, o), o + p.length), 0);
    const outcome = readDicomBytes('c.dcm', bytes, inflate, { imageAttributes: true });
    if (outcome.status !== 'read' || !outcome.image?.pixelData) throw new Error('not read');
    const { json, pixelData } = outcome.image;
    expect(json['00200032']).toEqual({ vr: 'DS', Value: [1, 2, -3.5] });
    expect(json['00280010']).toEqual({ vr: 'US', Value: [1] });
    expect(json['00280120']).toEqual({ vr: 'SS', Value: [-2000] });
    expect(json['00020010']).toEqual({ vr: 'UI', Value: ['1.2.840.10008.1.2'] });
    expect(pixelData.offset).toBe(bytes.length - 4);
  });
});
