import { crc32Update, crc32 } from './crc32';
import { describe, expect, it } from 'vitest';
import * as zlib from 'node:zlib';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crc32', () => {
  it('gives the standard check value for "123456789" (0xCBF43926)', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
  });
  it('is 0 for no bytes', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
  it('gives the CRC of an empty IEND chunk (type only): 0xAE426082, as every PNG ends with', () => {
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
  });
  it('continues across pieces and respects start/end', () => {
    const whole = ascii('IHDRsome data here');
    expect(crc32Update(crc32(whole, 0, 4), whole, 4)).toBe(crc32(whole));
    expect(crc32(whole, 4, 8)).toBe(crc32(ascii('some')));
  });
  it('agrees with node:zlib on random bytes', () => {
    const b = new Uint8Array(1000);
    for (let i = 0; i < b.length; i++) b[i] = (i * 7919 + 13) & 0xff;
    const nodeCrc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
    if (typeof nodeCrc !== 'function') {
      console.log('node:zlib has no crc32 in this Node: comparison skipped');
      return;
    }
    expect(crc32(b)).toBe(nodeCrc(b));
  });
});
