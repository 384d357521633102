import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, paeth, readPngHeader } from './decodePng';

/*
 * PNGs built by hand here (chunks with node's zlib CRC, IDAT deflated by node's zlib), with the
 * filtered scanlines written out and the expected pixels worked out by hand beside them.
 */

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

interface Build {
  width: number;
  height: number;
  colour?: number;
  depth?: number;
  interlace?: number;
  /** Scanlines, each with its filter byte first. */
  rows: number[][];
  /** Split the deflated data into this many IDAT chunks. */
  idats?: number;
}

function png({ width, height, colour = 2, depth = 8, interlace = 0, rows, idats = 1 }: Build): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, colour, 0, 0, interlace], 8);
  const z = deflateSync(Buffer.from(rows.flat()));
  const parts: Buffer[] = [];
  const step = Math.ceil(z.length / idats);
  for (let i = 0; i < z.length; i += step) parts.push(chunk('IDAT', z.subarray(i, i + step)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...parts, chunk('IEND', new Uint8Array())]);
}

const FIRST_ROW = [0, 10, 20, 30, 40, 50, 60];
const decodedRgb = (bytes: Uint8Array): number[] => {
  const d = decodePng(bytes);
  if (!d.ok) throw new Error(d.error);
  return [...d.value.rgb];
};

describe('decodePng: the five row filters (2×2 RGB, row 0 unfiltered = 10 20 30 | 40 50 60)', () => {
  it('None: bytes as they are', () => {
    expect(decodedRgb(png({ width: 2, height: 2, rows: [FIRST_ROW, [0, 1, 2, 3, 4, 5, 6]] }))).toEqual([10, 20, 30, 40, 50, 60, 1, 2, 3, 4, 5, 6]);
  });

  it('Sub: each byte plus the same channel of the pixel to its left (wrapping mod 256)', () => {
    // 1 2 3 | 4+1 5+2 6+3; and 200 + 100 = 300 → 44.
    expect(decodedRgb(png({ width: 2, height: 2, rows: [FIRST_ROW, [1, 1, 2, 3, 4, 5, 6]] })).slice(6)).toEqual([1, 2, 3, 5, 7, 9]);
    expect(decodedRgb(png({ width: 2, height: 1, rows: [[1, 100, 0, 0, 200, 0, 0]] }))).toEqual([100, 0, 0, 44, 0, 0]);
  });

  it('Up: each byte plus the byte above', () => {
    expect(decodedRgb(png({ width: 2, height: 2, rows: [FIRST_ROW, [2, 1, 2, 3, 4, 5, 6]] })).slice(6)).toEqual([11, 22, 33, 44, 55, 66]);
  });

  it('Average: each byte plus floor((left + above) / 2)', () => {
    // x0: 1 + floor((0+10)/2) = 6, 2 + 10 = 12, 3 + 15 = 18; x1: 4 + floor((6+40)/2) = 27, 5 + floor((12+50)/2) = 36, 6 + floor((18+60)/2) = 45.
    expect(decodedRgb(png({ width: 2, height: 2, rows: [FIRST_ROW, [3, 1, 2, 3, 4, 5, 6]] })).slice(6)).toEqual([6, 12, 18, 27, 36, 45]);
  });

  it('Paeth: each byte plus the neighbour nearest left + above − upper-left', () => {
    // x0: a=0 b=10 c=0 → b → 11, 22, 33; x1: a=11 b=40 c=10, p=41 → b=40 → 44; likewise 55, 66.
    expect(decodedRgb(png({ width: 2, height: 2, rows: [FIRST_ROW, [4, 1, 2, 3, 4, 5, 6]] })).slice(6)).toEqual([11, 22, 33, 44, 55, 66]);
    // Row 0 with Paeth: above and upper-left are 0, so the predictor is the left byte (as Sub).
    expect(decodedRgb(png({ width: 2, height: 1, rows: [[4, 7, 8, 9, 1, 1, 1]] }))).toEqual([7, 8, 9, 8, 9, 10]);
  });

  it('the Paeth predictor picks left, above or upper-left, left first on ties', () => {
    expect(paeth(10, 5, 3)).toBe(10); // p = 12: |2|, |7|, |9|
    expect(paeth(5, 10, 3)).toBe(10); // p = 12: |7|, |2|, |9|
    expect(paeth(10, 2, 7)).toBe(7); // p = 5: |5|, |3|, |2|
    expect(paeth(4, 4, 4)).toBe(4);
    expect(paeth(3, 9, 6)).toBe(6); // p = 6: |3|, |3|, |0| → upper-left
  });
});

