/**
 * Unpacking SEG pixel data (native transfer syntaxes only) into one 0/1 plane per frame.
 * Frames follow each other without padding, so in a BINARY SEG a frame whose pixel count is
 * not a multiple of 8 starts in the middle of a byte (a 23×38 frame has 874 bits): bits are
 * addressed by their index in the whole pixel data, least significant bit first (PS3.5 8.1.1).
 */

/** The 0/1 plane of BINARY frame `frame` (0-based) of packed 1-bit pixel data. */
export function unpackBinaryFrame(data: Uint8Array, frame: number, pixelsPerFrame: number): Uint8Array {
  const out = new Uint8Array(pixelsPerFrame);
  const start = frame * pixelsPerFrame;
  for (let p = 0; p < pixelsPerFrame; p++) {
    const bit = start + p;
    out[p] = (data[bit >>> 3]! >>> (bit & 7)) & 1;
  }
  return out;
}

/**
 * The 0/1 plane of an 8-bit FRACTIONAL frame: a pixel is in the segment when its value is at
 * least half of MaximumFractionalValue (probability ≥ 50 %, or occupancy ≥ 50 %).
 */
export function thresholdFractionalFrame(data: Uint8Array, frame: number, pixelsPerFrame: number, maxValue: number): Uint8Array {
  const out = new Uint8Array(pixelsPerFrame);
  const start = frame * pixelsPerFrame;
  for (let p = 0; p < pixelsPerFrame; p++) {
    const v = data[start + p]!;
    out[p] = v > 0 && 2 * v >= maxValue ? 1 : 0;
  }
  return out;
}

/** The label values of a LABELMAP frame (8- or 16-bit little endian), one per pixel. */
export function labelFrame(data: Uint8Array, frame: number, pixelsPerFrame: number, bitsAllocated: 8 | 16): Uint16Array | Uint8Array {
  if (bitsAllocated === 8) return data.subarray(frame * pixelsPerFrame, (frame + 1) * pixelsPerFrame);
  const out = new Uint16Array(pixelsPerFrame);
  const base = frame * pixelsPerFrame * 2;
  for (let p = 0; p < pixelsPerFrame; p++) out[p] = data[base + 2 * p]! | (data[base + 2 * p + 1]! << 8);
  return out;
}

/** Bytes of native pixel data that `frames` frames need. */
export function nativePixelBytes(rows: number, columns: number, frames: number, bitsAllocated: number): number {
  const bits = rows * columns * frames * bitsAllocated;
  return Math.ceil(bits / 8);
}
