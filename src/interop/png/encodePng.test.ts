import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { encodePngRgb } from './encodePng';
import { crc32 } from './crc32';

const be32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

interface Chunk { type: string; data: Uint8Array; crcOk: boolean }
function chunks(png: Uint8Array): Chunk[] {
  const out: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    const len = be32(png, at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    out.push({ type, data, crcOk: be32(png, at + 8 + len) === crc32(png, at + 4, at + 8 + len) });
    at += 12 + len;
  }
  return out;
}

describe('encodePngRgb', () => {
  it('writes signature, IHDR 3×2 RGB8, one IDAT whose zlib stream holds filter-0 scanlines, IEND; all CRCs right', () => {
    // 3×2: row 0 red, green, blue; row 1 white, black, grey 128.
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
    const png = encodePngRgb(3, 2, rgb);
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    const ihdr = cs[0]!.data;
    expect(be32(ihdr, 0)).toBe(3);
    expect(be32(ihdr, 4)).toBe(2);
    expect(Array.from(ihdr.subarray(8))).toEqual([8, 2, 0, 0, 0]);
    const raw = new Uint8Array(inflateSync(cs[1]!.data));
    // Each scanline: one filter byte (0) then 9 colour bytes.
    expect(Array.from(raw)).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
    expect(cs[2]!.data.length).toBe(0);
  });
  it('refuses a buffer of the wrong length and a zero size', () => {
    expect(() => encodePngRgb(2, 2, new Uint8Array(11))).toThrow(/12 expected/);
    expect(() => encodePngRgb(0, 2, new Uint8Array(0))).toThrow(/positive/);
  });
});
