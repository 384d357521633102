import { describe, expect, it } from 'vitest';
import { decodeNative16 } from './decodeNative16';

/** Little-endian bytes of 16-bit values. */
const le = (values: number[], signed: boolean): Uint8Array => new Uint8Array((signed ? new Int16Array(values) : new Uint16Array(values)).buffer);

describe('decodeNative16', () => {
  it('rescales signed CT values into Int16 with the stored range rescaled (hand-worked)', () => {
    // Stored -2000, 0, 1024, 3071 with HU = stored − 1024: −3024, −1024, 0, 2047.
    const f = decodeNative16(le([-2000, 0, 1024, 3071], true), { signed: true, bitsStored: 16 }, 'Int16Array', { slope: 1, intercept: -1024 });
    expect(f?.pixelData).toBeInstanceOf(Int16Array);
    expect([...(f?.pixelData ?? [])]).toEqual([-3024, -1024, 0, 2047]);
    expect([f?.min, f?.max]).toEqual([-3024, 2047]);
  });

  it('reads unsigned stored values above 32767 as unsigned', () => {
    // 40000 stored, slope 1, intercept −32768 → 7232; 0 → −32768.
    const f = decodeNative16(le([0, 40000], false), { signed: false, bitsStored: 16 }, 'Int16Array', { slope: 1, intercept: -32768 });
    expect([...(f?.pixelData ?? [])]).toEqual([-32768, 7232]);
  });

  it('keeps a fractional rescale exact in Float32', () => {
    const f = decodeNative16(le([10, 20], false), { signed: false, bitsStored: 12 }, 'Float32Array', { slope: 0.5, intercept: -1.25 });
    expect([...(f?.pixelData ?? [])]).toEqual([3.75, 8.75]);
    expect([f?.min, f?.max]).toEqual([3.75, 8.75]);
  });

  it('reads a frame that starts at an odd byte of its file', () => {
    const file = new Uint8Array(5);
    file.set(le([-5, 7], true), 1);
    const f = decodeNative16(file.subarray(1), { signed: true, bitsStored: 16 }, 'Int16Array');
    expect([...(f?.pixelData ?? [])]).toEqual([-5, 7]);
  });

  it("declines what would not equal Cornerstone's decode", () => {
    const bytes = le([1, 2], true);
    expect(decodeNative16(bytes, { signed: true, bitsStored: 12 }, 'Int16Array')).toBeUndefined(); // sign extension
    expect(decodeNative16(bytes, { signed: true, bitsStored: 16 }, 'Int16Array', { slope: 0.5, intercept: 0 })).toBeUndefined();
    // 65535 stored unsigned does not fit Int16 without a rescale.
    expect(decodeNative16(le([65535], false), { signed: false, bitsStored: 16 }, 'Int16Array')).toBeUndefined();
    // A negative result does not fit Uint16.
    expect(decodeNative16(le([0, 100], false), { signed: false, bitsStored: 16 }, 'Uint16Array', { slope: 1, intercept: -1024 })).toBeUndefined();
  });
});
