import { unzlibSync } from 'fflate';
import { err, ok, type Result } from '../../shared/result';
import { crc32 } from './crc32';

/**
 * The PNGs PercuPlan accepts are what a canvas's toBlob('image/png') makes: 8-bit truecolour
 * (RGB, colour type 2) or truecolour with alpha (RGBA, colour type 6), not interlaced. Anything
 * else (palette, grey, 16-bit, Adam7) is refused with a sentence rather than half supported.
 */

/** The largest width or height accepted (pixels). */
export const PNG_MAX_SIDE = 8192;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** A PNG's header (IHDR). */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  /** 2: RGB, 6: RGBA. */
  readonly colourType: 2 | 6;
}

/** A decoded PNG: its pixels as RGB, row by row, 3 bytes a pixel (alpha composited on black). */
export interface DecodedPng extends PngHeader {
  readonly rgb: Uint8Array;
}

interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
}

const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const typeOf = (b: Uint8Array, at: number): string => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** Every chunk, each CRC checked, up to and including IEND. */
function chunksOf(bytes: Uint8Array): Result<Chunk[]> {
  if (bytes.length < SIGNATURE.length || SIGNATURE.some((v, i) => bytes[i] !== v)) return err('not a PNG (the 8-byte PNG signature is missing)');
  const chunks: Chunk[] = [];
  let at = SIGNATURE.length;
  for (;;) {
    if (at + 12 > bytes.length) return err('the PNG ends before its IEND chunk');
    const length = u32(bytes, at);
    const type = typeOf(bytes, at + 4);
    if (length > bytes.length - at - 12) return err(`the PNG's ${type} chunk runs past the end of the file`);
    const data = bytes.subarray(at + 8, at + 8 + length);
    const stored = u32(bytes, at + 8 + length);
    if (crc32(bytes, at + 4, at + 8 + length) !== stored) return err(`the PNG's ${type} chunk fails its CRC check (damaged file)`);
    chunks.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') return ok(chunks);
  }
}

function headerOf(chunks: readonly Chunk[]): Result<PngHeader> {
  const first = chunks[0];
  if (!first || first.type !== 'IHDR' || first.data.length !== 13) return err('the PNG does not start with an IHDR chunk');
  const d = first.data;
  const width = u32(d, 0);
  const height = u32(d, 4);
  const [depth, colour, compression, filter, interlace] = [d[8], d[9], d[10], d[11], d[12]];
  if (width < 1 || height < 1 || width > PNG_MAX_SIDE || height > PNG_MAX_SIDE) {
    return err(`the PNG is ${width}×${height} pixels; each side must be from 1 to ${PNG_MAX_SIDE}`);
  }
  if (depth !== 8 || (colour !== 2 && colour !== 6)) {
    return err(`the PNG has bit depth ${depth ?? '?'} and colour type ${colour ?? '?'}; only 8-bit RGB (type 2) or RGBA (type 6) is accepted`);
  }
  if (compression !== 0 || filter !== 0) return err('the PNG uses an unknown compression or filter method');
  if (interlace !== 0) return err('the PNG is interlaced (Adam7); save it without interlacing');
  return ok({ width, height, colourType: colour });
}

/** The header of a PNG, with every chunk's CRC checked (nothing inflated). */
export function readPngHeader(bytes: Uint8Array): Result<PngHeader> {
  const chunks = chunksOf(bytes);
  return chunks.ok ? headerOf(chunks.value) : chunks;
}

/** The Paeth predictor (PNG specification, 9.4): the neighbour nearest to a + b − c. */
export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Undoes the row filters in place (PNG specification, 9.2): each scanline starts with its
 * filter type (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth); `bpp` bytes a pixel. Returns the
 * unfiltered pixels without the filter bytes.
 */
function unfilter(raw: Uint8Array, width: number, height: number, bpp: number): Result<Uint8Array> {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = y > 0 && x >= bpp ? out[prev + x - bpp]! : 0;
      let predicted: number;
      if (type === 0) predicted = 0;
      else if (type === 1) predicted = a;
      else if (type === 2) predicted = b;
      else if (type === 3) predicted = (a + b) >> 1;
      else if (type === 4) predicted = paeth(a, b, c);
      else return err(`row ${y} of the PNG has an unknown filter type ${type}`);
      out[row + x] = (raw[src + x]! + predicted) & 0xff;
    }
  }
  return ok(out);
}

/**
 * Decodes an 8-bit RGB or RGBA, non-interlaced PNG to RGB: signature, chunks (CRC checked),
 * IHDR, every IDAT concatenated and inflated (zlib), the five row filters undone. An RGBA pixel
 * is composited on black (c × α / 255, rounded): a Secondary Capture has no alpha, and the
 * viewer's background is black. Errors are sentences about the file.
 */
export function decodePng(bytes: Uint8Array): Result<DecodedPng> {
  const chunks = chunksOf(bytes);
  if (!chunks.ok) return chunks;
  const header = headerOf(chunks.value);
  if (!header.ok) return header;
  const { width, height, colourType } = header.value;
  const idat = chunks.value.filter((c) => c.type === 'IDAT');
  if (!idat.length) return err('the PNG has no image data (IDAT)');
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.data.length, 0));
  let at = 0;
  for (const c of idat) {
    joined.set(c.data, at);
    at += c.data.length;
  }
  const bpp = colourType === 6 ? 4 : 3;
  let raw: Uint8Array;
  try {
    raw = unzlibSync(joined);
  } catch (e) {
    return err(`the PNG's image data does not inflate (${e instanceof Error ? e.message : String(e)})`);
  }
  const expected = height * (width * bpp + 1);
  if (raw.length !== expected) return err(`the PNG's image data holds ${raw.length} bytes where ${width}×${height} pixels need ${expected}`);
  const pixels = unfilter(raw, width, height, bpp);
  if (!pixels.ok) return pixels;
  if (bpp === 3) return ok({ ...header.value, rgb: pixels.value });
  const rgba = pixels.value;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    const alpha = rgba[i + 3]!;
    rgb[j] = Math.round((rgba[i]! * alpha) / 255);
    rgb[j + 1] = Math.round((rgba[i + 1]! * alpha) / 255);
    rgb[j + 2] = Math.round((rgba[i + 2]! * alpha) / 255);
  }
  return ok({ ...header.value, rgb });
}
