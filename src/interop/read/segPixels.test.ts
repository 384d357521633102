import { describe, expect, it } from 'vitest';
import { labelFrame, nativePixelBytes, thresholdFractionalFrame, unpackBinaryFrame } from './segPixels';

describe('SEG pixel unpacking', () => {
  it('a 23×38 BINARY frame (874 bits) starts mid-byte: frame 1 begins at bit 874 = byte 109, bit 2', () => {
    const n = 23 * 38;
    const data = new Uint8Array(nativePixelBytes(38, 23, 2, 1));
    expect(data.length).toBe(219); // ceil(1748 / 8)
    // Last pixel of frame 0: bit 873 = byte 109, bit 1. First of frame 1: bit 874 = byte 109, bit 2.
    // Last of frame 1: bit 1747 = byte 218, bit 3.
    data[109] = 0b110;
    data[218] = 0b1000;
    const f0 = unpackBinaryFrame(data, 0, n), f1 = unpackBinaryFrame(data, 1, n);
    expect([...f0.keys()].filter((p) => f0[p])).toEqual([873]);
    expect([...f1.keys()].filter((p) => f1[p])).toEqual([0, 873]);
  });

  it('bits are least significant first within a byte', () => {
    expect([...unpackBinaryFrame(new Uint8Array([0b00000101]), 0, 8)]).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('FRACTIONAL: in when the value is at least half of the maximum', () => {
    expect([...thresholdFractionalFrame(new Uint8Array([0, 127, 128, 255]), 0, 4, 255)]).toEqual([0, 0, 1, 1]);
    expect([...thresholdFractionalFrame(new Uint8Array([100, 100, 49, 50]), 1, 2, 100)]).toEqual([0, 1]);
  });

  it('LABELMAP 16-bit labels are little endian', () => {
    expect([...labelFrame(new Uint8Array([1, 0, 0, 1, 7, 0]), 0, 3, 16)]).toEqual([1, 256, 7]);
    expect([...labelFrame(new Uint8Array([1, 2, 3, 4]), 1, 2, 8)]).toEqual([3, 4]);
  });
});