describe('decodePng: colour, chunks and refusals', () => {
  it('composites RGBA on black: c × α / 255 rounded', () => {
    // 200·128/255 = 100.39 → 100; 100·128/255 = 50.2 → 50; 50·128/255 = 25.1 → 25; α 255 keeps, α 0 is black.
    const rgba = png({ width: 3, height: 1, colour: 6, rows: [[0, 200, 100, 50, 128, 1, 2, 3, 255, 9, 9, 9, 0]] });
    expect(decodedRgb(rgba)).toEqual([100, 50, 25, 1, 2, 3, 0, 0, 0]);
    expect(readPngHeader(rgba)).toEqual({ ok: true, value: { width: 3, height: 1, colourType: 6 } });
  });

  it('joins the image data of several IDAT chunks', () => {
    const rows = [FIRST_ROW, [2, 1, 2, 3, 4, 5, 6]];
    expect(decodedRgb(png({ width: 2, height: 2, rows, idats: 3 }))).toEqual(decodedRgb(png({ width: 2, height: 2, rows })));
  });

  it('refuses a damaged chunk (CRC), a missing signature, and what a canvas does not make', () => {
    const good = png({ width: 2, height: 2, rows: [FIRST_ROW, FIRST_ROW] });
    const damaged = Buffer.from(good);
    damaged[damaged.length - 20] = (damaged[damaged.length - 20] ?? 0) ^ 0xff;
    expect(decodePng(damaged)).toMatchObject({ ok: false, error: expect.stringMatching(/fails its CRC check/) });
    expect(decodePng(good.subarray(1))).toMatchObject({ ok: false, error: expect.stringMatching(/signature/) });
    expect(decodePng(good.subarray(0, good.length - 12))).toMatchObject({ ok: false, error: expect.stringMatching(/ends before its IEND/) });
    expect(readPngHeader(png({ width: 1, height: 1, depth: 16, rows: [[0, 0, 0, 0, 0, 0, 0]] }))).toMatchObject({ ok: false, error: expect.stringMatching(/bit depth 16/) });
    expect(readPngHeader(png({ width: 1, height: 1, colour: 3, rows: [[0, 0]] }))).toMatchObject({ ok: false, error: expect.stringMatching(/colour type 3/) });
    expect(readPngHeader(png({ width: 1, height: 1, interlace: 1, rows: [[0, 0, 0, 0]] }))).toMatchObject({ ok: false, error: expect.stringMatching(/interlaced/) });
    expect(readPngHeader(png({ width: 8193, height: 1, rows: [[0]] }))).toMatchObject({ ok: false, error: expect.stringMatching(/8193×1 pixels/) });
    expect(readPngHeader(png({ width: 0, height: 1, rows: [[0]] }))).toMatchObject({ ok: false, error: expect.stringMatching(/from 1 to 8192/) });
    expect(decodePng(png({ width: 2, height: 2, rows: [FIRST_ROW] }))).toMatchObject({ ok: false, error: expect.stringMatching(/holds 7 bytes where 2×2 pixels need 14/) });
    expect(decodePng(png({ width: 2, height: 1, rows: [[5, 0, 0, 0, 0, 0, 0]] }))).toMatchObject({ ok: false, error: expect.stringMatching(/unknown filter type 5/) });
  });
});
